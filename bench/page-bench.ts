// The in-page half of npm run bench, built by Vite's library mode into one classic
// script (IIFE), with webextension-polyfill replaced by bench/fake-browser.ts, and
// injected into each benchmark page as window.__hpaBench.
//
// `ours` runs the content script's own code: src/annotator/annotator.ts's Annotator,
// as extension/content.ts starts it (new Annotator(document).start()); the page:setup
// request is answered by the bench a task later, and page:match with the real handler's
// reply (its warm engine, from kb.json's dictionary), each through JSON as a message is.
// The Annotator is timed only by what is observable: start() resolving (after the first
// scan has painted) and the changes of CSS.highlights. `phases` repeats the scan's steps
// with the same modules to split its time. Everything else here is measurement.

import { Annotator } from '../src/annotator/annotator';
import { markKind, Painter, rangeFor, selectMarked } from '../src/annotator/marks';
import { highlightName, MARK_KINDS } from '../src/shared/mark-kinds';
import { pageDate } from '../src/annotator/page-date';
import { readPageText } from '../src/annotator/text-reader';
import type { Dictionary } from '../src/engine/dictionary';
import { createEngine } from '../src/engine/engine';
import { createPageMatchHandler } from '../src/background/page-match';
import type { RequestOf } from '../src/shared/protocol';
import type { Prefs } from '../src/shared/prefs';
import { setBackground } from './fake-browser';

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Yields to the event loop without setTimeout's clamping. */
const yieldTask = () =>
  new Promise<void>((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r();
    ch.port2.postMessage(0);
  });

/**
 * Resolves just after the next frame has been rendered: `raf` is when that frame's
 * requestAnimationFrame callbacks ran (the frame starts; before it the main thread was
 * only waiting for the display's next tick), `painted` when a message posted from the
 * rAF callback arrives, which is after the frame's style, layout and paint.
 */
function afterNextPaint(): Promise<{ raf: number; painted: number }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const raf = now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve({ raf, painted: now() });
      ch.port2.postMessage(0);
    });
  });
}

interface TaskEntry {
  start: number;
  duration: number;
}

function observeLongTasks(): { stop(): Promise<TaskEntry[]> } {
  const tasks: TaskEntry[] = [];
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  });
  po.observe({ type: 'longtask' });
  return {
    async stop() {
      await sleep(120); // entries are delivered after the task
      for (const e of po.takeRecords()) tasks.push({ start: e.startTime, duration: e.duration });
      po.disconnect();
      return tasks;
    },
  };
}

function highlightCount(): number {
  let n = 0;
  for (const name of MARK_KINDS.map(highlightName)) n += CSS.highlights.get(name)?.size ?? 0;
  return n;
}

// --- the fake background --------------------------------------------------------------------------

/** Time the fake background spent answering page:match on this page's thread since the last reset (a real one runs elsewhere). */
let backgroundMs = 0;

/**
 * Answers the Annotator's requests as the background does, a task later, each message and
 * reply passed through JSON as Chrome passes them: page:setup with the prefs (no
 * dictionary: the page never gets one), page:match (issue 13) with the real handler's
 * compact matches, from its warm engine, built once here as the background keeps one.
 */
function answerSetup(dictionaryJson: string, prefs: Prefs): void {
  let dictionary: Dictionary | undefined;
  // The real handler: a long text arrives in parts and is matched whole on the last.
  const pageMatch = createPageMatchHandler(async () => ({
    meta: { version: 'bench' },
    dictionary: (dictionary ??= JSON.parse(dictionaryJson) as Dictionary),
  }));
  setBackground(async (message) => {
    const req = JSON.parse(JSON.stringify(message)) as { type?: string };
    if (req.type === 'page:setup') return { ok: true, data: { enabled: true, site: location.hostname, prefs, kbVersion: 'bench' } };
    if (req.type === 'page:match') {
      const t0 = now();
      const data = await pageMatch(req as RequestOf<'page:match'>, { tabId: 0, frameId: 0 });
      const reply = JSON.stringify({ ok: true, data });
      backgroundMs += now() - t0;
      return JSON.parse(reply) as unknown;
    }
    return { ok: false, error: `the bench answers no "${req.type}"` };
  });
}

