// The options page: sites, marks, and the reader's settings as a file. After an import
// the sites and marks are loaded again.

import { useState } from 'preact/hooks';
import { PRODUCT_NAME } from '../../shared/product';
import { MarksSection } from './marks-section';
import { SettingsFile } from './settings-file';
import { SitesSection } from './sites-section';

export function Options() {
  const [generation, setGeneration] = useState(0);
  return (
    <main class="options">
      <h1>{PRODUCT_NAME} — options</h1>
      <p>
        New here? <a href="welcome.html">What it does and how to use it</a>, with an article to try it on.
      </p>
      <SitesSection key={`sites-${generation}`} />
      <MarksSection key={`marks-${generation}`} />
      <SettingsFile onImported={() => setGeneration((g) => g + 1)} />
    </main>
  );
}
