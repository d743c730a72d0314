// Chrome traces for the runs with the real extension. The page cannot see the content
// script's work: the Long Tasks API leaves out what runs outside a task (the content
// script's reply from the background resolves a promise, so its scan runs in a
// top-level microtask checkpoint), and long-animation-frame entries do not name
// extension scripts. A trace of the renderer's main thread with V8's sampling profiler
// in it does: every top-level slice of main-thread work (a task or a microtask
// checkpoint) is ours when the profiler's samples inside it run the content script.

import type { BrowserContext, Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread CPU time, µs: the time the thread ran, not the time it waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'];
export const RENDER_CATEGORIES = ['toplevel', 'devtools.timeline'];

/** Traces the browser while `action` runs. */
export async function traceDuring(
  context: BrowserContext,
  page: Page,
  action: () => Promise<void>,
  categories = CATEGORIES,
): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  const complete = new Promise<string>((resolve) => cdp.on('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')));
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
  }
  const stream = await complete;
  const chunks: string[] = [];
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 8 << 20 });
    chunks.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach();
  const parsed = JSON.parse(chunks.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

export interface Block {
  /** Start, µs on the trace clock. */
  ts: number;
  /** Duration, ms. */
  ms: number;
  /** Of which the thread ran, ms (thread CPU time); the rest it waited for a core the machine gave elsewhere. */
  cpuMs: number;
  name: string;
  /** Profiler samples inside it that run the content script. */
  ourSamples: number;
  samples: number;
  /** Calls into the content script's code that the trace names inside it (a timer's, an animation frame's or an observer's callback). */
  ourCalls: number;
}

export interface MainThreadWork {
  found: boolean;
  /** Top-level slices of main-thread work that ran the content script. */
  ours: Block[];
  /** All top-level slices of the thread, in order. */
  blocks: Block[];
  /** Sampled CPU time in the content script's frames, ms. */
  ourCpuMs: number;
  /** The content script's first evaluation (compile and run of content.js), ms. */
  evaluateMs: number;
  /** Of which compiling content.js, ms. */
  compileMs: number;
  /** Trace-clock time of that evaluation, µs. */
  evaluateTs: number;
  /** The first slice after our last one that renders a frame (has a PrePaint): the marks painted. */
  frameAfter?: Block;
}

export interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName?: string; lineNumber?: number };
}

/** V8's sampling profiler in a trace: the stack nodes of one renderer process and its samples (trace clock, µs), in time order. */
export function profileSamples(
  events: TraceEvent[],
  pid: number,
): { nodes: Map<number, ProfileNode>; samples: { ts: number; id: number }[] } {
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; id: number }[] = [];
  const clocks = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== pid || e.ph !== 'P' || !e.id) continue;
    const data = e.args?.data as
      { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    if (!data) continue;
    if (e.name === 'Profile') clocks.set(e.id, data.startTime ?? e.ts);
    if (e.name !== 'ProfileChunk') continue;
    let t = clocks.get(e.id) ?? e.ts;
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    (data.cpuProfile?.samples ?? []).forEach((id, i) => {
      t += data.timeDeltas?.[i] ?? 0;
      samples.push({ ts: t, id });
    });
    clocks.set(e.id, t);
  }
  samples.sort((a, b) => a.ts - b.ts);
  return { nodes, samples };
}

