// The bench's reading of a Chrome trace (bench/trace.ts): which slices of the page's main
// thread count as the extension's work, and what they cost. Issue 13's figures rest on it.

import { describe, expect, it } from 'vitest';
import { contentScriptWork, type TraceEvent } from '../../bench/trace';

const PID = 7;
const TID = 1;
const SCRIPT = 'chrome-extension://abc/content.js';

/** A top-level slice: ts and durations in µs. */
const slice = (ts: number, dur: number, tdur = dur, name = 'ThreadControllerImpl::RunTask'): TraceEvent => ({
  name,
  cat: 'toplevel',
  ph: 'X',
  ts,
  dur,
  tdur,
  pid: PID,
  tid: TID,
});

const call = (ts: number, url: string): TraceEvent => ({
  name: 'FunctionCall',
  cat: 'devtools.timeline',
  ph: 'X',
  ts,
  dur: 50,
  pid: PID,
  tid: TID,
  args: { data: { url } },
});

/** The profiler: node 1 is the page's code, node 2 ours (in annotator.js, beside content.js); one sample per entry of `at`. */
function profile(at: { ts: number; ours: boolean }[]): TraceEvent[] {
  const start = 0;
  const deltas = at.map((s, i) => s.ts - (i ? at[i - 1]!.ts : start));
  return [
    {
      name: 'Profile',
      cat: 'disabled-by-default-v8.cpu_profiler',
      ph: 'P',
      ts: start,
      pid: PID,
      tid: TID,
      id: '0x1',
      args: { data: { startTime: start } },
    },
    {
      name: 'ProfileChunk',
      cat: 'disabled-by-default-v8.cpu_profiler',
      ph: 'P',
      ts: start,
      pid: PID,
      tid: TID,
      id: '0x1',
      args: {
        data: {
          cpuProfile: {
            nodes: [
              { id: 1, callFrame: { url: 'https://news.example/app.js', functionName: 'page' } },
              { id: 2, callFrame: { url: 'chrome-extension://abc/annotator.js', functionName: 'scan' } },
            ],
            samples: at.map((s) => (s.ours ? 2 : 1)),
          },
          timeDeltas: deltas,
        },
      },
    },
  ];
}

const evaluate: TraceEvent = {
  name: 'EvaluateScript',
  cat: 'devtools.timeline',
  ph: 'X',
  ts: 1_000,
  dur: 500,
  tdur: 400,
  pid: PID,
  tid: TID,
  args: { data: { url: SCRIPT } },
};

describe('the bench counts our slices of the page thread', () => {
  const events: TraceEvent[] = [
    slice(1_000, 600, 500), // the loader's evaluation
    evaluate,
    slice(10_000, 8_000, 5_000, 'BlinkScheduler_PerformMicrotaskCheckpoint'), // our scan: sampled in our code
    slice(30_000, 4_000, 3_000), // an animation frame of ours, too brief for a sample of our code
    call(30_100, 'chrome-extension://abc/annotator.js'),
    slice(50_000, 9_000), // the page's own frame: neither a sample nor a call of ours
    call(50_100, 'chrome-extension://other/content.js'), // another extension's callback is not ours
    ...profile([
      { ts: 1_100, ours: true },
      { ts: 11_000, ours: true },
      { ts: 13_000, ours: true },
      { ts: 31_000, ours: false },
      { ts: 52_000, ours: false },
    ]),
  ];

  it('counts a callback of ours that no sample saw, and not the page’s frame or another extension’s call', () => {
    const work = contentScriptWork(events, SCRIPT);
    expect(work.found).toBe(true);
    expect(work.ours.map((b) => b.ts)).toEqual([1_000, 10_000, 30_000]);
    expect(work.ours[2]).toMatchObject({ ourSamples: 0, ourCalls: 1 });
  });

  it('gives each slice its wall time and its thread CPU time apart', () => {
    const work = contentScriptWork(events, SCRIPT);
    expect(work.ours.map((b) => [b.ms, b.cpuMs])).toEqual([
      [0.6, 0.5],
      [8, 5],
      [4, 3],
    ]);
  });

  it('takes wall time for CPU time when the trace has no thread clock', () => {
    const noClock = events.map(({ tdur: _, ...e }) => e);
    const work = contentScriptWork(noClock, SCRIPT);
    expect(work.ours.map((b) => b.cpuMs)).toEqual(work.ours.map((b) => b.ms));
  });
});
