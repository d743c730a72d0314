// The options page: sites, marks, how cards open, the names not marked, and the reader's
// settings as a file. After an import the sites and preferences are loaded again.

import { useState } from 'preact/hooks';
import { PRODUCT_NAME } from '../../shared/product';
import { IgnoredSection } from './ignored-section';
import { MarksSection } from './marks-section';
import { OpeningSection } from './opening-section';
import { SettingsFile } from './settings-file';
import { SitesSection } from './sites-section';
import { usePrefs } from './use-prefs';

export function Options() {
  const [generation, setGeneration] = useState(0);
  return (
    <main class="options">
      <h1>{PRODUCT_NAME} — options</h1>
      <p>
        New here? <a href="welcome.html">What it does and how to use it</a>, with an article to try it on.
      </p>
      <SitesSection key={`sites-${generation}`} />
      <PrefsSections key={`prefs-${generation}`} />
      <SettingsFile onImported={() => setGeneration((g) => g + 1)} />
    </main>
  );
}

/** The sections that edit the preferences share one copy of them. */
function PrefsSections() {
  const prefs = usePrefs();
  return (
    <>
      <MarksSection prefs={prefs} />
      <OpeningSection prefs={prefs} />
      <IgnoredSection prefs={prefs} />
    </>
  );
}
