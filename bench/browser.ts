// npm run bench — the content script's cost in a real browser (issue 4), against the
// floor (one TreeWalker pass reading the text) and against mark.js 8.11.1, in the same
// run, in Debian's headless Chromium driven by playwright-core. Prints a table and, as
// the last line, one JSON object. Asserts nothing: the targets are reported, not tested.
//
// Two browsers, one after the other: a plain one where the bench bundle
// (bench/page-bench.ts: the content script's own Annotator, the floor, mark.js) runs on
// fresh loads of each page; then one with the built extension loaded (as
// tests/e2e/browsers/chromium.ts loads it) for what only the real thing shows: hover cards, the
// content script's slices of main-thread work in a Chrome trace, a site switched off.
//
// It builds what it needs into a temporary folder (never into dist/): the knowledge base
// (npm run kb -- --out), the extension (npm run build:ext with DIST_DIR) and a bench-only
// bundle of the content script's modules (bench/page-bench.ts, Vite library mode).
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium); BENCH_RUNS (runs per figure,
// default 5); BENCH_MARKJS_CAP_MS (default 120000); BENCH_KEEP=1 keeps the temporary folder.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import type { Dictionary } from '../src/engine/dictionary';
import { DEFAULT_PREFS } from '../src/shared/prefs';
import { chromiumArgs } from '../tests/e2e/browsers/chromium';
import type { LiveResult, OursResult } from './page-bench';
import { startBenchServer, type BenchServer } from './server';
import { readSourceMap, type SourceLookup } from './sourcemap';
import {
  contentScriptWork,
  RENDER_CATEGORIES,
  RENDER_STEPS,
  renderSteps,
  traceDuring,
  type MainThreadWork,
  type TraceEvent,
} from './trace';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const SCALING_RUNS = Math.max(1, Math.min(RUNS, 3));
const MARKJS_CAP_MS = Number(process.env.BENCH_MARKJS_CAP_MS ?? 120_000);
const HEAVY_MARKJS_CAP_MS = Math.min(MARKJS_CAP_MS, 60_000);
const MARKJS_CHUNK = 50;
const LONG_CHARS = 2_000_000;
const SCALING = [100_000, 500_000, 1_000_000, 2_000_000, 4_000_000];
const SEED_IDS = ['000', '001', '002', '003', '004'];
const VIEWPORT = { width: 1200, height: 900 };
const PREFS = DEFAULT_PREFS;

// --- small helpers ---------------------------------------------------------------------------

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const slope = (xs: number[], ys: number[]) => {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
};
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  return [
    line(head),
    '|' + widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|') + '|',
    ...cells.slice(1).map(line),
  ].join('\n');
}

const say = (s = '') => console.log(s);
const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);

// --- build ---------------------------------------------------------------------------------------

interface Built {
  work: string;
  dist: string;
  extensionDir: string;
  bundle: string;
  bundleMap: string;
  markjs: string;
  dictionary: Dictionary;
  dictionaryJson: string;
}

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
  }
}

async function buildAll(): Promise<Built> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-bench-'));
  const dist = path.join(work, 'dist');
  progress(`building into ${work}`);
  sh('npm', ['run', '-s', 'kb', '--', '--out', path.join(dist, 'kb.json')]);
  sh('npm', ['run', '-s', 'build:ext'], { DIST_DIR: dist });
  const bundleDir = path.join(work, 'bundle');
  const kbBundle = JSON.parse(fs.readFileSync(path.join(dist, 'kb.json'), 'utf8')) as { version: string; dictionary: Dictionary };
  // The content script's modules as scripts/build-extension.ts builds them (production JSX
  // for Preact), with webextension-polyfill replaced by bench/fake-browser.ts.
  process.env.NODE_ENV = 'production';
  await build({
    configFile: false,
    mode: 'production',
    root: ROOT,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: { __KB_VERSION__: JSON.stringify(kbBundle.version) },
    resolve: { alias: { 'webextension-polyfill': path.join(ROOT, 'bench/fake-browser.ts') } },
    build: {
      outDir: bundleDir,
      emptyOutDir: true,
      // Not minified, so that profiles name the functions (V8 runs the same code either way),
      // with a source map to name their files.
      minify: false,
      target: ['chrome120'],
      sourcemap: true,
      reportCompressedSize: false,
      lib: { entry: path.join(ROOT, 'bench/page-bench.ts'), formats: ['iife'], name: '__hpaBenchLib', fileName: () => 'page-bench.js' },
    },
  });
  const require = createRequire(import.meta.url);
  return {
    work,
    dist,
    extensionDir: path.join(dist, 'dev', 'chrome'), // the development build: the bench pages are served on localhost
    bundle: path.join(bundleDir, 'page-bench.js'),
    bundleMap: path.join(bundleDir, 'page-bench.js.map'),
    markjs: require.resolve('mark.js/dist/mark.min.js'),
    dictionary: kbBundle.dictionary,
    dictionaryJson: JSON.stringify(kbBundle.dictionary),
  };
}

