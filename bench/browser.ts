// npm run bench — the content script's cost in a real browser (issue 4), against the
// floor (one TreeWalker pass reading the text) and against mark.js 8.11.1, in the same
// run, in Debian's headless Chromium driven by playwright-core. Prints a table and, as
// the last line, one JSON object. Asserts nothing: the targets are reported, not tested.
//
// Two browsers, one after the other: a plain one where the bench bundle
// (bench/page-bench.ts: the content script's own Annotator, the floor, mark.js) runs on
// fresh loads of each page; then one with the built extension loaded (as
// tests/e2e/browsers/ loads it) for what only the real thing shows: hover cards, the
// content script's slices of main-thread work in a Chrome trace, a site switched off.
//
// It builds what it needs into a temporary folder (never into dist/): the knowledge base
// (npm run kb -- --out), the extension (npm run build:ext with DIST_DIR) and a bench-only
// bundle of the content script's modules (bench/page-bench.ts, Vite library mode).
//
// Last, Firefox ESR (puppeteer-core over WebDriver BiDi, as the e2e suites drive it) for the
// cold case there: the long page's marks with the background suspended and running.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium); FIREFOX_PATH; BENCH_RUNS (runs per figure,
// default 5); BENCH_MARKJS_CAP_MS (default 120000); BENCH_KEEP=1 keeps the temporary folder.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildAll } from './build';
import {
  CHROMIUM,
  f1,
  f2,
  HEAVY_MARKJS_CAP_MS,
  kb,
  MARKJS_CAP_MS,
  MARKJS_CHUNK,
  mb,
  median,
  percentile,
  PREFS,
  progress,
  ROOT,
  round,
  RUNS,
  SCALING_RUNS,
  say,
  slope,
  table,
  VIEWPORT,
} from './common';
import { findBrowser } from '../tests/e2e/find-browser';
import { extensionBrowser, kb10Browser, type ExtensionResults, type HoverSeries, type Kb10Results } from './extension-browser';
import { aliases, markjsFigure, med, type Side } from './page-helpers';
import { firefoxColdStart, type FirefoxColdStart } from './firefox-browser';
import { plainBrowser, type PlainResults } from './plain-browser';
import { startBenchServer } from './server';
import { RENDER_STEPS } from './trace';