const annotators: Annotator[] = [];

// --- floor -------------------------------------------------------------------------------

const FLOOR_SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'TITLE']);

/** The floor: one TreeWalker pass reading every text node's text (no matching, no marks). */
function floor(): { ms: number; chars: number; nodes: number } {
  const t0 = now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  let n: Node | null;
  while ((n = walker.nextNode())) {
    const parent = n.parentNode;
    if (parent && FLOOR_SKIP.has(parent.nodeName)) continue;
    parts.push((n as Text).data);
  }
  const text = parts.join('');
  return { ms: now() - t0, chars: text.length, nodes: parts.length };
}

/** The floor, then the next frame: `ms` = the pass + that frame's rendering (no wait for the display's tick). */
async function floorRun(): Promise<{ sync: number; render: number; ms: number; wall: number; chars: number; nodes: number }> {
  const t0 = now();
  const r = floor();
  const f = await afterNextPaint();
  const render = f.painted - f.raf;
  return { sync: r.ms, render, ms: r.ms + render, wall: f.painted - t0, chars: r.chars, nodes: r.nodes };
}

// --- ours: the content script ------------------------------------------------------------------

export interface OursResult {
  /** new Annotator(document).start() until its promise settles (it resolves once the first scan has painted), less `background`. */
  sync: number;
  /** The fake background's page:match work, done on this thread for want of a real background; not counted in `sync` or `ms`. */
  background: number;
  /** The next frame's rendering: its rAF callback to a message posted from it (style, layout, paint). */
  render: number;
  /** The work from the call to marks painted: sync + render (the wait for the display's tick left out). */
  ms: number;
  /** Wall time from the call to just after the next frame rendered, the wait for the tick included. */
  wall: number;
  /** Whether the marks stayed the same over the next three frames (false: work went on after start()). */
  settled: boolean;
  chars: number;
  nodes: number;
  marks: number;
  longTasks?: TaskEntry[];
}

async function ours(dictionaryJson: string, prefs: Prefs, options: { longTasks?: boolean } = {}): Promise<OursResult> {
  answerSetup(dictionaryJson, prefs);
  const lt = options.longTasks ? observeLongTasks() : undefined;
  backgroundMs = 0;
  const t0 = now();
  const annotator = new Annotator(document);
  await annotator.start();
  const t1 = now();
  const background = backgroundMs;
  const f = await afterNextPaint();
  const marks = highlightCount();
  let settled = true;
  for (let i = 0; i < 3; i++) {
    await afterNextPaint();
    if (highlightCount() !== marks) settled = false;
  }
  annotators.push(annotator);
  // What the Annotator read, read again after the timing with the same reader.
  const page = readPageText(document);
  const r: OursResult = {
    sync: t1 - t0 - background,
    background,
    render: f.painted - f.raf,
    ms: t1 - t0 - background + (f.painted - f.raf),
    wall: f.painted - t0,
    settled,
    chars: page.text.length,
    nodes: page.nodes.length,
    marks,
  };
  if (lt) r.longTasks = (await lt.stop()).filter((e) => e.start + e.duration >= t0 && e.start <= f.painted);
  return r;
}

/** scan()'s steps one by one, with the same modules, to split its time (a fresh engine; no messaging). */
function phases(dictionaryJson: string, prefs: Prefs): Record<string, number> {
  const t0 = now();
  const dictionary = JSON.parse(dictionaryJson) as Dictionary;
  const t1 = now();
  const engine = createEngine(dictionary);
  const t2 = now();
  const date = pageDate(document);
  const page = readPageText(document);
  const t3 = now();
  const nodeIndex = new Map(page.nodes.map((n, i) => [n, i]));
  const t4 = now();
  const allMatches = engine.annotate(page.text, { date });
  const t5 = now();
  const marks = selectMarked(allMatches, page, prefs).map((match) => ({ match, kind: markKind(match), page }));
  const t6 = now();
  new Painter(window).set(marks);
  const t7 = now();
  return {
    parse: t1 - t0,
    compile: t2 - t1,
    read: t3 - t2,
    index: t4 - t3,
    annotate: t5 - t4,
    ranges: t6 - t5,
    paint: t7 - t6,
    total: t7 - t0,
    nodes: nodeIndex.size,
  };
}