// --- page helpers ----------------------------------------------------------------------------------

async function settle(page: Page): Promise<void> {
  // Two frames and a pause: the page's own first layout and paint are done before we start.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150))))');
}

// The bench bundle runs where a content script runs: in an isolated world of the page
// (CDP Page.createIsolatedWorld), so the floor, ours and mark.js all pay what an
// extension's script pays for DOM access there. The live-blog runs, which drive the
// page's own script, load it into the page's main world instead.
const sessions = new WeakMap<Page, CDPSession>();
const worlds = new WeakMap<Page, number>();

async function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) sessions.set(page, (cdp = await page.context().newCDPSession(page)));
  return cdp;
}

async function evalIn(page: Page, expression: string, contextId?: number): Promise<unknown> {
  const cdp = await session(page);
  const r = await cdp.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
    ...(contextId !== undefined && { contextId }),
  });
  if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  return r.result.value;
}

/** Loads `url` and puts the bench bundle (and `extra` scripts) into a new isolated world. */
async function load(page: Page, url: string, built: Built, extra: string[] = []): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
  const cdp = await session(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'hpa-bench' });
  worlds.set(page, executionContextId);
  for (const [file, name] of [[built.bundle, 'page-bench.js'], ...extra.map((f) => [f, path.basename(f)])] as [string, string][])
    await evalIn(page, `${fs.readFileSync(file, 'utf8')}\n//# sourceURL=${name}`, executionContextId);
  await settle(page);
}

/** Loads `url` with the bench bundle in the page's main world. */
async function loadMain(page: Page, url: string, built: Built): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
  await page.addScriptTag({ path: built.bundle });
  await settle(page);
}

/** Evaluates an expression in the page's main world (a string: tsx would add helpers to a serialised function). */
const ev = <T>(page: Page, expr: string) => page.evaluate<T>(expr);
/** Evaluates an expression in the bench's isolated world of the page. */
const run = async <T>(page: Page, expr: string) => (await evalIn(page, expr, worlds.get(page))) as T;
const lit = (v: unknown) => JSON.stringify(v);

interface FloorResult {
  sync: number;
  render: number;
  ms: number;
  wall: number;
  chars: number;
  nodes: number;
}
interface MarkJsResult {
  ms: number;
  finished: boolean;
  done: number;
  total: number;
  marks: number;
}

const floorOnce = (page: Page) => run<FloorResult>(page, '__hpaBench.floorRun()');
const oursOnce = (page: Page, built: Built, longTasks = false) =>
  run<OursResult>(page, `__hpaBench.ours(${lit(built.dictionaryJson)}, ${lit(PREFS)}, { longTasks: ${longTasks} })`);
const aliases = (built: Built) => built.dictionary.patterns.map((p) => p.text);
const markjsOnce = (page: Page, built: Built, capMs: number) =>
  run<MarkJsResult>(page, `__hpaBench.markjs(${lit(aliases(built))}, ${capMs}, ${MARKJS_CHUNK})`);

interface Side {
  floor: FloorResult[];
  ours: OursResult[];
  markjs: MarkJsResult[];
  markjsCap: number;
}

/** Floor, ours and (optionally) mark.js on fresh loads of one page, interleaved run by run. */
async function sideBySide(
  page: Page,
  url: string,
  built: Built,
  runs: number,
  markjs: { cap: number; runs: number } | null,
  longTasks = false,
): Promise<Side> {
  const side: Side = { floor: [], ours: [], markjs: [], markjsCap: markjs?.cap ?? 0 };
  for (let i = 0; i < runs; i++) {
    await load(page, url, built);
    side.floor.push(await floorOnce(page));
    await load(page, url, built);
    side.ours.push(await oursOnce(page, built, longTasks));
    if (markjs && side.markjs.length < markjs.runs) {
      await load(page, url, built, [built.markjs]);
      const r = await markjsOnce(page, built, markjs.cap);
      side.markjs.push(r);
      // A slow mark.js is run once: its figure is far from ours either way.
      if (!r.finished || r.ms > 20_000) markjs.runs = side.markjs.length;
    }
  }
  return side;
}