// --- report --------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: npm run bench needs Debian's chromium (apt-get install chromium)`);
  findBrowser('firefox'); // before ten minutes of Chromium: the last part needs it
  const built = await buildAll();
  const server = await startBenchServer(ROOT);
  let plain: PlainResults;
  let ext: ExtensionResults;
  let kb10: Kb10Results;
  let firefox: FirefoxColdStart;
  try {
    plain = await plainBrowser(built, server);
    ext = await extensionBrowser(built, server);
    kb10 = await kb10Browser(built, server);
    firefox = await firefoxColdStart(path.join(built.dist, 'dev', 'firefox'), server, SCALING_RUNS);
  } finally {
    await server.close();
  }

  // What an annotated page loads: the loader (content.js), which has annotator.js put in, and
  // on the first card card-ui.js. content_script_gzip_kb counts all three: all a page can get.
  const contentJs = fs.readFileSync(path.join(built.extensionDir, 'content.js'));
  const annotatorJs = fs.readFileSync(path.join(built.extensionDir, 'annotator.js'));
  const cardUiJs = fs.readFileSync(path.join(built.extensionDir, 'card-ui.js'));
  const loaderGzip = zlib.gzipSync(contentJs, { level: 9 }).length;
  const annotatorGzip = zlib.gzipSync(annotatorJs, { level: 9 }).length;
  const cardUiGzip = zlib.gzipSync(cardUiJs, { level: 9 }).length;
  const contentGzip = loaderGzip + annotatorGzip + cardUiGzip;
  const dictRaw = Buffer.byteLength(built.dictionaryJson);
  const dictGzip = zlib.gzipSync(Buffer.from(built.dictionaryJson), { level: 9 }).length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);

  const L = plain.long;
  const floorMs = med(L.floor, 'ms');
  const oursMs = med(L.ours, 'ms');
  const mjs = markjsFigure(L);
  const longTaskCounts = L.ours.map((r) => r.longTasks?.length ?? 0);
  const longestTasks = L.ours.map((r) => Math.max(0, ...(r.longTasks ?? []).map((t) => t.duration)));
  const logx = plain.scaling.map((s) => Math.log(s.chars));
  const exponent = slope(
    logx,
    plain.scaling.map((s) => Math.log(s.ours)),
  );
  const exponentSync = slope(
    logx,
    plain.scaling.map((s) => Math.log(s.oursSync)),
  );
  const exponentFloor = slope(
    logx,
    plain.scaling.map((s) => Math.log(s.floor)),
  );
  const big = plain.scaling.filter((s) => s.target >= 1_000_000);
  const exponentBig = slope(
    big.map((s) => Math.log(s.chars)),
    big.map((s) => Math.log(s.ours)),
  );
  const LC = plain.liveCurrent;
  const current = LC.batches.filter((b) => b.start >= LC.streamStart).map((b) => b.ms);
  const newText = plain.liveNew.batches.map((b) => b.ms);
  const cardMs = median(ext.hoverLong.rest.map((h) => h.cardMs));
  const unsettled = [...plain.seeds.flatMap((s) => s.side.ours), ...L.ours, ...plain.heavy.ours].filter((r) => !r.settled).length;

  say('# npm run bench — the content script in a real browser (issue 4)');
  say();
  say(
    `${new Date().toISOString().slice(0, 10)}; ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}; ${ext.chromiumVersion.startsWith('Chromium') ? ext.chromiumVersion : `Chromium ${ext.chromiumVersion}`} headless (${CHROMIUM}); node ${process.version}`,
  );
  say(
    `median of ${RUNS} runs (scaling pages and phases: ${SCALING_RUNS}), each on a fresh load of the page; viewport ${VIEWPORT.width}×${VIEWPORT.height}; ms unless said`,
  );
  say();
  say('What is measured:');
  say(
    '- floor: one TreeWalker (SHOW_TEXT) pass over document.body reading every text node not directly inside script/style/noscript/template/textarea/title, joined into one string.',
  );
  say(
    "- ours: the content script's own code path. A bench build of src/annotator/annotator.ts (bench/page-bench.ts; webextension-polyfill replaced by bench/fake-browser.ts)",
  );
  say(
    '  runs new Annotator(document).start() as extension/content.ts does; page:setup is answered a task later (prefs and KB version, no dictionary), page:match by the',
  );
  say(
    "  real handler's warm engine through JSON as a message is (its time left out); the Annotator reads the page, sends it, decodes the matches, builds ranges and paints.",
  );
  say(
    "- ms = script time (floor: the pass; ours: start() until it resolves) + the next frame's rendering (its rAF callback to a message posted from it: style, layout, paint",
  );
  say(
    '  of the marks); the wait for the display\'s next tick is left out. "script" is the first part alone; "wall" = call to after that frame, the tick included.',
  );
  say(
    `- mark.js 8.11.1: new Mark(document.body).mark(aliases, { accuracy: "exactly", separateWordSearch: false, caseSensitive: true }), other options default, on a fresh load;`,
  );
  say(
    `  the ${new Set(aliases(built)).size} distinct pattern texts of the dictionary, longest first as mark.js sorts them, ${MARKJS_CHUNK} per call so that the bench can stop at the cap`,
  );
  say(
    '  (the same work in the same order as one call); its figure = the calls + the final frame (frames rendered between calls are not counted, so it is if anything low).',
  );
  say(
    '- floor, ours and mark.js run in an isolated world of the page (CDP Page.createIsolatedWorld), where a content script runs; the live-blog runs, which drive',
  );
  say("  the page's own script, run in its main world. Each figure is from a fresh load of the page.");
  say();

  say('## Pages');
  say(
    table(
      ['page', 'text read (chars)', 'text nodes', 'notes'],
      [
        ...plain.seeds.map((s) => [
          `seed ${s.id}`,
          med(s.side.ours, 'chars'),
          med(s.side.ours, 'nodes'),
          'a seed article in the news template',
        ]),
        [
          'long',
          med(L.ours, 'chars'),
          med(L.ours, 'nodes'),
          `${plain.longInfo.chars} chars of story text in ${plain.longInfo.blocks} paragraphs and list items; HTML ${mb(plain.longInfo.htmlBytes)}`,
        ],
        [
          'heavy DOM',
          med(plain.heavy.ours, 'chars'),
          med(plain.heavy.ours, 'nodes'),
          `${plain.heavy.elements} elements, 10 chains 2,000 deep`,
        ],
      ],
    ),
  );
  say();

  say('## Floor, ours and mark.js (median)');
  const sideRow = (name: string, s: Side): (string | number)[] => {
    const fm = med(s.floor, 'ms');
    const om = med(s.ours, 'ms');
    const m = markjsFigure(s);
    return [
      name,
      f1(fm),
      f1(om),
      f1(med(s.ours, 'sync')),
      f1(med(s.ours, 'wall')),
      m.text,
      f2(om / fm),
      s.markjs.length ? `${m.capped ? '≥ ' : ''}${f1(m.ms / om)}` : '—',
      med(s.ours, 'marks'),
      s.markjs.length ? Math.round(median(s.markjs.map((r) => r.marks))) : '—',
    ];
  };
  say(
    table(
      ['page', 'floor', 'ours', 'ours script', 'ours wall', 'mark.js', 'ours/floor', 'mark.js/ours', 'our marks', 'mark.js marks'],
      [...plain.seeds.map((s) => sideRow(`seed ${s.id}`, s.side)), sideRow('long', L), sideRow('heavy DOM', plain.heavy)],
    ),
  );
  if (mjs.capped)
    say(
      `mark.js on the long page did not finish within the cap: ≥ ${f1(MARKJS_CAP_MS)} ms, ${L.markjs[0]!.done} of ${L.markjs[0]!.total} keywords done (all of them at that pace: about ${f1((mjs.estimate ?? NaN) / 1000)} s); the ratio uses the cap and is a lower bound.`,
    );
  const hm = markjsFigure(plain.heavy);
  if (hm.capped)
    say(
      `mark.js on the heavy DOM did not finish within ${f1(HEAVY_MARKJS_CAP_MS)} ms (${plain.heavy.markjs[0]!.done} of ${plain.heavy.markjs[0]!.total} keywords; about ${f1((hm.estimate ?? NaN) / 1000)} s for all); the ratio is a lower bound.`,
    );
  if (unsettled) say(`note: in ${unsettled} run(s) the marks changed after start() resolved; "ours" then misses that later work.`);
  say();

  say('## Where ours spends its time');
  const P = plain.phases as unknown as Record<string, unknown>[];
  const pk = ['parse', 'compile', 'read', 'index', 'annotate', 'ranges', 'paint'];
  const H = plain.heavy.phases as unknown as Record<string, number>;
  say(
    table(
      ['scan() step by step (same modules)', ...pk, 'total'],
      [
        ['long page (median)', ...pk.map((k) => f1(median(P.map((p) => p[k] as number)))), f1(median(P.map((p) => p.total as number)))],
        ['heavy DOM (one run)', ...pk.map((k) => f1(H[k] ?? NaN)), f1(H.total ?? NaN)],
      ],
    ),
  );
  say(
    'in the page before issue 13 (now in the background): parse = JSON.parse of the dictionary; compile = createEngine; read = pageDate + readPageText; index = the Map of text nodes;',
  );
  say(
    'annotate = engine.annotate; ranges = selectMarked (ranges themselves are built lazily); paint = Painter.set: every range into CSS.highlights, or above 1,500 marks those of the runs (up to 16 sibling elements) whose measured band is near the viewport.',
  );
  say(
    table(
      ['the Annotator itself', 'start() script', "the fake background's page:match (left out)", 'render of the next frame', 'ms'],
      [['ms', f1(med(L.ours, 'sync')), f1(med(L.ours, 'background')), f1(med(L.ours, 'render')), f1(oursMs)]],
    ),
  );
  const C = plain.collateral;
  say(
    `the page's own next frame after it appends one element (traced; median of 5 frames, rAF to the message after the frame): ${f1(median(C.without))} without our marks, ${f1(median(C.with))} with them;`,
  );
  say(
    `  per frame, from the trace: ${RENDER_STEPS.map((k) => `${k} ${f1((C.stepsWithout[k] ?? 0) / 5)} → ${f1((C.stepsWith[k] ?? 0) / 5)}`).join(', ')}`,
  );
  say();

  say('## Scaling (the long page at each size; median)');
  say(
    table(
      ['story chars', 'text read', 'floor', 'ours', 'ours script', 'ours/floor'],
      plain.scaling.map((s) => [s.target, s.chars, f1(s.floor), f1(s.ours), f1(s.oursSync), f2(s.ours / s.floor)]),
    ),
  );
  say(
    `slope of log(time) against log(size), 100 k–4 M: ours ${f2(exponent)} (script only ${f2(exponentSync)}), floor ${f2(exponentFloor)}; ours over 1 M–4 M only: ${f2(exponentBig)}`,
  );
  say();

  say('## Long tasks during our work on the long page');
  say(
    `bench bundle (PerformanceObserver "longtask", from start() to the frame after): ${median(longTaskCounts)} long task(s) per run, longest ${f1(median(longestTasks))} (median of runs; per run: ${longestTasks.map(f1).join(', ')})`,
  );
  const W = ext.long.work;
  if (W.found) {
    const longest = max(W.ours.map((b) => b.ms));
    say(
      `real extension, traced page load (main-thread slices whose profiler samples run content.js): ${W.ours.length} slice(s), ${W.ours.filter((b) => b.ms > 50).length} over 50 ms, longest ${f1(longest)}, total ${f1(sum(W.ours.map((b) => b.ms)))};`,
    );
    say(
      `  content.js evaluated in ${f1(W.evaluateMs)}; CPU sampled in its frames ${f1(W.ourCpuMs)}; the next frame (it renders the marks): ${W.frameAfter ? `${f1(W.frameAfter.ms)} (${f1((W.frameAfter.ts - (W.ours[W.ours.length - 1]!.ts + W.ours[W.ours.length - 1]!.ms * 1000)) / 1000)} after our last slice)` : '—'}; marks first seen by the page ${f1(ext.long.highlightsAt)} after navigation start.`,
    );
    say(
      "  (the Long Tasks API in the page does not report the content script: its scan runs in a microtask checkpoint after the background's reply, outside any task)",
    );
    // What each slice is, so that a long one can be told apart: ours throughout, or the page's work (a frame, a GC) with some of ours.
    say(
      `  slices (ms, trace event, profiler samples in our code / all): ${W.ours.map((b) => `${f1(b.ms)} ${b.name} ${b.ourSamples}/${b.samples}`).join('; ')}`,
    );
  } else say('real extension: content.js was not found in the trace');
  say();

  say('## Live blog (200 entries, one every 50 ms, prepended; the page starts with 33 entries)');
  const newTotal = sum(newText);
  say(
    table(
      ['batch processing', 'batches', 'p50', 'p95', 'max', 'total', 'chars read per batch (median)'],
      [
        [
          "the Annotator's own (the page's thread blocked before each change of our marks, from the stream's start)",
          current.length,
          f2(percentile(current, 50)),
          f2(percentile(current, 95)),
          f2(max(current)),
          f1(sum(current)),
          '—',
        ],
        [
          'only the new text per mutation batch (same functions)',
          newText.length,
          f2(percentile(newText, 50)),
          f2(percentile(newText, 95)),
          f2(max(newText)),
          f1(newTotal),
          median(plain.liveNew.batches.map((b) => b.chars)),
        ],
      ],
    ),
  );
  const stale = (() => {
    const marked = new Map(LC.marked);
    const xs: number[] = [];
    LC.inserted.forEach((t, k) => {
      const m = marked.get(k);
      if (m !== undefined) xs.push(m - t);
    });
    return { xs, unmarked: LC.inserted.length - xs.length };
  })();
  say(
    `the Annotator spent ${f1(sum(current) / newTotal)}× the work of reading only the new text; batches found by: ${LC.timed.join(', ')}`,
  );
  say(
    `an entry waited for its marks ${f1(percentile(stale.xs, 50))} (p50), ${f1(max(stale.xs))} (max); ${stale.unmarked} of ${LC.inserted.length} entries got no mark (some have no name in them)`,
  );
  const LW = ext.live;
  const liveSlices = LW.work.ours.filter((b) => b.ts >= LW.streamStartTs).map((b) => b.ms);
  say(
    `real extension, traced: ${liveSlices.length} slice(s) of content-script work from the stream's start, p50 ${f2(percentile(liveSlices, 50))}, p95 ${f2(percentile(liveSlices, 95))}, longest ${f2(max(liveSlices))}, total ${f1(sum(liveSlices))}; entries waited ${f1(percentile(LW.staleness, 50))} (p50), ${f1(max(LW.staleness))} (max) for marks; ${LW.unmarked} of ${LW.entries} got none`,
  );
  say();

  say(`## Hover (real extension; dwell ${PREFS.dwellMs} ms)`);
  say(
    'Method: a capture pointermove listener in the page records the move; a MutationObserver on <hpa-card-host> (its style) and its open shadow root sees the host',
  );
  say(
    'shown (display:block and not visibility:hidden) with the .card rendered, and placed (transform set); then the next frame (rAF, then a posted message) = painted.',
  );
  say(
    'card = painted − (move + dwell). The content script counts the dwell from the move event and, while the pointer rests, fetches the card and renders and places',
  );
  say(
    'it hidden, so whatever of that is not done by the dwell\'s end is included, then the reveal and the frame; "shown" and "placed" below 0 mean before move + dwell',
  );
  say('as this listener saw the move (it sees the event a little after its timeStamp).');
  const hoverRow = (name: string, h: HoverSeries) => [
    name,
    h.rest.length,
    f1(median(h.rest.map((x) => x.cardMs))),
    f1(max(h.rest.map((x) => x.cardMs))),
    f1(median(h.rest.map((x) => x.showMs))),
    f1(median(h.rest.map((x) => x.placedMs))),
    h.first ? f1(h.first.cardMs) : '—',
    h.failed,
    [...h.rest, ...(h.first ? [h.first] : [])].filter((x) => /translate\(0px, 0px\)/.test(x.transform)).length,
  ];
  say(
    table(
      ['page', 'hovers', 'card painted (median)', 'max', 'shown (median)', 'placed (median)', 'first hover', 'no card', 'card at (0,0)'],
      [hoverRow('long', ext.hoverLong), hoverRow('seed 003', ext.hoverSeed)],
    ),
  );
  const stuck = ext.hoverLong.stuck + ext.hoverSeed.stuck;
  if (stuck) say(`${stuck} time(s) an open card could not be closed by Escape and moving the pointer away; those hovers were skipped.`);
  say();

  say('## Size and memory');
  say(
    `content script: content.js (the loader) ${kb(contentJs.length)}, gzip -9 ${kb(loaderGzip)}; annotator.js, put in on a page that is annotated, ${kb(annotatorJs.length)}, gzip -9 ${kb(annotatorGzip)}; card-ui.js, put in on the first card, ${kb(cardUiJs.length)}, gzip -9 ${kb(cardUiGzip)}; all three gzip -9 ${kb(contentGzip)}; the dictionary (the background's only; the page gets none): JSON ${kb(dictRaw)}, gzip -9 ${kb(dictGzip)}`,
  );
  const m = plain.memory;
  say(
    `bench bundle on the long page (JS heap: CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, before and after): the Annotator retains ${mb(m.after - m.before)}, ${mb(m.peak - m.before)} before GC; the floor retains ${mb(m.floorAfter - m.floorBefore)}`,
  );
  say(
    `real extension on the long page (same method): JS heap ${mb(ext.off.heapOff)} with 127.0.0.1 off, ${mb(ext.off.heapOn)} after switching it on in the open tab: the content script holds ${mb(ext.off.heapOn - ext.off.heapOff)}`,
  );
  say();

  say('## A site switched off (real extension; 127.0.0.1 switched off by site:set from an extension page; the long page loaded, traced)');
  const O = ext.off.work;
  say(
    O.found
      ? `content.js was injected (a registration still reaches 127.0.0.1): evaluated in ${f1(O.evaluateMs)} (compile ${f1(O.compileMs)}); ${O.ours.length} main-thread slice(s) run it, ${f1(sum(O.ours.map((b) => b.ms)))} in all (the slices' whole length), CPU sampled in its frames ${f1(O.ourCpuMs)};`
      : `content.js was not injected (the loader is registered only for the sites that are on): ${O.ours.length} main-thread slice(s) run it, ${f1(sum(O.ours.map((b) => b.ms)))} in all;`,
  );
  say(
    `highlights ${ext.off.highlights}, card host in the page: ${ext.off.host ? 'yes' : 'no'}. Compare on: ${f1(sum(W.ours.map((b) => b.ms)))} in ${W.ours.length} slice(s).`,
  );
  say();

  say('## CPU profile of ours on the long page (self time, sampled every 100 µs)');
  say(
    `sampled ${f1(plain.profile.totalMs)}, ${f1(plain.profile.oursMs)} under the bench bundle's frames ("(program)" is mostly the browser's own work: style, layout, paint)`,
  );
  say(
    table(
      ['function (source file:line)', 'self'],
      plain.profile.top.map((t) => [t.fn, f1(t.ms)]),
    ),
  );
  say();

  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  // Issue 13: the real extension's page work, the 10× KB, the background.
  const realMs = median(ext.longLoads.map((l) => l.total));
  const realOverFloor = realMs / floorMs;
  const kb10Ms = median(kb10.longLoads.map((l) => l.total));
  // Against the shipped KB's loads taken in turn with the 10× ones: the machine's load moves between
  // phases of the run, and from load to load (one load's work moves by ±30 %: bench/kb10-probe.ts).
  // So each 10× load is compared with the shipped load paired with it, and the median taken of those
  // ratios, in the page thread's CPU time: its wall time adds the waits for a core that the shared
  // 2-core machine gives elsewhere (half the wall time in a busy moment), which no KB can cause or spare.
  const pairedMs = median(kb10.pairedLoads.map((l) => l.total));
  const kb10Cpu = kb10.longLoads.map((l, i) => l.cpu / kb10.pairedLoads[i]!.cpu);
  const kb10Wall = kb10.longLoads.map((l, i) => l.total / kb10.pairedLoads[i]!.total);
  const kb10OverKb = median(kb10Cpu);
  const kb10OverKbWall = median(kb10Wall);
  const BG = ext.background;
  const bgMs = median(BG.busyMs);
  const coldMs = median(ext.cold);
  const tabHeap = kb10.heap.on - kb10.heap.off;
  say('## The real extension and the size of the knowledge base (issue 13)');
  say(
    table(
      ['figure', 'median', 'runs', 'how'],
      [
        [
          'our page main-thread work, long page, shipped KB',
          f1(realMs),
          ext.longLoads.map((l) => f1(l.total)).join(', '),
          'traced loads: the slices that run extension code',
        ],
        [
          `the same with the 10× KB (${built.kb10.patterns} patterns against ${built.kb10.shippedPatterns}; kb.json ${mb(built.kb10.bytes)} against ${mb(built.kb10.shippedBytes)})`,
          f1(kb10Ms),
          kb10.longLoads.map((l) => f1(l.total)).join(', '),
          'the same, another browser profile',
        ],
        [
          'the shipped KB again, each load just before one of those',
          f1(pairedMs),
          kb10.pairedLoads.map((l) => f1(l.total)).join(', '),
          'a third browser profile, loads taken in turn with the 10× ones, in alternating order',
        ],
        ['ours / floor (real extension)', f2(realOverFloor), '', `floor ${f1(floorMs)} (bench bundle, median)`],
        [
          '10× KB / shipped KB, page thread CPU time (each load against the one paired with it)',
          f2(kb10OverKb),
          kb10Cpu.map(f2).join(', '),
          `CPU ms, 10×: ${kb10.longLoads.map((l) => f1(l.cpu)).join(', ')}; shipped: ${kb10.pairedLoads.map((l) => f1(l.cpu)).join(', ')}`,
        ],
        ['  the same in wall time', f2(kb10OverKbWall), kb10Wall.map(f2).join(', '), `ratio of the medians: ${f2(kb10Ms / pairedMs)}`],
        [
          `background: page:match of the long page, warm (${BG.matches} matches)`,
          f1(bgMs),
          BG.busyMs.map(f1).join(', '),
          `the service worker's thread blocked (lag monitor), longest block ${f1(median(BG.longestMs))}`,
        ],
        [
          'the same request seen from the sending page: sendMessage() call / round trip',
          `${f1(median(BG.sendMs))} / ${f1(median(BG.roundTripMs))}`,
          BG.sendMs.map(f1).join(', '),
          "an extension page in a tab sends the long page's textContent",
        ],
        [
          'long page, marks shown (navigation start →), service worker stopped first',
          f1(coldMs),
          ext.cold.map(f1).join(', '),
          'CDP ServiceWorker.stopWorker',
        ],
        ['the same, service worker running', f1(median(ext.warm)), ext.warm.map(f1).join(', '), ''],
        [
          'long page, marks shown, Firefox ESR, background suspended first',
          f1(median(firefox.cold)),
          firefox.cold.map(f1).join(', '),
          'an event page, suspended after 2 s idle (a preference); extension.getViews() says so',
        ],
        ['the same, Firefox, background running', f1(median(firefox.warm)), firefox.warm.map(f1).join(', '), ''],
        [
          'JS heap the extension adds to one annotated tab, 10× KB',
          mb(tabHeap),
          `${mb(kb10.heap.off)} → ${mb(kb10.heap.on)}`,
          `site off, then on in the open tab (shipped KB: ${mb(ext.off.heapOn - ext.off.heapOff)})`,
        ],
      ],
    ),
  );
  say();
  const offMs = sum(O.ours.map((b) => b.ms));
  // The real extension's figures (issue 13: the bench measures the real thing). The bench bundle's own are kept beside
  // them: its fake background matches on the page's thread, inside the very tasks it times.
  // The longest slice of each traced load of the long page, median (as the page work is).
  const realLongest = median(ext.longLoads.map((l) => l.longest));
  // The same without the slices that are mostly the page's own work (the frame that paints the
  // marks: the page's pre-paint of a 2 MB document, with our rAF callback in it).
  const realLongestOwn = median(ext.longLoads.map((l) => l.longestOwn));
  const realLiveP95 = percentile(liveSlices, 95);
  say('## Targets (issue 4)');
  say(
    table(
      ['target', 'figure', ''],
      [
        ['ours ≤ 1.5 × floor (long page; bench bundle)', f2(oursMs / floorMs), verdict(oursMs / floorMs <= 1.5)],
        ['ours ≤ 2.5 × floor (long page; real extension, traced; issue 13)', f2(realOverFloor), verdict(realOverFloor <= 2.5)],
        ['10× KB ≤ 1.2 × shipped KB (page work, CPU time; issue 13)', f2(kb10OverKb), verdict(kb10OverKb <= 1.2)],
        ['mark.js ≥ 20 × ours (long page)', `${mjs.capped ? '≥ ' : ''}${f1(mjs.ms / oursMs)}`, verdict(mjs.ms / oursMs >= 20)],
        [
          `no task of ours over 50 ms (long page; real extension, traced; median of loads: ${ext.longLoads.map((l) => f1(l.longest)).join(', ')})`,
          f1(realLongest),
          verdict(realLongest <= 50),
        ],
        [
          `  the same, slices mostly of our code only (median of loads: ${ext.longLoads.map((l) => f1(l.longestOwn)).join(', ')})`,
          f1(realLongestOwn),
          verdict(realLongestOwn <= 50),
        ],
        [
          'no task of ours over 50 ms (long page; bench bundle, its fake background on the page thread)',
          f1(median(longestTasks)),
          verdict(median(longestTasks) <= 50),
        ],
        ['live-blog work ≤ 5 ms at p95 (real extension, traced slices)', f2(realLiveP95), verdict(realLiveP95 <= 5)],
        [
          'live-blog batches ≤ 5 ms at p95 (bench bundle, its fake background on the page thread)',
          f2(percentile(current, 95)),
          verdict(percentile(current, 95) <= 5),
        ],
        ['card painted ≤ 16 ms after the dwell (long page)', f1(cardMs), verdict(cardMs <= 16)],
        [
          'card painted ≤ 16 ms after the dwell (seed 003)',
          f1(median(ext.hoverSeed.rest.map((h) => h.cardMs))),
          verdict(median(ext.hoverSeed.rest.map((h) => h.cardMs)) <= 16),
        ],
        ['content script ≤ 40 KB gzip (loader + annotator.js + card-ui.js)', kb(contentGzip), verdict(contentGzip <= 40 * 1024)],
        ['cost linear in page size (exponent ≤ 1.1)', f2(exponent), verdict(exponent <= 1.1)],
        ['a switched-off site pays nothing measurable', `${f1(offMs)} ms main thread`, verdict(offMs < 1)],
      ],
    ),
  );
  say(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);

  if (process.env.BENCH_KEEP !== '1') fs.rmSync(built.work, { recursive: true, force: true });
  else progress(`kept ${built.work}`);

  console.log(
    JSON.stringify({
      floor_ms: round(floorMs),
      ours_ms: round(oursMs),
      markjs_ms: round(mjs.ms),
      ours_over_floor: round(realOverFloor),
      bundle_over_floor: round(oursMs / floorMs),
      markjs_over_ours: round(mjs.ms / oursMs),
      longest_task_ms: round(realLongest),
      longest_own_slice_ms: round(realLongestOwn),
      bundle_longest_task_ms: round(median(longestTasks)),
      long_tasks: median(longTaskCounts),
      live_batch_ms_p95: round(realLiveP95),
      bundle_live_batch_ms_p95: round(percentile(current, 95)),
      card_ms: round(cardMs),
      content_script_gzip_kb: round(contentGzip / 1024),
      loader_gzip_kb: round(loaderGzip / 1024),
      annotator_gzip_kb: round(annotatorGzip / 1024),
      card_ui_gzip_kb: round(cardUiGzip / 1024),
      scaling_exponent: round(exponent, 3),
      kb10_over_kb: round(kb10OverKb),
      kb10_over_kb_wall: round(kb10OverKbWall),
      background_match_ms: round(bgMs),
      cold_start_ms: round(coldMs),
      firefox_cold_start_ms: round(median(firefox.cold)),
      tab_heap_mb: round(tabHeap / 1024 / 1024),
    }),
  );
}

await main();
