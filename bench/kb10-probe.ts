// npx tsx bench/kb10-probe.ts — issue 13's kb10_over_kb alone, in a few minutes rather than
// npm run bench's ten, with each load's slices: the extension built with the shipped KB and
// with the 10× one (bench/kb10.ts), the long page loaded in each in turn, traced as npm run
// bench traces it. Prints a table per load and one JSON line; asserts nothing.
//
// Environment: CHROMIUM_PATH; KB10_PROBE_LOADS (pairs, default 11).

import fs from 'node:fs';
import { buildAll } from './build';
import { f1, f2, LONG_CHARS, median, progress, ROOT, say, table } from './common';
import { kbPairs, launchWithExtension } from './extension-browser';
import type { LoadWork } from './background-probes';
import { runProbe } from './long-page-probe';
import { startBenchServer } from './server';

const PAIRS = Math.max(1, Number(process.env.KB10_PROBE_LOADS ?? 11));

const slices = (l: LoadWork) => l.slices.map((s) => `${f1(s.ms)}/${f1(s.cpuMs)} (${s.ourSamples}/${s.samples})`).join(', ');

async function main(): Promise<void> {
  const built = await buildAll();
  const server = await startBenchServer(ROOT);
  const kb10 = await launchWithExtension(built.extensionDir10);
  const shipped = await launchWithExtension(built.extensionDir);
  try {
    const url = server.url(`/long?chars=${LONG_CHARS}&probe=1`);
    const pairs = await kbPairs(shipped, kb10, url, PAIRS, (i) => progress(`pair ${i + 1} of ${PAIRS}`));
    say(
      table(
        ['pair', 'shipped KB, ms wall / CPU', 'its slices, ms wall / CPU (our samples / all)', '10× KB, ms wall / CPU', 'its slices'],
        pairs.map((p, i) => [
          String(i + 1),
          `${f1(p.shipped.total)} / ${f1(p.shipped.cpu)}`,
          slices(p.shipped),
          `${f1(p.kb10.total)} / ${f1(p.kb10.cpu)}`,
          slices(p.kb10),
        ]),
      ),
    );
    const ratioOfMedians = median(pairs.map((p) => p.kb10.total)) / median(pairs.map((p) => p.shipped.total));
    const medianOfRatios = median(pairs.map((p) => p.kb10.total / p.shipped.total));
    const cpuPairs = pairs.map((p) => p.kb10.cpu / p.shipped.cpu);
    say(`CPU pair ratios: ${cpuPairs.map(f2).join(', ')}; wall: ${pairs.map((p) => f2(p.kb10.total / p.shipped.total)).join(', ')}`);
    say(
      JSON.stringify({
        pairs: PAIRS,
        kb10_over_kb: median(cpuPairs),
        cpu_ratio_of_medians: median(pairs.map((p) => p.kb10.cpu)) / median(pairs.map((p) => p.shipped.cpu)),
        wall_median_pair_ratio: medianOfRatios,
        wall_ratio_of_medians: ratioOfMedians,
      }),
    );
  } finally {
    await kb10.context.close();
    await shipped.context.close();
    await server.close();
    for (const dir of [kb10.profileDir, shipped.profileDir, built.work]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

runProbe(main);