/** Reading the page alone (pageDate + readPageText), as the scan's first step does: the reader against the floor. */
function readOnly(): { ms: number; chars: number; nodes: number } {
  const t0 = now();
  pageDate(document);
  const page = readPageText(document);
  return { ms: now() - t0, chars: page.text.length, nodes: page.nodes.length };
}

/** The page's own next frame after it appends an element, five times: with our marks on the page it costs more. */
async function mutationFrames(): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(30);
    await afterNextPaint();
    const d = document.createElement('div');
    d.textContent = 'Updated';
    document.body.append(d);
    const f = await afterNextPaint();
    out.push(f.painted - f.raf);
  }
  return out;
}

// --- mark.js -----------------------------------------------------------------------------------

interface MarkJs {
  mark(keywords: string[], options: Record<string, unknown>): void;
}
type MarkJsCtor = new (context: Element) => MarkJs;

/**
 * mark.js 8.11.1 with the options of issue 4. Its mark(array) sorts the keywords longest
 * first and handles them one after another; the bench sorts them the same way and hands
 * them over in chunks, one chunk per task, so it can stop at the cap: the same work, in
 * the same order, as one call.
 */
async function markjs(
  keywords: string[],
  capMs: number,
  chunk: number,
): Promise<{ ms: number; finished: boolean; done: number; total: number; marks: number }> {
  const Ctor = (window as unknown as { Mark?: MarkJsCtor }).Mark;
  if (!Ctor) throw new Error('mark.js is not loaded');
  const unique = [...new Set(keywords.filter((k) => k.trim()))].sort((a, b) => b.length - a.length);
  const instance = new Ctor(document.body);
  let ms = 0;
  let marks = 0;
  let done = 0;
  while (done < unique.length) {
    const slice = unique.slice(done, done + chunk);
    const t = now();
    instance.mark(slice, {
      accuracy: 'exactly',
      separateWordSearch: false,
      caseSensitive: true,
      done: (n: number) => {
        marks += n;
      },
    });
    ms += now() - t;
    done += slice.length;
    if (ms >= capMs) break;
    await yieldTask();
  }
  // The final frame's style, layout and paint of the marked DOM (frames rendered between chunks are not counted).
  const f = await afterNextPaint();
  ms += f.painted - f.raf;
  return { ms, finished: done >= unique.length, done, total: unique.length, marks };
}

// --- live blog ---------------------------------------------------------------------------------

interface LiveControl {
  count: number;
  inserted: number[];
  done: Promise<number>;
  start(intervalMs?: number): void;
}

const liveControl = (): LiveControl => {
  const ctl = (window as unknown as { __live?: LiveControl }).__live;
  if (!ctl) throw new Error('not the live page');
  return ctl;
};

interface LiveWatch {
  stop(): { repaints: number[]; inserted: number[]; marked: [number, number][] };
}

