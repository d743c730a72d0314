// Issue 13's figures that only the real extension shows: the background's warm matching
// time, the first page after the service worker was stopped, what one annotated tab holds,
// and the page's main-thread work per load (for the shipped and the 10× knowledge base).
// Nothing here goes through a debug hook of the extension: the background is timed from
// outside (a lag monitor evaluated in the service worker) and stopped over CDP.

import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { progress, sleep } from './common';
import { ev } from './page-helpers';
import { heapUsed } from './profile';
import { contentScriptWork, traceDuring, withPaintFrame } from './trace';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// A load of the long page runs our code for 100–300 of the profiler's samples; far fewer means the trace lost them.
const MIN_OUR_SAMPLES = 30;

/** An extension page in a tab: it may send page:match (sender.tab is set) and its CDP session sees the extension's service worker. */
async function extensionTab(context: BrowserContext, extensionId: string): Promise<Page> {
  const p = await context.newPage();
  await p.goto(`chrome-extension://${extensionId}/options.html`);
  return p;
}

/** Stops the extension's service worker (CDP ServiceWorker.stopWorker; stopAllWorkers does not reach an extension's) and waits until it has. */
export async function stopBackground(context: BrowserContext, extensionId: string): Promise<void> {
  const p = await extensionTab(context, extensionId);
  const cdp: CDPSession = await context.newCDPSession(p);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  // The options page's own requests at load are answered first; the tab stays open until the
  // worker has stopped (its CDP session is what sees the worker), asked again every second.
  await sleep(500);
  for (let waited = 0; !status.size || [...status.values()].some((s) => s !== 'stopped'); waited += 50) {
    if (waited > 10_000) throw new Error(`bench: the service worker did not stop (${[...status.values()].join(', ') || 'not seen'})`);
    if (waited % 1000 === 0)
      for (const [id, s] of status)
        if (s === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId: id }).catch(() => undefined);
    await sleep(50);
  }
  await cdp.detach().catch(() => undefined);
  await p.close();
}

/** Loads `url` (a ?probe=1 page) with the service worker stopped first: ms from navigation start until the marks show (CSS.highlights has entries). */
export async function coldStart(context: BrowserContext, extensionId: string, url: string, cold: boolean): Promise<number> {
  if (cold) await stopBackground(context, extensionId);
  const p = await context.newPage();
  try {
    await p.goto(url, { waitUntil: 'load', timeout: 180_000 });
    await p.waitForFunction('window.__probe && window.__probe.highlightsAt !== null', undefined, { timeout: 180_000, polling: 100 });
    return await ev<number>(p, 'window.__probe.highlightsAt');
  } finally {
    await p.close();
  }
}

export interface BackgroundMatch {
  /** The background's busy time per request (its main thread blocked, summed from a lag monitor). */
  busyMs: number[];
  /** Its longest single block per request. */
  longestMs: number[];
  /** On the sending page: the sendMessage call itself (serialising the request), and the round trip. */
  sendMs: number[];
  roundTripMs: number[];
  matches: number;
}

// Runs in the service worker: a chain of posted messages notes each time its thread was
// blocked for more than 1 ms (a posted message runs as soon as the thread is free).
const LAG_START = `(() => {
  const ch = new MessageChannel();
  const gaps = [];
  let last = performance.now();
  let on = true;
  ch.port1.onmessage = () => {
    const t = performance.now();
    if (t - last > 1) gaps.push(t - last);
    last = t;
    if (on) ch.port2.postMessage(0);
  };
  ch.port2.postMessage(0);
  globalThis.__benchLag = { stop: () => { on = false; return gaps; } };
})()`;

/** page:match for `text`, sent `runs` times from the welcome page's sample frame (a sender page:match accepts) after one warm-up, the background timed from outside. */
export async function backgroundMatch(context: BrowserContext, extensionId: string, text: string, runs: number): Promise<BackgroundMatch> {
  const p = await context.newPage();
  await p.goto(`chrome-extension://${extensionId}/sample.html`);
  await sleep(1000); // the sample article's own annotation done
  const out: BackgroundMatch = { busyMs: [], longestMs: [], sendMs: [], roundTripMs: [], matches: 0 };
  try {
    await p.evaluate((t) => void ((window as unknown as { __text: string }).__text = t), text);
    const send = `(async () => {
      const msg = { type: 'page:match', text: window.__text, date: null, lang: null };
      const t0 = performance.now();
      const pending = chrome.runtime.sendMessage(msg);
      const t1 = performance.now();
      const reply = await pending;
      const t2 = performance.now();
      if (!reply || !reply.ok) throw new Error('page:match: ' + (reply ? reply.error : 'no reply'));
      return { send: t1 - t0, roundTrip: t2 - t0, matches: reply.data.spans.replace(/[\\x60-\\x7f]/g, '').length / 3 };
    })()`;
    await ev(p, send); // warm: the KB loaded and the engine built
    for (let i = 0; i < runs; i++) {
      const worker = latestWorker(context);
      await worker.evaluate(LAG_START);
      await sleep(100);
      const r = await ev<{ send: number; roundTrip: number; matches: number }>(p, send);
      await sleep(100);
      const gaps = await worker.evaluate<number[]>('globalThis.__benchLag.stop()');
      out.busyMs.push(sum(gaps));
      out.longestMs.push(Math.max(0, ...gaps));
      out.sendMs.push(r.send);
      out.roundTripMs.push(r.roundTrip);
      out.matches = r.matches;
      await sleep(200);
    }
  } finally {
    await p.close();
  }
  return out;
}

