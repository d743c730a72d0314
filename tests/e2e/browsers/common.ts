// What both browser adapters share: where the build is, polling, and which console lines are the extension's.

import fs from 'node:fs';
import path from 'node:path';
import { LOG_PREFIX } from '../../../src/shared/product';
import type { TestPage } from './types';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const DIST = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');
/** The development and test build (npm run build makes it beside the release): localhost and 127.0.0.1 are among its default sites. */
export const DEV_DIST = path.join(DIST, 'dev');

export function requireBuild(extensionDir: string): void {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no build: run npm run build`);
}

/**
 * Polls with plain evaluate calls: the drivers' own waitForFunction relies on page globals
 * (MutationObserver, requestAnimationFrame) that hostile test pages replace.
 */
export async function poll(check: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Console lines the extension writes start with its name; uncaught errors from its scripts name its files. */
const OURS = new RegExp(`${LOG_PREFIX}|annotator\\.js|content\\.js|(chrome|moz)-extension://`);

/** Collects the extension's own console warnings and errors and uncaught errors of a page. */
export interface ExtensionErrorLog {
  console(level: string, text: string, url: string): void;
  uncaught(e: Error): void;
  /** A copy of what was collected so far (a function property: TestPage.extensionErrors is this function). */
  list: () => string[];
}

export function extensionErrorLog(): ExtensionErrorLog {
  const errors: string[] = [];
  return {
    console(level, text, url) {
      // Playwright calls a warning 'warning', puppeteer 'warn'.
      if ((level === 'error' || level === 'warning' || level === 'warn') && OURS.test(`${text} ${url}`)) errors.push(text);
    },
    uncaught(e) {
      if (OURS.test(`${e.message} ${e.stack ?? ''}`)) errors.push(e.message);
    },
    list: () => [...errors],
  };
}

/** What playwright-core's and puppeteer-core's pages have in common, as the tests use it. */
interface DriverPage {
  mouse: { move(x: number, y: number): Promise<void>; click(x: number, y: number): Promise<void> };
  keyboard: { down(key: string): Promise<void>; up(key: string): Promise<void> };
  touchscreen: { tap(x: number, y: number): Promise<void> };
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  bringToFront(): Promise<void>;
  screenshot(options: { path: string }): Promise<unknown>;
  close(): Promise<void>;
}

/** The TestPage methods both drivers implement alike; the adapter adds the rest. */
export function commonPageMethods(
  page: DriverPage,
): Pick<TestPage, 'mouseMove' | 'mouseClick' | 'keyDown' | 'keyUp' | 'tap' | 'goto' | 'reload' | 'bringToFront' | 'screenshot' | 'close'> {
  return {
    mouseMove: (x, y) => page.mouse.move(x, y),
    mouseClick: (x, y) => page.mouse.click(x, y),
    keyDown: (key) => page.keyboard.down(key),
    keyUp: (key) => page.keyboard.up(key),
    tap: (x, y) => page.touchscreen.tap(x, y),
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    bringToFront: () => page.bringToFront(),
    async screenshot(file) {
      await page.screenshot({ path: file });
    },
    close: () => page.close(),
  };
}
