// Real browsers with the built extension loaded: Chromium (Debian's chromium in CI; Chrome or
// Edge elsewhere) through playwright-core, Firefox (Debian's firefox-esr in CI) through
// puppeteer-core over WebDriver BiDi. find-browser.ts says where they are looked for; a missing
// browser is a failure with instructions, never a skip.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { LOG_PREFIX } from '../../src/shared/product';
import { findBrowser } from './find-browser';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');
/** The development and test build (npm run build makes it beside the release): localhost and 127.0.0.1 are among its default sites. */
export const DEV_DIST = path.join(DIST, 'dev');
export const GECKO_ID = 'health-policy-reader@hp-reader.org';
const FIREFOX_UUID = '7d6b3c4e-1f2a-4b5c-8d9e-0a1b2c3d4e5f';

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

/** The small surface the tests use, the same for both browsers. */
export interface TestPage {
  /** The extension's own complaints seen in this page's console since it opened (warnings, errors, uncaught errors). */
  extensionErrors(): string[];
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  evaluateArg<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  waitFor(fn: () => unknown, timeoutMs?: number): Promise<void>;
  mouseMove(x: number, y: number): Promise<void>;
  press(combo: { alt?: boolean; shift?: boolean; code: string }): Promise<void>;
  click(selector: string): Promise<void>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  bringToFront(): Promise<void>;
  screenshot(file: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestBrowser {
  name: 'chromium' | 'firefox';
  extensionOrigin: string;
  openPage(url: string): Promise<TestPage>;
  /** Stops the MV3 service worker (Chromium); the next message must wake it. */
  stopBackground(): Promise<void>;
  /** Closes and relaunches with the same profile. */
  restart(): Promise<void>;
  /** Installs the extension now (a browser launched with `deferInstall`: tabs opened before the install). */
  install(): Promise<void>;
  /** The addresses of the open tabs. */
  pageUrls(): Promise<string[]>;
  /** Reloads the extension as an update does (Chromium: installed again from its folder, which needs `deferInstall`; Firefox: runtime.reload()). */
  update(): Promise<void>;
  /** Every request the browser makes from now on (pages, frames, extension pages, the background). */
  recordRequests(): { stop(): string[] };
  close(): Promise<void>;
}

/**
 * Polls with plain evaluate calls: the drivers' own waitForFunction relies on page globals
 * (MutationObserver, requestAnimationFrame) that hostile test pages replace.
 */
async function poll(check: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
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

function pwPage(page: PwPage): TestPage {
  const errors: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && OURS.test(m.text() + ' ' + m.location().url)) errors.push(m.text());
  });
  page.on('pageerror', (e) => {
    if (OURS.test(`${e.message} ${e.stack ?? ''}`)) errors.push(e.message);
  });
  return {
    extensionErrors: () => [...errors],
    evaluate: (fn) => page.evaluate(fn),
    evaluateArg: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, timeoutMs) => poll(() => page.evaluate(fn), timeoutMs),
    mouseMove: (x, y) => page.mouse.move(x, y),
    async press({ alt, shift, code }) {
      await page.keyboard.press([alt && 'Alt', shift && 'Shift', code].filter(Boolean).join('+'));
    },
    click: (selector) => page.locator(selector).first().click(),
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
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
}