function latestWorker(context: BrowserContext): Worker {
  const workers = context.serviceWorkers();
  const w = workers[workers.length - 1];
  if (!w) throw new Error('bench: no service worker to time');
  return w;
}

/** The page's main-thread work for our scripts over `n` traced loads of `url` (ms per load: the slices that run extension code). */
export interface LoadWork {
  /** Our main-thread work in the load, ms (the slices that run extension code, summed). */
  total: number;
  /** The same slices' thread CPU time, ms: the work without the waits for a core that a shared 2-core machine adds. */
  cpu: number;
  /** Its longest slice, ms. */
  longest: number;
  /** Its longest slice that is mostly our code (at least half of the profiler's samples in it): not a frame of the page's own rendering. */
  longestOwn: number;
  /** The slices counted, in order (ms; profiler samples in our code / all). */
  slices: { ms: number; cpuMs: number; ourSamples: number; samples: number }[];
}

export function loadWork(ours: { ms: number; cpuMs: number; ourSamples: number; samples: number }[]): LoadWork {
  const own = ours.filter((b) => b.ourSamples * 2 >= b.samples);
  return {
    total: sum(ours.map((b) => b.ms)),
    cpu: sum(ours.map((b) => b.cpuMs)),
    longest: Math.max(0, ...ours.map((b) => b.ms)),
    longestOwn: Math.max(0, ...own.map((b) => b.ms)),
    slices: ours.map(({ ms, cpuMs, ourSamples, samples }) => ({ ms, cpuMs, ourSamples, samples })),
  };
}

export async function tracedLoads(context: BrowserContext, url: string, scriptUrl: string, n: number): Promise<LoadWork[]> {
  const loads: LoadWork[] = [];
  let lost = 0;
  for (let i = 0; i < n; i++) {
    const p = await context.newPage();
    await p.goto('about:blank');
    const events = await traceDuring(context, p, async () => {
      await p.goto(url, { waitUntil: 'load', timeout: 180_000 });
      await p.waitForFunction('window.__probe && window.__probe.highlightsAt !== null', undefined, { timeout: 180_000, polling: 200 });
      await sleep(1000);
    });
    await p.close();
    const work = contentScriptWork(events, scriptUrl);
    if (!work.found) throw new Error(`bench: ${scriptUrl} was not found in the trace of ${url}`);
    // Now and then the trace holds the profiler's samples of only part of the load (seen: the
    // evaluation's, then none), and the scan's slices go uncounted: such a load is taken again.
    const ourSamples = sum(work.ours.map((b) => b.ourSamples));
    if (ourSamples < MIN_OUR_SAMPLES && lost < 3) {
      lost++;
      i--;
      progress(`a traced load's profile holds ${ourSamples} samples of our code; the load is taken again`);
      continue;
    }
    loads.push(loadWork(withPaintFrame(events, work)));
  }
  return loads;
}

/**
 * The extension's JS memory in one annotated tab: the tab's heap (Runtime.getHeapUsage after
 * forced GCs; one isolate holds the page's and the content script's worlds) with the site
 * switched off, then after switching it on in that open tab, which annotates the page.
 */
export async function annotatedTabHeap(
  context: BrowserContext,
  url: string,
  setSite: (enabled: boolean) => Promise<void>,
): Promise<{ off: number; on: number }> {
  await setSite(false);
  const p = await context.newPage();
  try {
    await p.goto(url, { waitUntil: 'load', timeout: 180_000 });
    await sleep(1000);
    const cdp = await context.newCDPSession(p);
    const off = await heapUsed(cdp, true);
    await setSite(true);
    await p.waitForFunction('CSS.highlights.size > 0', undefined, { timeout: 180_000, polling: 200 });
    await sleep(1000);
    const on = await heapUsed(cdp, true);
    await cdp.detach();
    return { off, on };
  } finally {
    await p.close();
  }
}
