// Real browsers with the built extension loaded, for the end-to-end suites: Chromium through
// playwright-core (chromium.ts), Firefox through puppeteer-core over WebDriver BiDi (firefox.ts).
// find-browser.ts says where they are looked for; a missing browser is a failure with
// instructions, never a skip.

import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { BrowserSpec } from './types';

export { chromiumArgs, launchChromium } from './chromium';
export { DEV_DIST, DIST, ROOT } from './common';
export { GECKO_ID, launchFirefox } from './firefox';
export type { BrowserSpec, LaunchOptions, TestBrowser, TestPage } from './types';

/** A spec whose string is its name, for '%s' in test titles. */
const named = (spec: Omit<BrowserSpec, 'toString'>): BrowserSpec => ({ ...spec, toString: () => spec.name });

/** Every browser each suite runs in (`describe.each(BROWSERS)`), in this order. */
export const BROWSERS: readonly BrowserSpec[] = [
  named({
    name: 'Chromium',
    launch: (options) => launchChromium(undefined, options),
    serviceWorker: true,
    grantsAddedSites: false,
    emulatesColorScheme: true,
  }),
  named({
    name: 'Firefox',
    launch: (options) => launchFirefox(undefined, options),
    serviceWorker: false,
    grantsAddedSites: true,
    emulatesColorScheme: false,
  }),
];
