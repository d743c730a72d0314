// Loading pages with the bench bundle and running it: floor, ours and mark.js side by side.

import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { Built } from './build';
import { f1, MARKJS_CHUNK, median, PREFS } from './common';
import type { OursResult } from './page-bench';

// --- page helpers ----------------------------------------------------------------------------------

export async function settle(page: Page): Promise<void> {
  // Two frames and a pause: the page's own first layout and paint are done before we start.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150))))');
}

// The bench bundle runs where a content script runs: in an isolated world of the page
// (CDP Page.createIsolatedWorld), so the floor, ours and mark.js all pay what an
// extension's script pays for DOM access there. The live-blog runs, which drive the
// page's own script, load it into the page's main world instead.
export const sessions = new WeakMap<Page, CDPSession>();
export const worlds = new WeakMap<Page, number>();

export async function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) sessions.set(page, (cdp = await page.context().newCDPSession(page)));
  return cdp;
}

export async function evalIn(page: Page, expression: string, contextId?: number): Promise<unknown> {
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
export async function load(page: Page, url: string, built: Built, extra: string[] = []): Promise<void> {
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
export async function loadMain(page: Page, url: string, built: Built): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
  await page.addScriptTag({ path: built.bundle });
  await settle(page);
}

/** Evaluates an expression in the page's main world (a string: tsx would add helpers to a serialised function). */
export const ev = <T>(page: Page, expr: string) => page.evaluate<T>(expr);
/** Evaluates an expression in the bench's isolated world of the page. */
export const run = async <T>(page: Page, expr: string) => (await evalIn(page, expr, worlds.get(page))) as T;
export const lit = (v: unknown) => JSON.stringify(v);

export interface FloorResult {
  sync: number;
  render: number;
  ms: number;
  wall: number;
  chars: number;
  nodes: number;
}
export interface MarkJsResult {
  ms: number;
  finished: boolean;
  done: number;
  total: number;
  marks: number;
}

export const floorOnce = (page: Page) => run<FloorResult>(page, '__hpaBench.floorRun()');
export const oursOnce = (page: Page, built: Built, longTasks = false) =>
  run<OursResult>(page, `__hpaBench.ours(${lit(built.dictionaryJson)}, ${lit(PREFS)}, { longTasks: ${longTasks} })`);
export const aliases = (built: Built) => built.dictionary.patterns.map((p) => p.text);
export const markjsOnce = (page: Page, built: Built, capMs: number) =>
  run<MarkJsResult>(page, `__hpaBench.markjs(${lit(aliases(built))}, ${capMs}, ${MARKJS_CHUNK})`);

export interface Side {
  floor: FloorResult[];
  ours: OursResult[];
  markjs: MarkJsResult[];
  markjsCap: number;
}

/** Floor, ours and (optionally) mark.js on fresh loads of one page, interleaved run by run. */
export async function sideBySide(
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

export const med = <T>(xs: T[], key: keyof T) => median(xs.map((x) => x[key] as unknown as number));

export function markjsFigure(s: Side): { ms: number; capped: boolean; text: string; estimate?: number } {
  if (!s.markjs.length) return { ms: NaN, capped: false, text: '—' };
  const unfinished = s.markjs.find((r) => !r.finished);
  if (unfinished) {
    const estimate = (unfinished.ms * unfinished.total) / unfinished.done;
    return { ms: s.markjsCap, capped: true, text: `≥ ${f1(s.markjsCap)} (cap)`, estimate };
  }
  const ms = med(s.markjs, 'ms');
  return { ms, capped: false, text: f1(ms) };
}
