// Firefox's part of the bench (issue 13: the first page wakes a sleeping background, in both
// browsers): the long page's marks with the background suspended and running. Firefox runs an
// MV3 background as an event page and suspends it when idle; a preference shortens the idle
// time to 2 s, and the extension's own views (extension.getViews, which does not wake it) say
// whether it is running. Driven as the e2e suites drive Firefox (tests/e2e/browsers/firefox.ts).

import { launchFirefox } from '../tests/e2e/browsers/firefox';
import type { TestBrowser, TestPage } from '../tests/e2e/browsers/types';
import { LONG_CHARS, progress, sleep } from './common';
import type { BenchServer } from './server';

const IDLE_MS = 2000;

export interface FirefoxColdStart {
  /** ms from navigation start to the first frame with our highlights, the background suspended first. */
  cold: number[];
  /** The same, loaded again at once with the background running. */
  warm: number[];
}

/** Whether the background page is running, asked from one of the extension's pages. */
function backgroundRunning(ext: TestPage): Promise<boolean> {
  return ext.evaluate(() =>
    (globalThis as unknown as { browser: { extension: { getViews(): Window[] } } }).browser.extension
      .getViews()
      .some((w) => w.location.pathname === '/_generated_background_page.html'),
  );
}

async function until(what: string, test: () => Promise<boolean>, ms: number): Promise<void> {
  for (const deadline = Date.now() + ms; !(await test()); await sleep(250))
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
}

/** The page loaded in a new tab: ms from its navigation's start to the first frame with our highlights (the server's probe script). */
async function marksShown(browser: TestBrowser, url: string): Promise<number> {
  const page = await browser.openPage(url);
  try {
    await page.waitFor(() => (window as unknown as { __probe?: { highlightsAt: number | null } }).__probe?.highlightsAt != null, 180_000);
    return await page.evaluate(() => (window as unknown as { __probe: { highlightsAt: number } }).__probe.highlightsAt);
  } finally {
    await page.close();
  }
}

/** `rounds` of: wait until the background is suspended, load the long page; load it again at once. */
export async function firefoxColdStart(extensionDir: string, server: BenchServer, rounds: number): Promise<FirefoxColdStart> {
  const browser = await launchFirefox(extensionDir, { firefoxPrefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  try {
    const url = server.url(`/long?chars=${LONG_CHARS}&probe=1`);
    server.longInfo(LONG_CHARS); // generated before any timing
    const ext = await browser.openPage(`${browser.extensionOrigin}options.html`);
    const result: FirefoxColdStart = { cold: [], warm: [] };
    for (let i = 0; i < rounds; i++) {
      progress(`Firefox: round ${i + 1} of ${rounds}, waiting for the background to be suspended`);
      await until('the background suspended', async () => !(await backgroundRunning(ext)), 60_000);
      result.cold.push(await marksShown(browser, url));
      if (!(await backgroundRunning(ext))) throw new Error('the page did not wake the background');
      result.warm.push(await marksShown(browser, url));
    }
    return result;
  } finally {
    await browser.close();
  }
}
