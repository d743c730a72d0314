// The real extension's part of npm run bench: traced page work, hover, live blog, a site switched off.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs } from '../tests/e2e/browsers';
import type { Built } from './build';
import { CHROMIUM, LONG_CHARS, PREFS, progress, sleep, VIEWPORT } from './common';
import { ev } from './page-helpers';
import {
  annotatedTabHeap,
  backgroundMatch,
  coldStart,
  loadWork,
  tracedLoads,
  type BackgroundMatch,
  type LoadWork,
} from './background-probes';
import { heapUsed } from './profile';
import type { BenchServer } from './server';
import { contentScriptWork, traceDuring, withPaintFrame, type MainThreadWork, type TraceEvent } from './trace';

// --- the real extension: its main-thread work in a trace, hover, live blog, a site switched off ---------

export interface HoverResult {
  text: string;
  cardMs: number;
  showMs: number;
  placedMs: number;
  transform: string;
}

export interface RealWork {
  work: MainThreadWork;
}

export interface ExtensionResults {
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
  /** Our main-thread work on each traced load of the long page (in all, and its longest slice), the first one being `long`. */
  longLoads: LoadWork[];
  /** The long page: ms from navigation start until the marks show, after the service worker was stopped, and warm. */
  cold: number[];
  warm: number[];
  background: BackgroundMatch;
}

/** The same measures with the 10× knowledge base. */
export interface Kb10Results {
  longLoads: LoadWork[];
  /** The shipped KB's extension, its loads taken in turn with the 10× ones (the same moments of a shared machine). */
  pairedLoads: LoadWork[];
  heap: { off: number; on: number };
}

/** Traced loads of the long page per knowledge base, and cold starts. */
// Five: one load's work moves by 20 ms or more on this shared machine.
const LOADS = 5;
// Pairs of loads (shipped KB and 10×, in alternating order) behind kb10_over_kb: its ratio moves most, each load being about 45 ms of work.
const KB10_PAIRS = 11;
const COLD_RUNS = 3;

export async function launchWithExtension(
  extensionDir: string,
): Promise<{ context: BrowserContext; profileDir: string; extensionId: string }> {
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
export async function closeCard(page: Page): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await ev<boolean>(page, '__hpaBench.cardOpen()'))) return true;
    await page.keyboard.press('Escape');
    await page.mouse.move(VIEWPORT.width - 3 - attempt * 200, VIEWPORT.height - 3);
    for (let i = 0; i < 10 && (await ev<boolean>(page, '__hpaBench.cardOpen()')); i++) await sleep(100);
  }
  return !(await ev<boolean>(page, '__hpaBench.cardOpen()'));
}

export async function hoverOnce(page: Page, fraction: number, dwellMs: number): Promise<HoverResult | 'stuck' | null> {
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

export interface HoverSeries {
  first: HoverResult | null;
  rest: HoverResult[];
  /** Hovers that showed no card within 10 s. */
  failed: number;
  /** Times the open card could not be closed by Escape and moving away. */
  stuck: number;
}

export async function hoverSeries(page: Page, n: number): Promise<HoverSeries> {
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

export async function setSite(context: BrowserContext, extensionId: string, enabled: boolean): Promise<void> {
  const p = await context.newPage();
  await p.goto(`chrome-extension://${extensionId}/options.html`);
  const reply = await ev<{ ok: boolean; error?: string }>(
    p,
    `chrome.runtime.sendMessage({ type: 'site:set', site: '127.0.0.1', enabled: ${enabled} })`,
  );
  await p.close();
  if (!reply.ok) throw new Error(`site:set: ${reply.error}`);
}

export async function extensionBrowser(built: Built, server: BenchServer): Promise<ExtensionResults> {
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
    const traced = contentScriptWork(longEvents, scriptUrl);
    const longWork = { ...traced, ours: withPaintFrame(longEvents, traced) };
    const highlightsAt = await ev<number>(page, 'window.__probe.highlightsAt');

    progress('real extension: the background matching the long page, warm');
    const longText = await ev<string>(page, 'document.body.textContent');
    const background = await backgroundMatch(context, extensionId, longText, 3);

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

    progress(`real extension: ${LOADS - 1} more traced loads of the long page`);
    const longLoads = [loadWork(longWork.ours), ...(await tracedLoads(context, longUrl, scriptUrl, LOADS - 1))];

    progress('real extension: the long page after the service worker was stopped, and warm');
    const cold: number[] = [];
    const warm: number[] = [];
    try {
      for (let i = 0; i < COLD_RUNS; i++) {
        cold.push(await coldStart(context, extensionId, longUrl, true));
        warm.push(await coldStart(context, extensionId, longUrl, false));
      }
    } catch (e) {
      // The rest of the run still counts: the report shows the cold start as missing.
      progress(`cold start not measured: ${(e as Error).message}`);
    }

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
      longLoads,
      cold,
      warm,
      background,
    };
  } finally {
    await context.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

/** With the 10× knowledge base: our main-thread work on the long page, and what one annotated tab holds. */
export async function kb10Browser(built: Built, server: BenchServer): Promise<Kb10Results> {
  const { context, profileDir, extensionId } = await launchWithExtension(built.extensionDir10);
  const shipped = await launchWithExtension(built.extensionDir);
  try {
    const longUrl = server.url(`/long?chars=${LONG_CHARS}&probe=1`);
    progress(`10× knowledge base: ${KB10_PAIRS} traced loads of the long page, each paired with one with the shipped KB`);
    const pairs = await kbPairs(shipped, { context, extensionId }, longUrl, KB10_PAIRS);
    const longLoads = pairs.map((p) => p.kb10);
    const pairedLoads = pairs.map((p) => p.shipped);
    await shipped.context.close();
    progress('10× knowledge base: the JS heap of one annotated tab');
    const heap = await annotatedTabHeap(context, longUrl, (on) => setSite(context, extensionId, on));
    return { longLoads, pairedLoads, heap };
  } finally {
    await shipped.context.close().catch(() => {});
    await context.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
    fs.rmSync(shipped.profileDir, { recursive: true, force: true });
  }
}

/**
 * `n` pairs of traced loads of `url`: one with the shipped KB's extension, one with the 10×
 * one, taken in turn, in alternating order (so that neither KB always meets the moment just
 * after the other's load).
 */
export async function kbPairs(
  shipped: { context: BrowserContext; extensionId: string },
  kb10: { context: BrowserContext; extensionId: string },
  url: string,
  n: number,
  onPair: (i: number) => void = () => {},
): Promise<{ shipped: LoadWork; kb10: LoadWork }[]> {
  const load = async (x: { context: BrowserContext; extensionId: string }) =>
    (await tracedLoads(x.context, url, `chrome-extension://${x.extensionId}/content.js`, 1))[0]!;
  const pairs: { shipped: LoadWork; kb10: LoadWork }[] = [];
  for (let i = 0; i < n; i++) {
    onPair(i);
    if (i % 2 === 0) {
      const a = await load(shipped);
      pairs.push({ shipped: a, kb10: await load(kb10) });
    } else {
      const b = await load(kb10);
      pairs.push({ shipped: await load(shipped), kb10: b });
    }
  }
  return pairs;
}

/** As contentScriptWork, for a trace that starts after the content script was evaluated: the page's main thread is found by its TimeStamp marks. */
export function contentScriptWorkOnPage(events: TraceEvent[], scriptUrl: string): MainThreadWork {
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
  return { ...w, ours: w.ours.filter((b) => b.ourSamples > 0 || b.ourCalls > 0), evaluateMs: 0 };
}