export async function launchChromium(
  extensionDir = path.join(DEV_DIST, 'chrome'),
  options: { colorScheme?: 'light' | 'dark'; deferInstall?: boolean; touch?: boolean } = {},
): Promise<TestBrowser> {
  const CHROMIUM = findBrowser('chromium');
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no build: run npm run build`);
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
      viewport: { width: 1200, height: 900 },
      // A touch screen: touch events, and (pointer: coarse) matches.
      hasTouch: options.touch ?? false,
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

function ppPage(page: PpPage): TestPage {
  const errors: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warn') && OURS.test(m.text() + ' ' + (m.location().url ?? ''))) errors.push(m.text());
  });
  page.on('pageerror', (e) => {
    const err = e as Error;
    if (OURS.test(`${err.message} ${err.stack ?? ''}`)) errors.push(err.message);
  });
  return {
    extensionErrors: () => [...errors],
    evaluate: (fn) => page.evaluate(fn),
    evaluateArg: (fn, arg) => page.evaluate(fn as never, arg),
    waitFor: (fn, timeoutMs) => poll(() => page.evaluate(fn), timeoutMs),
    mouseMove: (x, y) => page.mouse.move(x, y),
    async press({ alt, shift, code }) {
      if (alt) await page.keyboard.down('Alt');
      if (shift) await page.keyboard.down('Shift');
      await page.keyboard.press(code as never);
      if (shift) await page.keyboard.up('Shift');
      if (alt) await page.keyboard.up('Alt');
    },
    async click(selector) {
      await page.locator(selector).click();
    },
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
    setViewport: (width, height) => page.setViewport({ width, height }),
    close: () => page.close(),
  };
}

/** Gecko's pointer capabilities: 1 = coarse. */
const FIREFOX_TOUCH_PREFS = {
  'ui.primaryPointerCapabilities': 1,
  'ui.allPointerCapabilities': 1,
  'dom.w3c_touch_events.enabled': 1,
  'dom.maxtouchpoints.testing.value': 5,
};

export async function launchFirefox(
  extensionDir = path.join(DEV_DIST, 'firefox'),
  options: { deferInstall?: boolean; touch?: boolean } = {},
): Promise<TestBrowser> {
  const FIREFOX = findBrowser('firefox');
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no build: run npm run build`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-firefox-'));
  let browser: PpBrowser;
  const launch = async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      protocol: 'webDriverBiDi',
      defaultViewport: { width: 1200, height: 900 },
      extraPrefsFirefox: {
        // A fixed internal UUID so tests can open moz-extension:// pages.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'network.proxy.allow_hijacking_localhost': false,
        // A site added in the options page is granted without the prompt a reader would answer.
        'extensions.webextOptionalPermissionPrompts': false,
        // A touch screen as the primary pointer (BiDi's touch override does not change the pointer media queries).
        ...(options.touch ? FIREFOX_TOUCH_PREFS : {}),
      },
    });
    if (!options.deferInstall) await browser.installExtension(extensionDir);
  };
  await launch();
  const origin = `moz-extension://${FIREFOX_UUID}/`;
  let bridge: PpPage | undefined;

  // Over BiDi an extension page's target may report about:blank: ask the page itself.
  async function pageAt(match: (href: string) => boolean, known: Set<PpPage>): Promise<PpPage> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      for (const p of await browser.pages()) {
        if (known.has(p)) continue;
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (match(href)) return p;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the extension page did not open');
  }

  // WebDriver BiDi may not navigate to moz-extension:// pages. A reader's own path gets
  // there instead: a card's pledge link opens the pledge history in a tab, and from that
  // extension page further extension pages are opened with tabs.create.
  async function ensureBridge(): Promise<PpPage> {
    if (bridge && !bridge.isClosed()) return bridge;
    // The welcome page the extension opens on install is an extension page already (just
    // after the launch it may still be opening; after a restart there is none).
    for (const deadline = Date.now() + (bridgePort ? 0 : 10_000); ;) {
      for (const p of await browser.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(`${origin}welcome.html`)) return (bridge = p);
      }
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!bridgePort) throw new Error('open a page of the local test server first: the Firefox bridge starts from one of its articles');
    const article = await browser.newPage();
    // localhost is a site of its own (not 127.0.0.1), so tests that switch 127.0.0.1 off keep a bridge.
    await article.goto(`http://localhost:${bridgePort}/seed/000`);
    await article.waitForFunction(() => CSS.highlights.size > 0, { timeout: 15_000 });
    const before = new Set(await browser.pages());
    await article.evaluate(() => {
      for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
        for (const r of h)
          if (r.toString() === 'Jeremy Hunt') {
            r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
            const rect = r.getClientRects()[0]!;
            (globalThis as unknown as { __at: unknown }).__at = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
            return;
          }
    });
    const at = await article.evaluate(() => (globalThis as unknown as { __at: { x: number; y: number } }).__at);
    await article.mouse.move(at.x, at.y);
    await article.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('hpa-card-host')?.style.visibility === 'visible' &&
        Boolean(document.querySelector('hpa-card-host')?.shadowRoot?.querySelector('.pledges button')),
      { timeout: 10_000 },
    );
    await article.evaluate(() =>
      (document.querySelector('hpa-card-host')!.shadowRoot!.querySelector('.pledges button') as HTMLButtonElement).click(),
    );
    bridge = await pageAt((href) => href.startsWith(origin), before);
    await article.close();
    return bridge;
  }
  let bridgePort = 0;

  return {
    name: 'firefox',
    extensionOrigin: origin,
    async openPage(url) {
      if (!url.startsWith(origin)) {
        const page = await browser.newPage();
        await page.goto(url);
        if (!bridgePort && url.startsWith('http://127.0.0.1:')) bridgePort = Number(new URL(url).port);
        return ppPage(page);
      }
      const from = await ensureBridge();
      const before = new Set(await browser.pages());
      await from.evaluate(
        (u: string) =>
          (globalThis as unknown as { browser: { tabs: { create(o: object): Promise<unknown> } } }).browser.tabs.create({ url: u }),
        url,
      );
      return ppPage(await pageAt((href) => href === url, before));
    },
    recordRequests() {
      // WebDriver BiDi reports requests per page: listen on every page, present and new.
      const urls: string[] = [];
      const listen = (p: PpPage) => p.on('request', (r) => void urls.push(r.url()));
      const seen = new WeakSet<PpPage>();
      const attach = async () => {
        for (const p of await browser.pages()) {
          if (seen.has(p)) continue;
          seen.add(p);
          listen(p);
        }
      };
      void attach();
      const onTarget = () => void attach();
      browser.on('targetcreated', onTarget);
      return {
        stop() {
          browser.off('targetcreated', onTarget);
          return urls;
        },
      };
    },
    async stopBackground() {
      throw new Error('Firefox has no service worker to stop');
    },
    async install() {
      await browser.installExtension(extensionDir);
    },
    async pageUrls() {
      return Promise.all((await browser.pages()).map((p) => p.evaluate(() => location.href).catch(() => p.url())));
    },
    async update() {
      const from = await ensureBridge();
      await from.evaluate(() =>
        setTimeout(() => (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload(), 50),
      );
      bridge = undefined;
    },
    async restart() {
      await browser.close();
      bridge = undefined;
      await launch();
    },
    async close() {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
