// npx tsx bench/firefox-cold-probe.ts — the long page's marks in Firefox with the background
// asleep and awake (issue 13: the first page wakes it; `npm run bench`'s cold_start_ms is
// Chromium's). Firefox runs an MV3 background as an event page and suspends it when idle; a
// preference shortens the idle time to 2 s here, and the extension's own views
// (extension.getViews, which does not wake it) say whether it is running. Each round: wait
// until it is suspended, load the 2 MB page and time the first frame with our highlights from
// the navigation's start; then load it again at once, the background awake. The development
// build in dist/dev/firefox (run `npm run build` first). Prints a table and one JSON line;
// asserts nothing.
//
// Environment: FIREFOX_PATH, BENCH_RUNS (rounds, default 5).

import { launchFirefox } from '../tests/e2e/browsers/firefox';
import type { TestBrowser, TestPage } from '../tests/e2e/browsers/types';
import { f1, LONG_CHARS, median, progress, ROOT, RUNS, say, sleep, table } from './common';
import { runProbe } from './long-page-probe';
import { startBenchServer } from './server';

const IDLE_MS = 2000;

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

/** The long page loaded in a new tab: ms from its navigation's start to the first frame with our highlights. */
async function marksShown(browser: TestBrowser, url: string): Promise<number> {
  const page = await browser.openPage(url);
  try {
    await page.waitFor(() => (window as unknown as { __probe?: { highlightsAt: number | null } }).__probe?.highlightsAt != null, 180_000);
    return await page.evaluate(() => (window as unknown as { __probe: { highlightsAt: number } }).__probe.highlightsAt);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const server = await startBenchServer(ROOT);
  const browser = await launchFirefox(undefined, { firefoxPrefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  try {
    const url = server.url(`/long?chars=${LONG_CHARS}&probe=1`);
    server.longInfo(LONG_CHARS); // the page generated before any timing
    const ext = await browser.openPage(`${browser.extensionOrigin}options.html`);
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      progress(`round ${i + 1} of ${RUNS}: waiting for the background to be suspended`);
      await until('the background suspended', async () => !(await backgroundRunning(ext)), 60_000);
      cold.push(await marksShown(browser, url));
      if (!(await backgroundRunning(ext))) throw new Error('the page did not wake the background');
      warm.push(await marksShown(browser, url));
    }
    say(
      table(
        ['long page, marks shown (navigation start →), Firefox ESR', 'median (ms)', 'runs'],
        [
          ['background suspended first (event page idle)', f1(median(cold)), cold.map(f1).join(', ')],
          ['the same, background running', f1(median(warm)), warm.map(f1).join(', ')],
        ],
      ),
    );
    say(JSON.stringify({ firefox_cold_start_ms: median(cold), firefox_warm_start_ms: median(warm), rounds: RUNS }));
  } finally {
    await browser.close();
    await server.close();
  }
}

runProbe(main);
