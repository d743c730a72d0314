// The plain-browser part of npm run bench: the bench bundle, the floor and mark.js.

import { chromium } from 'playwright-core';
import type { Built } from './build';
import {
  CHROMIUM,
  HEAVY_MARKJS_CAP_MS,
  LONG_CHARS,
  MARKJS_CAP_MS,
  PREFS,
  progress,
  ROOT,
  RUNS,
  SCALING,
  SCALING_RUNS,
  SEED_IDS,
  VIEWPORT,
} from './common';
import type { LiveResult } from './page-bench';
import { ev, floorOnce, lit, load, loadMain, med, oursOnce, run, session, sideBySide, type Side } from './page-helpers';
import { analyseProfile, heapUsed, type Profile } from './profile';
import type { BenchServer } from './server';
import { readSourceMap } from './sourcemap';
import { RENDER_CATEGORIES, renderSteps, traceDuring } from './trace';

// --- the plain-browser part: the bench bundle, the floor and mark.js ------------------------------------------

export type Phases = Record<'parse' | 'compile' | 'read' | 'index' | 'annotate' | 'ranges' | 'paint' | 'total', number>;
export interface LiveNew {
  batches: { ms: number; chars: number; start: number }[];
}

export interface PlainResults {
  seeds: { id: string; side: Side }[];
  long: Side;
  phases: Phases[];
  collateral: { without: number[]; with: number[]; stepsWithout: Record<string, number>; stepsWith: Record<string, number> };
  scaling: { target: number; chars: number; floor: number; ours: number; oursSync: number }[];
  heavy: Side & { elements: number; phases: Phases };
  liveCurrent: LiveResult;
  liveNew: LiveNew;
  memory: { before: number; peak: number; after: number; floorAfter: number; floorBefore: number };
  profile: { top: { fn: string; ms: number }[]; totalMs: number; oursMs: number };
  longInfo: { chars: number; blocks: number; htmlBytes: number };
}

export async function plainBrowser(built: Built, server: BenchServer): Promise<PlainResults> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  try {
    const seeds: { id: string; side: Side }[] = [];
    for (const id of SEED_IDS) {
      progress(`seed ${id}`);
      seeds.push({ id, side: await sideBySide(page, server.url(`/seed/${id}`), built, RUNS, { cap: MARKJS_CAP_MS, runs: RUNS }) });
    }

    progress(`long page (${LONG_CHARS} characters): floor and ours × ${RUNS}, mark.js (cap ${MARKJS_CAP_MS / 1000} s)`);
    const longUrl = server.url(`/long?chars=${LONG_CHARS}`);
    const info = server.longInfo(LONG_CHARS);
    const long = await sideBySide(page, longUrl, built, RUNS, { cap: MARKJS_CAP_MS, runs: RUNS }, true);
    const phases: Phases[] = [];
    for (let i = 0; i < SCALING_RUNS; i++) {
      await load(page, longUrl, built);
      phases.push(await run<Phases>(page, `__hpaBench.phases(${lit(built.dictionaryJson)}, ${lit(PREFS)})`));
    }
    progress('long page: the page’s own frames after a DOM change, without and with our marks');
    await load(page, longUrl, built);
    let without: number[] = [];
    let withMarks: number[] = [];
    const traceWithout = await traceDuring(
      context,
      page,
      async () => void (without = await run<number[]>(page, '__hpaBench.mutationFrames()')),
      RENDER_CATEGORIES,
    );
    await oursOnce(page, built);
    const traceWith = await traceDuring(
      context,
      page,
      async () => void (withMarks = await run<number[]>(page, '__hpaBench.mutationFrames()')),
      RENDER_CATEGORIES,
    );

    const scaling: PlainResults['scaling'] = [];
    for (const target of SCALING) {
      progress(`scaling ${target}`);
      const s = target === LONG_CHARS ? long : await sideBySide(page, server.url(`/long?chars=${target}`), built, SCALING_RUNS, null);
      scaling.push({
        target,
        chars: med(s.ours, 'chars'),
        floor: med(s.floor, 'ms'),
        ours: med(s.ours, 'ms'),
        oursSync: med(s.ours, 'sync'),
      });
    }

    progress('heavy DOM');
    const heavySide = await sideBySide(page, server.url('/heavy'), built, RUNS, { cap: HEAVY_MARKJS_CAP_MS, runs: RUNS });
    await load(page, server.url('/heavy'), built);
    const elements = await ev<number>(page, 'window.__heavyElements');
    const heavyPhases = await run<Phases>(page, `__hpaBench.phases(${lit(built.dictionaryJson)}, ${lit(PREFS)})`);

    progress('live blog: the Annotator’s own mutation handling');
    await loadMain(page, server.url('/live'), built);
    const liveCurrent = await ev<LiveResult>(page, `__hpaBench.liveCurrent(${lit(built.dictionaryJson)}, ${lit(PREFS)})`);
    progress('live blog: only the new text per batch');
    await loadMain(page, server.url('/live'), built);
    const liveNew = await ev<LiveNew>(page, `__hpaBench.liveNewText(${lit(built.dictionaryJson)}, ${lit(PREFS)})`);

    progress('memory on the long page');
    const cdp = await session(page);
    await load(page, longUrl, built);
    const floorBefore = await heapUsed(cdp, true);
    await floorOnce(page);
    const floorAfter = await heapUsed(cdp, true);
    await load(page, longUrl, built);
    const before = await heapUsed(cdp, true);
    await oursOnce(page, built);
    const peak = await heapUsed(cdp, false);
    const after = await heapUsed(cdp, true);

    progress('CPU profile of ours on the long page');
    await load(page, longUrl, built);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await oursOnce(page, built);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.send('Profiler.disable');
    const analysed = analyseProfile(profile, (u) => u.includes('page-bench'), readSourceMap(built.bundleMap, ROOT));

    return {
      seeds,
      long,
      phases,
      collateral: { without, with: withMarks, stepsWithout: renderSteps(traceWithout), stepsWith: renderSteps(traceWith) },
      scaling,
      heavy: { ...heavySide, elements, phases: heavyPhases },
      liveCurrent,
      liveNew,
      memory: { before, peak, after, floorBefore, floorAfter },
      profile: { top: analysed.top.slice(0, 16), totalMs: analysed.totalMs, oursMs: analysed.mineMs },
      longInfo: { chars: info.chars, blocks: info.blocks, htmlBytes: Buffer.byteLength(info.html) },
    };
  } finally {
    await browser.close();
  }
}