const med = <T>(xs: T[], key: keyof T) => median(xs.map((x) => x[key] as unknown as number));

function markjsFigure(s: Side): { ms: number; capped: boolean; text: string; estimate?: number } {
  if (!s.markjs.length) return { ms: NaN, capped: false, text: '—' };
  const unfinished = s.markjs.find((r) => !r.finished);
  if (unfinished) {
    const estimate = (unfinished.ms * unfinished.total) / unfinished.done;
    return { ms: s.markjsCap, capped: true, text: `≥ ${f1(s.markjsCap)} (cap)`, estimate };
  }
  const ms = med(s.markjs, 'ms');
  return { ms, capped: false, text: f1(ms) };
}

// --- CDP helpers -------------------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time (ms) per function, and inclusive time of the frames whose script URL passes `mine`. */
function analyseProfile(profile: Profile, mine: (url: string) => boolean, lookup?: SourceLookup) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const minesCache = new Map<number, boolean>();
  const isMine = (id: number): boolean => {
    const hit = minesCache.get(id);
    if (hit !== undefined) return hit;
    const n = byId.get(id)!;
    const p = parent.get(id);
    const v = mine(n.callFrame.url) || (p !== undefined && isMine(p));
    minesCache.set(id, v);
    return v;
  };
  const self = new Map<number, number>();
  let mineUs = 0;
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    totalUs += dt;
    if (isMine(id)) mineUs += dt;
  });
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    const src = cf.url && mine(cf.url) && lookup ? lookup(cf.lineNumber, cf.columnNumber) : undefined;
    const file = src ? `${src.source}:${src.line}` : cf.url ? `${cf.url.replace(/^.*\//, '')}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const top = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).map(([fn, us]) => ({ fn, ms: us / 1000 }));
  return { top, mineMs: mineUs / 1000, totalMs: totalUs / 1000 };
}

async function heapUsed(cdp: CDPSession, gc: boolean): Promise<number> {
  if (gc) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
  }
  const r = await cdp.send('Runtime.getHeapUsage');
  return r.usedSize;
}

// --- the plain-browser part: the bench bundle, the floor and mark.js ------------------------------------------

type Phases = Record<'parse' | 'compile' | 'read' | 'index' | 'annotate' | 'ranges' | 'paint' | 'total', number>;
interface LiveNew {
  batches: { ms: number; chars: number; start: number }[];
}

interface PlainResults {
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

async function plainBrowser(built: Built, server: BenchServer): Promise<PlainResults> {
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

// --- the real extension: its main-thread work in a trace, hover, live blog, a site switched off ---------

interface HoverResult {
  text: string;
  cardMs: number;
  showMs: number;
  placedMs: number;
  transform: string;
}

interface RealWork {
  work: MainThreadWork;
}

interface ExtensionResults {
  chromiumVersion: string;
  long: RealWork & { highlightsAt: number };
  hoverLong: HoverSeries;
  hoverSeed: HoverSeries;
  live: {
    work: MainThreadWork;
    streamStartTs: number;
    streamEndTs: number;
    staleness: number[];
    unmarked: number;
    entries: number;
    repaints: number;
  };
  off: { work: MainThreadWork; highlights: number; host: boolean; heapOff: number; heapOn: number };
}

async function launchWithExtension(extensionDir: string): Promise<{ context: BrowserContext; profileDir: string; extensionId: string }> {
  // As tests/e2e/browsers/chromium.ts launches it.
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: chromiumArgs(extensionDir),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  // The background registers the content-script loader as it starts: wait for it, as the tests do.
  for (let waited = 0; ; waited += 100) {
    const ids = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).chrome;
      return (await api.scripting.getRegisteredContentScripts()).map((s) => s.id);
    });
    if (ids.includes('defaults')) break;
    if (waited > 15_000) throw new Error('bench: the extension registered no content script within 15 s');
    await sleep(100);
  }
  return { context, profileDir, extensionId };
}

/** Closes an open card as a reader does (Escape, then the pointer to a corner); false if it stays open. */
async function closeCard(page: Page): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await ev<boolean>(page, '__hpaBench.cardOpen()'))) return true;
    await page.keyboard.press('Escape');
    await page.mouse.move(VIEWPORT.width - 3 - attempt * 200, VIEWPORT.height - 3);
    for (let i = 0; i < 10 && (await ev<boolean>(page, '__hpaBench.cardOpen()')); i++) await sleep(100);
  }
  return !(await ev<boolean>(page, '__hpaBench.cardOpen()'));
}

async function hoverOnce(page: Page, fraction: number, dwellMs: number): Promise<HoverResult | 'stuck' | null> {
  await page.mouse.move(VIEWPORT.width - 3, VIEWPORT.height - 3);
  await sleep(400);
  if (!(await closeCard(page))) return 'stuck';
  const at = await ev<{ x: number; y: number; text: string } | null>(page, `__hpaBench.markPoint(${fraction})`);
  if (!at) return null;
  await sleep(300);
  await ev(page, '__hpaBench.cardWatch()');
  await page.mouse.move(at.x, at.y);
  try {
    await page.waitForFunction('window.__card && window.__card.paintedAt !== null', undefined, { timeout: 10_000, polling: 50 });
  } catch {
    return null;
  }
  const t = await ev<{ moveAt: number; displayAt: number; readyAt: number; placedAt: number | null; paintedAt: number; transform: string }>(
    page,
    'window.__card',
  );
  const dwellEnd = t.moveAt + dwellMs;
  return {
    text: at.text,
    cardMs: t.paintedAt - dwellEnd,
    showMs: t.displayAt - dwellEnd,
    placedMs: (t.placedAt ?? t.readyAt) - dwellEnd,
    transform: t.transform,
  };
}

interface HoverSeries {
  first: HoverResult | null;
  rest: HoverResult[];
  /** Hovers that showed no card within 10 s. */
  failed: number;
  /** Times the open card could not be closed by Escape and moving away. */
  stuck: number;
}

async function hoverSeries(page: Page, n: number): Promise<HoverSeries> {
  const dwell = PREFS.dwellMs;
  let failed = 0;
  let stuck = 0;
  const one = async (fraction: number) => {
    const r = await hoverOnce(page, fraction, dwell);
    if (r === 'stuck') stuck++;
    else if (!r) failed++;
    return r && r !== 'stuck' ? r : null;
  };
  const first = await one(0.02);
  const rest: HoverResult[] = [];
  for (let i = 0; i < n; i++) {
    const r = await one(0.1 + (0.8 * i) / Math.max(1, n - 1));
    if (r) rest.push(r);
  }
  return { first, rest, failed, stuck };
}

async function setSite(context: BrowserContext, extensionId: string, enabled: boolean): Promise<void> {
  const p = await context.newPage();
  await p.goto(`chrome-extension://${extensionId}/options.html`);
  const reply = await ev<{ ok: boolean; error?: string }>(
    p,
    `chrome.runtime.sendMessage({ type: 'site:set', site: '127.0.0.1', enabled: ${enabled} })`,
  );
  await p.close();
  if (!reply.ok) throw new Error(`site:set: ${reply.error}`);
}