/** When each inserted entry first gets a mark, and when the marks were repainted (highlight objects replaced). */
function liveWatch(): LiveWatch {
  const ctl = liveControl();
  const names = MARK_KINDS.map(highlightName);
  let last = names.map((n) => CSS.highlights.get(n));
  let lastSizes = last.map((h) => h?.size ?? 0);
  const repaints: number[] = [];
  const marked = new Map<number, number>();
  let running = true;
  const frame = () => {
    if (!running) return;
    const cur = names.map((n) => CSS.highlights.get(n));
    const sizes = cur.map((h) => h?.size ?? 0);
    if (cur.some((h, i) => h !== last[i]) || sizes.some((s, i) => s !== lastSizes[i])) {
      const at = now();
      repaints.push(at);
      last = cur;
      lastSizes = sizes;
      for (const h of cur) {
        if (!h) continue;
        for (const r of h as unknown as Set<AbstractRange>) {
          const el = r.startContainer.parentElement?.closest<HTMLElement>('[data-live]');
          if (!el) continue;
          const k = Number(el.dataset.live);
          if (!marked.has(k)) marked.set(k, at);
        }
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const w: LiveWatch = {
    stop() {
      running = false;
      return { repaints, inserted: ctl.inserted, marked: [...marked.entries()] };
    },
  };
  (window as unknown as { __liveWatch: LiveWatch }).__liveWatch = w;
  return w;
}

interface Batch {
  ms: number;
  chars: number;
  start: number;
}

export interface LiveResult {
  /** The work the mutations set off, seen from outside: each time the page's thread was blocked just before our marks changed. */
  batches: Batch[];
  /** What the batches were found by. */
  timed: string[];
  streamStart: number;
  streamEnd: number;
  repaints: number[];
  inserted: number[];
  marked: [number, number][];
}

/**
 * Notes how long the page's thread was blocked before each change of our marks: a chain of
 * posted messages runs whenever the thread is free, so the gap before the one that first
 * sees new highlight sizes is the task that changed them (the page's own insertion, tiny, included).
 */
function watchBatches(): { stop(): Batch[] } {
  const batches: Batch[] = [];
  const ch = new MessageChannel();
  let last = now();
  let sizes = highlightCount();
  let on = true;
  ch.port1.onmessage = () => {
    const t = now();
    const n = highlightCount();
    if (n !== sizes) batches.push({ ms: t - last, chars: NaN, start: last });
    sizes = n;
    last = t;
    if (on) ch.port2.postMessage(0);
  };
  ch.port2.postMessage(0);
  return {
    stop() {
      on = false;
      return batches;
    },
  };
}

/** The content script's Annotator on the live blog: what its own mutation handling costs and how long entries wait for marks. */
async function liveCurrent(dictionaryJson: string, prefs: Prefs): Promise<LiveResult> {
  const ctl = liveControl();
  answerSetup(dictionaryJson, prefs);
  const annotator = new Annotator(document);
  await annotator.start();
  annotators.push(annotator);
  await sleep(500);
  const watch = liveWatch();
  const batchWatch = watchBatches();
  const streamStart = now();
  ctl.start(50);
  await ctl.done;
  const streamEnd = now();
  await sleep(2000);
  const batches = batchWatch.stop();
  const w = watch.stop();
  return { batches, timed: ['changes of CSS.highlights sizes'], streamStart, streamEnd, ...w };
}

/** The same stream, each batch of mutations read and annotated alone, with the same functions, its ranges added to the highlights. */
async function liveNewText(dictionaryJson: string, prefs: Prefs): Promise<{ batches: Batch[] }> {
  const ctl = liveControl();
  const engine = createEngine(JSON.parse(dictionaryJson) as Dictionary);
  const date = pageDate(document);
  const page = readPageText(document);
  new Painter(window).set(
    selectMarked(engine.annotate(page.text, { date }), page, prefs).map((match) => ({ match, kind: markKind(match), page })),
  );
  const batches: Batch[] = [];
  const observer = new MutationObserver((records) => {
    const t0 = now();
    let chars = 0;
    for (const rec of records)
      for (const node of rec.addedNodes) {
        const p = readPageText(node);
        chars += p.text.length;
        for (const match of selectMarked(engine.annotate(p.text, { date }), p, prefs)) {
          const name = highlightName(markKind(match));
          const range = rangeFor(p, match.start, match.end);
          const h = CSS.highlights.get(name);
          if (h) h.add(range);
          else CSS.highlights.set(name, new Highlight(range));
        }
      }
    batches.push({ ms: now() - t0, chars, start: t0 });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  ctl.start(50);
  await ctl.done;
  await sleep(100);
  observer.disconnect();
  return { batches };
}

// --- hover (real extension) --------------------------------------------------------------------------

/** Scrolls the mark at position `fraction` (0..1) of all marks into view; its centre in the viewport. */
function markPoint(fraction: number): { x: number; y: number; text: string } | null {
  const ranges: AbstractRange[] = [];
  for (const name of MARK_KINDS.map(highlightName)) {
    const h = CSS.highlights.get(name);
    if (h) for (const r of h as unknown as Set<AbstractRange>) ranges.push(r);
  }
  const usable = ranges.filter((r) => r instanceof Range && r.toString().length >= 3) as Range[];
  if (!usable.length) return null;
  const r = usable[Math.min(usable.length - 1, Math.floor(fraction * usable.length))]!;
  r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  const rect = r.getClientRects()[0];
  if (!rect) return null;
  return { x: rect.left + Math.min(rect.width / 2, 8), y: rect.top + rect.height / 2, text: r.toString() };
}

interface CardTiming {
  moveAt: number | null;
  displayAt: number | null;
  readyAt: number | null;
  placedAt: number | null;
  paintedAt: number | null;
  /** The host's transform when the card was painted. */
  transform: string;
}

/**
 * Arms a watch on the card host: the pointer move's time (a capture listener on window),
 * the host shown (display:block, not visibility:hidden) with the .card rendered in its shadow root, its
 * placement (transform changed, when it does), then the next frame rendered (rAF, then
 * a posted message): by then the placement, which Floating UI sets a microtask later,
 * is in that frame too.
 */
function cardWatch(): void {
  const st: CardTiming = { moveAt: null, displayAt: null, readyAt: null, placedAt: null, paintedAt: null, transform: '' };
  const hostOf = () => document.querySelector<HTMLElement>('hpa-card-host');
  const transform0 = hostOf()?.style.transform ?? '';
  const observed = new Set<Node>();
  const mo = new MutationObserver(() => check());
  const watch = (n: Node, opts: MutationObserverInit) => {
    if (observed.has(n)) return;
    observed.add(n);
    mo.observe(n, opts);
  };
  const onMove = () => {
    if (st.moveAt !== null) return;
    st.moveAt = now();
    check();
  };
  const check = () => {
    const h = hostOf();
    if (!h || st.paintedAt !== null || st.moveAt === null) return;
    watch(h, { attributes: true, attributeFilter: ['style'] });
    if (h.shadowRoot) watch(h.shadowRoot, { childList: true, subtree: true, characterData: true });
    // Shown to the reader: a card prepared while the pointer rests is rendered and placed but hidden.
    const shown = h.style.display === 'block' && h.style.visibility !== 'hidden';
    if (shown && st.displayAt === null) st.displayAt = now();
    if (shown && st.placedAt === null && h.style.transform && h.style.transform !== transform0) st.placedAt = now();
    if (shown && st.readyAt === null && h.shadowRoot?.querySelector('.card')) {
      st.readyAt = now();
      window.removeEventListener('pointermove', onMove, true);
      void afterNextPaint().then((f) => {
        st.paintedAt = f.painted;
        st.transform = h.style.transform;
        mo.disconnect();
      });
    }
  };
  watch(document.documentElement, { childList: true });
  window.addEventListener('pointermove', onMove, true);
  check();
  (window as unknown as { __card: CardTiming }).__card = st;
}

function cardOpen(): boolean {
  const h = document.querySelector<HTMLElement>('hpa-card-host');
  return Boolean(h && h.style.display === 'block' && h.style.visibility !== 'hidden');
}

const api = {
  floor,
  floorRun,
  readOnly,
  ours,
  phases,
  mutationFrames,
  markjs,
  liveCurrent,
  liveNewText,
  liveWatch,
  markPoint,
  cardWatch,
  cardOpen,
  highlightCount,
  afterNextPaint,
};
export type BenchApi = typeof api;
(window as unknown as { __hpaBench: BenchApi }).__hpaBench = api;
