// Chromium (Debian's chromium in CI; Chrome or Edge elsewhere) with the built extension, through
// playwright-core: a persistent context loading the unpacked extension with --load-extension.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import { findBrowser } from '../find-browser';
import { commonPageMethods, DEV_DIST, extensionErrorLog, poll, requireBuild } from './common';
import type { LaunchOptions, TestBrowser, TestPage } from './types';

/** Headless Chromium with the unpacked extension; no background networking (this machine has none). */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

function pwPage(page: PwPage): TestPage {
  const log = extensionErrorLog();
  page.on('console', (m) => log.console(m.type(), m.text(), m.location().url));
  page.on('pageerror', (e) => log.uncaught(e));
  return {
    ...commonPageMethods(page),
    extensionErrors: log.list,
    evaluate: (fn) => page.evaluate(fn),
    evaluateArg: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, timeoutMs) => poll(() => page.evaluate(fn), timeoutMs),
    async press({ alt, shift, code }) {
      await page.keyboard.press([alt && 'Alt', shift && 'Shift', code].filter(Boolean).join('+'));
    },
    click: (selector) => page.locator(selector).first().click(),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    async swipe(from, to) {
      // Playwright's touchscreen only taps: the touch points go over CDP.
      const cdp = await page.context().newCDPSession(page);
      const at = (t: number) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
      for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / 8) });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await cdp.detach();
    },
  };
}

export async function launchChromium(extensionDir = path.join(DEV_DIST, 'chrome'), options: LaunchOptions = {}): Promise<TestBrowser> {
  const CHROMIUM = findBrowser('chromium');
  requireBuild(extensionDir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-chromium-'));
  let context: BrowserContext;
  let worker: Worker;
  // Lets Playwright report the MV3 service worker's own requests too.
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  let installedId = '';
  const launch = async () => {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport ?? { width: 1200, height: 900 },
      hasTouch: options.touch ?? false,
      isMobile: options.mobile ?? false,
      // Deferred: no extension at launch; CDP's Extensions.loadUnpacked installs it later, as a reader would.
      args: options.deferInstall
        ? [...chromiumArgs(extensionDir).slice(2), '--enable-unsafe-extension-debugging']
        : chromiumArgs(extensionDir),
      // Playwright's default --disable-extensions would refuse an extension installed later or reloaded.
      ignoreDefaultArgs: ['--disable-extensions'],
    });
    if (options.deferInstall) return;
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    // The background registers the content-script loader as it starts (about 0.1 s after a fresh
    // install); a page loaded before that gets no script, as a tab open at install time does not.
    await poll(async () => {
      const ids = await worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } })
          .chrome;
        return (await api.scripting.getRegisteredContentScripts()).map((s) => s.id);
      });
      return ids.includes('defaults');
    });
  };
  await launch();
  const extensionOrigin = () =>
    installedId ? `chrome-extension://${installedId}/` : worker.url().replace(/^(chrome-extension:\/\/[^/]+\/).*$/, '$1');
  const browser: TestBrowser = {
    name: 'chromium',
    get extensionOrigin() {
      return extensionOrigin();
    },
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      // hasTouch alone leaves (pointer: coarse) false in extension pages as they load; touch
      // emulation switched on again over CDP once the page is loaded makes it match.
      if (options.touch)
        await (await context.newCDPSession(page)).send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
      return pwPage(page);
    },
    recordRequests() {
      const urls: string[] = [];
      const listener = (r: { url(): string }) => void urls.push(r.url());
      context.on('request', listener);
      return {
        stop() {
          context.off('request', listener);
          return urls;
        },
      };
    },
    async stopBackground() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async restart() {
      await context.close();
      await launch();
    },
    async install() {
      const cdp = await context.browser()!.newBrowserCDPSession();
      installedId = ((await cdp.send('Extensions.loadUnpacked' as never, { path: extensionDir } as never)) as { id: string }).id;
      await cdp.detach();
    },
    async pageUrls() {
      return context.pages().map((p) => p.url());
    },
    async update() {
      // Headless Chromium leaves an extension disabled after runtime.reload(); loading the same folder again is its update.
      if (!installedId) throw new Error('update() needs a browser launched with deferInstall and install()');
      await browser.install();
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return browser;
}
