// npx tsx bench/firefox-cold-probe.ts — `npm run bench`'s Firefox figures alone, in about two
// minutes: the long page's marks in Firefox ESR with the background suspended (an event page,
// idle) and running (firefox-browser.ts says how). The development build in dist/dev/firefox
// (run `npm run build` first). Prints a table and one JSON line; asserts nothing.
//
// Environment: FIREFOX_PATH, BENCH_RUNS (rounds, default 5).

import path from 'node:path';
import { f1, median, ROOT, RUNS, say, table } from './common';
import { firefoxColdStart } from './firefox-browser';
import { runProbe } from './long-page-probe';
import { startBenchServer } from './server';

async function main(): Promise<void> {
  const server = await startBenchServer(ROOT);
  try {
    const { cold, warm } = await firefoxColdStart(path.join(ROOT, 'dist/dev/firefox'), server, RUNS);
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
    await server.close();
  }
}

runProbe(main);