async function extensionBrowser(built: Built, server: BenchServer): Promise<ExtensionResults> {
  const { context, profileDir, extensionId } = await launchWithExtension(built.extensionDir);
  const scriptUrl = `chrome-extension://${extensionId}/content.js`;
  try {
    const chromiumVersion = context.browser()?.version() ?? spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const longUrl = server.url(`/long?chars=${LONG_CHARS}&probe=1`);

    progress('real extension: the long page, traced');
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto('about:blank');
    const longEvents = await traceDuring(context, page, async () => {
      await page.goto(longUrl, { waitUntil: 'load', timeout: 180_000 });
      await page.waitForFunction('window.__probe && window.__probe.highlightsAt !== null', undefined, { timeout: 180_000, polling: 200 });
      await sleep(1000);
    });
    const longWork = contentScriptWork(longEvents, scriptUrl);
    const highlightsAt = await ev<number>(page, 'window.__probe.highlightsAt');

    progress('real extension: hover on the long page');
    await page.addScriptTag({ path: built.bundle });
    const hoverLong = await hoverSeries(page, 6);
    await page.close();

    progress('real extension: hover on seed 003');
    const seedPage = await context.newPage();
    await seedPage.goto(server.url('/seed/003'), { waitUntil: 'load' });
    await seedPage.waitForFunction('CSS.highlights.size > 0', undefined, { timeout: 30_000 });
    await seedPage.addScriptTag({ path: built.bundle });
    const hoverSeed = await hoverSeries(seedPage, 8);
    await seedPage.close();

    progress('real extension: live blog, traced');
    const livePage = await context.newPage();
    await livePage.goto(server.url('/live'), { waitUntil: 'load' });
    await livePage.waitForFunction('CSS.highlights.size > 0', undefined, { timeout: 30_000 });
    await livePage.addScriptTag({ path: built.bundle });
    await sleep(500);
    let watched = { repaints: [] as number[], inserted: [] as number[], marked: [] as [number, number][] };
    let streamStartTs = 0;
    let streamEndTs = 0;
    const liveEvents = await traceDuring(context, livePage, async () => {
      await ev(livePage, '__hpaBench.liveWatch()');
      await ev(livePage, "console.timeStamp('hpa-stream-start'); window.__live.start(50)");
      await ev(livePage, "window.__live.done.then(() => console.timeStamp('hpa-stream-end'))");
      await sleep(2000);
      watched = await ev<typeof watched>(livePage, 'window.__liveWatch.stop()');
    });
    await livePage.close();
    const stamp = (name: string) =>
      liveEvents.find((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === name)?.ts ?? 0;
    streamStartTs = stamp('hpa-stream-start');
    streamEndTs = stamp('hpa-stream-end');
    // The whole trace's work is in `work`; the report keeps the slices from the stream's start on.
    const liveWork = contentScriptWorkOnPage(liveEvents, scriptUrl);
    const markedAt = new Map(watched.marked);
    const staleness: number[] = [];
    let unmarked = 0;
    watched.inserted.forEach((t, k) => {
      const m = markedAt.get(k);
      if (m === undefined) unmarked++;
      else staleness.push(m - t);
    });

    progress('real extension: 127.0.0.1 switched off, traced');
    await setSite(context, extensionId, false);
    const offPage = await context.newPage();
    await offPage.goto('about:blank');
    const offEvents = await traceDuring(context, offPage, async () => {
      await offPage.goto(longUrl, { waitUntil: 'load', timeout: 180_000 });
      await sleep(3000);
    });
    const offWork = contentScriptWork(offEvents, scriptUrl);
    const highlights = await ev<number>(offPage, 'CSS.highlights.size');
    const host = await ev<boolean>(offPage, "document.querySelector('hpa-card-host') !== null");
    // The content script's memory: the page's JS heap (Runtime.getHeapUsage after a forced GC;
    // the isolate holds the page's and the content script's worlds) with the site off, then
    // after switching it on in this open tab, which makes the content script annotate the page.
    const cdp = await context.newCDPSession(offPage);
    const heapOff = await heapUsed(cdp, true);
    await setSite(context, extensionId, true);
    await offPage.waitForFunction('CSS.highlights.size > 0', undefined, { timeout: 180_000, polling: 200 });
    await sleep(1000);
    const heapOn = await heapUsed(cdp, true);
    await cdp.detach();
    await offPage.close();

    return {
      chromiumVersion,
      long: { work: longWork, highlightsAt },
      hoverLong,
      hoverSeed,
      live: {
        work: liveWork,
        streamStartTs,
        streamEndTs,
        staleness,
        unmarked,
        entries: watched.inserted.length,
        repaints: watched.repaints.length,
      },
      off: { work: offWork, highlights, host, heapOff, heapOn },
    };
  } finally {
    await context.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

/** As contentScriptWork, for a trace that starts after the content script was evaluated: the page's main thread is found by its TimeStamp marks. */
function contentScriptWorkOnPage(events: TraceEvent[], scriptUrl: string): MainThreadWork {
  const mark = events.find((e) => e.name === 'TimeStamp');
  if (!mark) return contentScriptWork(events, scriptUrl);
  const fake: TraceEvent = {
    name: 'EvaluateScript',
    cat: 'devtools.timeline',
    ph: 'X',
    ts: mark.ts,
    dur: 0,
    pid: mark.pid,
    tid: mark.tid,
    args: { data: { url: scriptUrl } },
  };
  const w = contentScriptWork([fake, ...events], scriptUrl);
  return { ...w, ours: w.ours.filter((b) => b.ourSamples > 0), evaluateMs: 0 };
}

// --- report --------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: npm run bench needs Debian's chromium (apt-get install chromium)`);
  const built = await buildAll();
  const server = await startBenchServer(ROOT);
  let plain: PlainResults;
  let ext: ExtensionResults;
  try {
    plain = await plainBrowser(built, server);
    ext = await extensionBrowser(built, server);
  } finally {
    await server.close();
  }

  const contentJs = fs.readFileSync(path.join(built.extensionDir, 'content.js'));
  const contentGzip = zlib.gzipSync(contentJs, { level: 9 }).length;
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
    '  runs new Annotator(document).start() as extension/content.ts does; the page:setup request is answered a task later with the dictionary from kb.json, parsed from',
  );
  say(
    '  JSON as a message reply is; the Annotator then compiles it (createEngine), reads the page, annotates, builds ranges and paints CSS highlights, all its own code.',
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
    'parse = JSON.parse of the dictionary (the message reply); compile = createEngine (loading the automaton the KB build compiled); read = pageDate + readPageText; index = the Map of text nodes;',
  );
  say(
    "annotate = engine.annotate; ranges = selectMarked (ranges themselves are built lazily); paint = Painter.set: every range into CSS.highlights, or above 1,500 marks an IntersectionObserver on runs of the marks' elements (first and last of up to 16 siblings).",
  );
  say(
    table(
      ['the Annotator itself', 'start() script', 'enable()', 'scan()', 'applyPrefs()', 'render of the next frame', 'ms'],
      [
        [
          'ms',
          f1(med(L.ours, 'sync')),
          f1(med(L.ours, 'enable')),
          f1(med(L.ours, 'scan')),
          f1(med(L.ours, 'applyPrefs')),
          f1(med(L.ours, 'render')),
          f1(oursMs),
        ],
      ],
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
          "the Annotator's own (its scan() calls from the stream's start)",
          current.length,
          f2(percentile(current, 50)),
          f2(percentile(current, 95)),
          f2(max(current)),
          f1(sum(current)),
          median(LC.batches.map((b) => b.chars)),
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
    `the Annotator spent ${f1(sum(current) / newTotal)}× the work of reading only the new text; timed methods: ${LC.timed.join(', ') || 'none found'}`,
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
    `content script: content.js ${kb(contentJs.length)}, gzip -9 ${kb(contentGzip)}; the dictionary it receives: JSON ${kb(dictRaw)}, gzip -9 ${kb(dictGzip)}`,
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
  const offMs = sum(O.ours.map((b) => b.ms));
  say('## Targets (issue 4)');
  say(
    table(
      ['target', 'figure', ''],
      [
        ['ours ≤ 1.5 × floor (long page)', f2(oursMs / floorMs), verdict(oursMs / floorMs <= 1.5)],
        ['mark.js ≥ 20 × ours (long page)', `${mjs.capped ? '≥ ' : ''}${f1(mjs.ms / oursMs)}`, verdict(mjs.ms / oursMs >= 20)],
        ['no task of ours over 50 ms (long page; bench bundle)', f1(median(longestTasks)), verdict(median(longestTasks) <= 50)],
        [
          'no task of ours over 50 ms (long page; real extension, traced)',
          f1(max(W.ours.map((b) => b.ms))),
          verdict(max(W.ours.map((b) => b.ms)) <= 50),
        ],
        ['live-blog batches ≤ 5 ms at p95', f2(percentile(current, 95)), verdict(percentile(current, 95) <= 5)],
        ['card painted ≤ 16 ms after the dwell (long page)', f1(cardMs), verdict(cardMs <= 16)],
        [
          'card painted ≤ 16 ms after the dwell (seed 003)',
          f1(median(ext.hoverSeed.rest.map((h) => h.cardMs))),
          verdict(median(ext.hoverSeed.rest.map((h) => h.cardMs)) <= 16),
        ],
        ['content script ≤ 40 KB gzip', kb(contentGzip), verdict(contentGzip <= 40 * 1024)],
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
      ours_over_floor: round(oursMs / floorMs),
      markjs_over_ours: round(mjs.ms / oursMs),
      longest_task_ms: round(median(longestTasks)),
      long_tasks: median(longTaskCounts),
      live_batch_ms_p95: round(percentile(current, 95)),
      card_ms: round(cardMs),
      content_script_gzip_kb: round(contentGzip / 1024),
      scaling_exponent: round(exponent, 3),
    }),
  );
}

await main();