/** The page's renderer main thread (where content.js was evaluated) and the content script's slices of it. */
export function contentScriptWork(events: TraceEvent[], scriptUrl: string): MainThreadWork {
  const evaluate = events.find((e) => e.name === 'EvaluateScript' && (e.args?.data as { url?: string } | undefined)?.url === scriptUrl);
  if (!evaluate) return { found: false, ours: [], blocks: [], ourCpuMs: 0, evaluateMs: 0, compileMs: 0, evaluateTs: 0 };
  const compile = events.find((e) => e.name === 'v8.compile' && (e.args?.data as { url?: string } | undefined)?.url === scriptUrl);
  const { pid, tid } = evaluate;
  const onThread = events.filter((e) => e.pid === pid && e.tid === tid);

  // V8's sampling profiler: the samples of this thread, with their stacks' script URLs.
  const { nodes, samples: raw } = profileSamples(events, pid);
  const scriptDir = scriptUrl.replace(/[^/]*$/, '');
  const oursCache = new Map<number, boolean>();
  function isOurs(id: number): boolean {
    const hit = oursCache.get(id);
    if (hit !== undefined) return hit;
    const n = nodes.get(id);
    const v = !!n && ((n.callFrame.url ?? '').startsWith(scriptDir) || (n.parent !== undefined && isOurs(n.parent)));
    oursCache.set(id, v);
    return v;
  }
  const samples = raw.map((r) => ({ ts: r.ts, ours: isOurs(r.id) })).sort((a, b) => a.ts - b.ts);
  let ourCpuUs = 0;
  for (let i = 0; i + 1 < samples.length; i++) if (samples[i]!.ours) ourCpuUs += Math.min(samples[i + 1]!.ts - samples[i]!.ts, 2000);

  // Top-level slices: toplevel events not inside another one on this thread.
  const top = onThread
    .filter((e) => e.ph === 'X' && e.cat.split(',').includes('toplevel') && (e.dur ?? 0) > 0)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // A callback of ours (a timer, an animation frame, an observer) is a FunctionCall naming our
  // script: its slice is ours even when no profiler sample falls in its brief run. (A promise's
  // continuation has no such event: the slices it runs are ours by their samples.)
  const calls = onThread
    .filter((e) => e.name === 'FunctionCall' && ((e.args?.data as { url?: string } | undefined)?.url ?? '').startsWith(scriptDir))
    .sort((a, b) => a.ts - b.ts);
  const blocks: Block[] = [];
  let end = -Infinity;
  let si = 0;
  let ci = 0;
  for (const e of top) {
    if (e.ts < end) continue;
    end = e.ts + e.dur!;
    while (si < samples.length && samples[si]!.ts < e.ts) si++;
    let ourSamples = 0;
    let n = 0;
    for (let k = si; k < samples.length && samples[k]!.ts <= end; k++) {
      n++;
      if (samples[k]!.ours) ourSamples++;
    }
    while (ci < calls.length && calls[ci]!.ts < e.ts) ci++;
    let ourCalls = 0;
    for (let k = ci; k < calls.length && calls[k]!.ts <= end; k++) ourCalls++;
    blocks.push({ ts: e.ts, ms: e.dur! / 1000, cpuMs: (e.tdur ?? e.dur!) / 1000, name: e.name, ourSamples, samples: n, ourCalls });
  }
  // The loader may be evaluated inside one of the page's own long tasks (its parsing and first
  // layout, a second or more on the 2 MB page): of that task only the evaluation is ours.
  const ours = blocks
    .filter((b) => b.ourSamples > 0 || b.ourCalls > 0 || (evaluate.ts >= b.ts && evaluate.ts <= b.ts + b.ms * 1000))
    .map((b) =>
      evaluate.ts >= b.ts && evaluate.ts <= b.ts + b.ms * 1000 && b.ourSamples * 2 < b.samples
        ? {
            ...b,
            ms: Math.max((evaluate.dur ?? 0) / 1000, (b.ms * b.ourSamples) / Math.max(1, b.samples)),
            cpuMs: Math.max((evaluate.tdur ?? evaluate.dur ?? 0) / 1000, (b.cpuMs * b.ourSamples) / Math.max(1, b.samples)),
            name: `${b.name} (the evaluation only)`,
          }
        : b,
    );
  const last = ours[ours.length - 1];
  const lastEnd = last ? last.ts + last.ms * 1000 : Infinity;
  const prePaint = onThread.find((e) => e.name === 'PrePaint' && e.ts >= lastEnd);
  const frameAfter = prePaint && blocks.find((b) => b.ts <= prePaint.ts && prePaint.ts <= b.ts + b.ms * 1000);
  return {
    found: true,
    ours,
    blocks,
    ourCpuMs: ourCpuUs / 1000,
    evaluateMs: (evaluate.dur ?? 0) / 1000,
    compileMs: (compile?.dur ?? 0) / 1000,
    evaluateTs: evaluate.ts,
    ...(frameAfter && { frameAfter }),
  };
}

/**
 * Our slices of a page load with the frame that paints our marks always among them: that frame
 * runs our code only briefly (the rAF that adds the ranges), so whether a profiler sample lands
 * in it is chance, and a load would otherwise count it or not at random. It is the first slice
 * with a pre-paint after our last slice of mostly our own code, within `withinMs`.
 */
export function withPaintFrame(events: TraceEvent[], work: MainThreadWork, withinMs = 250): Block[] {
  const own = work.ours.filter((b) => b.ourSamples * 2 >= b.samples);
  const last = own[own.length - 1];
  if (!last) return work.ours;
  const end = last.ts + last.ms * 1000;
  const thread = events.find((e) => e.name === 'EvaluateScript' && e.ts === work.evaluateTs);
  const prePaint = events.find(
    (e) => e.name === 'PrePaint' && e.pid === thread?.pid && e.tid === thread?.tid && e.ts >= end && e.ts <= end + withinMs * 1000,
  );
  const frame = prePaint && work.blocks.find((b) => b.ts <= prePaint.ts && prePaint.ts <= b.ts + b.ms * 1000);
  if (!frame || work.ours.includes(frame)) return work.ours;
  return [...work.ours, frame].sort((a, b) => a.ts - b.ts);
}

export const RENDER_STEPS = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'] as const;

/** Time (ms) in each rendering step on the renderer main thread that did the most pre-paint work. */
export function renderSteps(events: TraceEvent[]): Record<(typeof RENDER_STEPS)[number], number> {
  const byThread = new Map<string, Record<string, number>>();
  for (const e of events) {
    if (e.ph !== 'X' || !(RENDER_STEPS as readonly string[]).includes(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    const t = byThread.get(key) ?? {};
    t[e.name] = (t[e.name] ?? 0) + (e.dur ?? 0) / 1000;
    byThread.set(key, t);
  }
  let best: Record<string, number> = {};
  for (const t of byThread.values()) if ((t.PrePaint ?? 0) + (t.Layout ?? 0) > (best.PrePaint ?? 0) + (best.Layout ?? 0)) best = t;
  return Object.fromEntries(RENDER_STEPS.map((s) => [s, best[s] ?? 0])) as Record<(typeof RENDER_STEPS)[number], number>;
}
