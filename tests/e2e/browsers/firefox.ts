// Firefox (Debian's firefox-esr in CI) with the built extension, through puppeteer-core over
// WebDriver BiDi: browser.installExtension installs it as a temporary add-on.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { findBrowser } from '../find-browser';
import { commonPageMethods, DEV_DIST, extensionErrorLog, poll, requireBuild } from './common';
import type { LaunchOptions, TestBrowser, TestPage } from './types';

export const GECKO_ID = 'health-policy-reader@hp-reader.org';
const FIREFOX_UUID = '7d6b3c4e-1f2a-4b5c-8d9e-0a1b2c3d4e5f';

function ppPage(page: PpPage): TestPage {
  const log = extensionErrorLog();
  page.on('console', (m) => log.console(m.type(), m.text(), m.location().url ?? ''));
  page.on('pageerror', (e) => log.uncaught(e as Error));
  return {
    ...commonPageMethods(page),
    extensionErrors: log.list,
    evaluate: (fn) => page.evaluate(fn),
    evaluateArg: (fn, arg) => page.evaluate(fn as never, arg),
    waitFor: (fn, timeoutMs) => poll(() => page.evaluate(fn), timeoutMs),
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
    setViewport: (width, height) => page.setViewport({ width, height }),
    async swipe(from, to) {
      await page.touchscreen.touchStart(from.x, from.y);
      for (let i = 1; i <= 8; i++) await page.touchscreen.touchMove(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
      await page.touchscreen.touchEnd();
    },
  };
}

/** Gecko's pointer capabilities: 1 = coarse. */
const FIREFOX_TOUCH_PREFS = {
  'ui.primaryPointerCapabilities': 1,
  'ui.allPointerCapabilities': 1,
  'dom.w3c_touch_events.enabled': 1,
  'dom.maxtouchpoints.testing.value': 5,
};

export async function launchFirefox(extensionDir = path.join(DEV_DIST, 'firefox'), options: LaunchOptions = {}): Promise<TestBrowser> {
  if (options.colorScheme === 'dark')
    throw new Error('launchFirefox: colorScheme "dark" is not supported (WebDriver BiDi cannot emulate prefers-color-scheme)');
  const FIREFOX = findBrowser('firefox');
  requireBuild(extensionDir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-firefox-'));
  let browser: PpBrowser;
  const origin = `moz-extension://${FIREFOX_UUID}/`;
  /** The welcome page's tab, looked for until `ms` have passed (after a restart there is none). */
  const welcomePage = async (ms: number): Promise<PpPage | undefined> => {
    for (const deadline = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 200))) {
      for (const p of await browser.pages())
        if ((await p.evaluate(() => location.href).catch(() => '')).startsWith(`${origin}welcome.html`)) return p;
      if (Date.now() >= deadline) return undefined;
    }
  };
  // The extension opens its welcome page on install, a moment later, in front of whatever tab
  // is open: a test page then sits in a background tab, where Firefox runs no animation frames
  // and our hover, hit-tested in one, never opens a card. So the welcome tab is waited for once.
  const welcomeOpened = () => welcomePage(10_000);
  let installed = false;
  const launch = async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      protocol: 'webDriverBiDi',
      defaultViewport: { ...(options.viewport ?? { width: 1200, height: 900 }), hasTouch: options.touch ?? false },
      extraPrefsFirefox: {
        // A fixed internal UUID so tests can open moz-extension:// pages.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'network.proxy.allow_hijacking_localhost': false,
        // A site added in the options page is granted without the prompt a reader would answer.
        'extensions.webextOptionalPermissionPrompts': false,
        // A touch screen as the primary pointer (BiDi's touch override does not change the pointer media queries).
        ...(options.touch ? FIREFOX_TOUCH_PREFS : {}),
        ...options.firefoxPrefs,
      },
    });
    if (options.deferInstall) return;
    await browser.installExtension(extensionDir);
    if (!installed) await welcomeOpened();
    installed = true;
  };
  await launch();
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
    const welcome = await welcomePage(bridgePort ? 0 : 10_000);
    if (welcome) return (bridge = welcome);
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
      await welcomeOpened();
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
