// Touch screens and the reader's control (issue 14), in each real browser: on a phone-sized
// touch screen (Chromium: hasTouch, isMobile, 390 × 844; Firefox: touch events and a coarse
// pointer at 390 × 844) a tap opens the card as a bottom sheet that never covers the word, a
// tap outside, Back and the close button close it, a marked link is followed; the card menu's
// three actions; axe on the sheet and its menu. Then each trigger mode with a mouse at desktop size.

import { describe, expect, it } from 'vitest';
import { BROWSERS, type TestBrowser, type TestPage } from './browsers';
import { expectNoViolations } from './axe';
import { highlightCount, markCentre, shownCardText } from './page-probes';
import { openSession, type Session } from './session';

const PHONE = { width: 390, height: 844 };

/** Scrolls the first mark with this text to `at` (a fraction of the viewport's height from its top) and returns its centre. */
function markScrolledTo(arg: { text: string; at: number }): { x: number; y: number } | null {
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h) {
      if (r.toString() !== arg.text) continue;
      window.scrollBy({ top: r.getClientRects()[0]!.top - innerHeight * arg.at, behavior: 'instant' });
      const box = r.getClientRects()[0]!;
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
  return null;
}

/** The shown card as a sheet and the word it explains. Its layout box (offset*), not its drawn one: the rise animation's transform does not count. */
function sheetOver(text: string): { sheet: boolean; fullWidth: boolean; half: boolean; wordBottom: number; sheetTop: number } | null {
  const host = document.querySelector<HTMLElement>('hpa-card-host');
  const card = host?.shadowRoot?.querySelector<HTMLElement>('.card');
  if (!card || host!.style.visibility !== 'visible') return null;
  let word: DOMRect | undefined;
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h) if (r.toString() === text) word ??= r.getClientRects()[0];
  if (!word) return null;
  // A fixed element's offsets are the viewport's.
  return {
    sheet: card.classList.contains('sheet'),
    fullWidth: card.offsetLeft === 0 && card.offsetWidth === document.documentElement.clientWidth,
    half: card.offsetHeight <= innerHeight / 2 + 0.5,
    wordBottom: word.bottom,
    sheetTop: card.offsetTop,
  };
}

function isMarked(text: string): boolean {
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>) for (const r of h) if (r.toString() === text) return true;
  return false;
}

/** The centre of an element in the card (its shadow root), or null when it is not there. */
function inCard(selector: string): { x: number; y: number } | null {
  const el = document.querySelector('hpa-card-host')?.shadowRoot?.querySelector(selector);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

/**
 * The card's controls smaller than 44 × 44 px, measured at rest: mid-rise, the sheet's
 * transform maps a 44 px button to 43.99… (seen once under load).
 */
async function smallTargets(): Promise<string[]> {
  const root = document.querySelector('hpa-card-host')?.shadowRoot;
  await Promise.all((root?.getAnimations() ?? []).map((a) => a.finished.catch(() => undefined)));
  const out: string[] = [];
  for (const el of root?.querySelectorAll<HTMLElement>('.top button, [role="menuitem"], .undo') ?? []) {
    if (!el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 44 || r.height < 44)
      out.push(`${el.getAttribute('aria-label') ?? el.textContent} ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return out;
}

/** The reader's prefs changed as from the options page (an extension page's prefs:set). */
async function setPrefs(browser: TestBrowser, change: Record<string, unknown>): Promise<void> {
  const options = await browser.openPage(`${browser.extensionOrigin}options.html`);
  const reply = await options.evaluateArg(async (c: Record<string, unknown>) => {
    const g = globalThis as unknown as Record<string, { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: object }> } }>;
    const api = g.browser ?? g.chrome!;
    const prefs = (await api.runtime.sendMessage({ type: 'prefs:get' })).data;
    return api.runtime.sendMessage({ type: 'prefs:set', prefs: { ...prefs, ...c } });
  }, change);
  expect(reply.ok).toBe(true);
  await options.close();
}

async function phonePage(session: Session): Promise<TestPage> {
  const page = await session.browser.openPage(session.server.url('/touch-page'));
  await page.waitFor(() => CSS.highlights.size > 0, 15_000);
  return page;
}

async function tapMark(page: TestPage, text: string, at: number): Promise<void> {
  const point = await page.evaluateArg(markScrolledTo, { text, at });
  expect(point, `a mark "${text}"`).not.toBeNull();
  await page.tap(point!.x, point!.y);
}

async function tapInCard(page: TestPage, selector: string): Promise<void> {
  const deadline = Date.now() + 5000;
  let point = await page.evaluateArg(inCard, selector);
  while (!point && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    point = await page.evaluateArg(inCard, selector);
  }
  expect(point, `${selector} in the card`).not.toBeNull();
  await page.tap(point!.x, point!.y);
}

const sheetShown = (page: TestPage, text: string) =>
  page
    .waitFor(() => document.querySelector<HTMLElement>('hpa-card-host')?.style.visibility === 'visible', 10_000)
    .then(async () => {
      let state: ReturnType<typeof sheetOver> = null;
      const deadline = Date.now() + 5000;
      while (!(state = await page.evaluateArg(sheetOver, text)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(state, 'the sheet and the word').not.toBeNull();
      return state!;
    });

const cardClosed = (page: TestPage) => page.waitFor(() => document.querySelector<HTMLElement>('hpa-card-host')?.style.display === 'none');

describe.each(BROWSERS)('touch screen in %s', (spec) => {
  const session = openSession(() => spec.launch({ touch: true, mobile: true, viewport: PHONE }));

  it('a tap on a mark opens its card as a bottom sheet below the word; a tap outside closes it', async () => {
    const page = await phonePage(session);
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches && innerWidth)).toBe(PHONE.width);
    // The browser's tap is a touch pointer, as a finger's is (not a mouse resting).
    await page.evaluate(() => {
      const w = window as unknown as { pointerTypes: string[] };
      w.pointerTypes = [];
      addEventListener('pointerdown', (e) => w.pointerTypes.push(e.pointerType), true);
    });
    await tapMark(page, 'Care Quality Commission', 0.2);
    const state = await sheetShown(page, 'Care Quality Commission');
    expect(state).toMatchObject({ sheet: true, fullWidth: true, half: true });
    expect(await page.evaluate(() => (window as unknown as { pointerTypes: string[] }).pointerTypes)).toEqual(['touch']);
    expect(state.wordBottom).toBeLessThanOrEqual(state.sheetTop);
    expect(await page.evaluate(shownCardText)).toContain('Care Quality Commission');
    expect(await page.evaluate(smallTargets)).toEqual([]);
    await page.tap(PHONE.width / 2, 8); // above the text: no mark there
    await cardClosed(page);
    await page.close();
  });

  it('the page scrolls a word low on the screen above the sheet', async () => {
    const page = await phonePage(session);
    const point = await page.evaluateArg(markScrolledTo, { text: 'Jeremy Hunt', at: 0.85 });
    const before = await page.evaluate(() => scrollY);
    await page.tap(point!.x, point!.y);
    const state = await sheetShown(page, 'Jeremy Hunt');
    expect(state.sheet).toBe(true);
    expect(state.wordBottom).toBeLessThanOrEqual(state.sheetTop);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(before);
    await page.close();
  });

  it('a tap on a marked word inside a link follows the link', async () => {
    const page = await phonePage(session);
    await tapMark(page, 'NHS England', 0.3);
    await page.waitFor(() => location.pathname === '/touch-linked', 10_000);
    await page.close();
  });

  it('Back closes the sheet and the page stays; the close button closes it and leaves no history entry behind', async () => {
    const page = await phonePage(session);
    const length = await page.evaluate(() => history.length);
    await tapMark(page, 'Care Quality Commission', 0.2);
    await sheetShown(page, 'Care Quality Commission');
    await page.evaluate(() => history.back());
    await cardClosed(page);
    expect(await page.evaluate(() => location.pathname)).toBe('/touch-page');
    await tapMark(page, 'Care Quality Commission', 0.2);
    await sheetShown(page, 'Care Quality Commission');
    await tapInCard(page, '.close');
    await cardClosed(page);
    // Our entry was gone back over: the page is at its own entry again (history.length keeps the forward entry).
    await page.waitFor(() => history.state === null);
    expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(length + 1);
    await page.close();
  });

  it('a swipe down on the sheet’s top closes it; a short one does not', async () => {
    const page = await phonePage(session);
    await tapMark(page, 'Care Quality Commission', 0.2);
    await sheetShown(page, 'Care Quality Commission');
    const handle = await page.evaluateArg(inCard, '[data-testid="card-drag-handle"]');
    await page.swipe(handle!, { x: handle!.x, y: handle!.y + 20 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.evaluate(shownCardText)).toContain('Care Quality Commission');
    await page.swipe(handle!, { x: handle!.x, y: handle!.y + 200 });
    await cardClosed(page);
    await page.waitFor(() => history.state === null);
    await page.close();
  });

  it('axe finds nothing on the sheet, nor with its menu open', async () => {
    const page = await phonePage(session);
    await tapMark(page, 'Care Quality Commission', 0.2);
    await sheetShown(page, 'Care Quality Commission');
    await expectNoViolations(page, 'the bottom sheet', 'card');
    await tapInCard(page, '[data-testid="card-menu-button"]');
    await page.waitFor(() => document.querySelector('hpa-card-host')?.shadowRoot?.querySelector('[role="menu"]:not([hidden])') !== null);
    expect(await page.evaluate(smallTargets)).toEqual([]);
    await expectNoViolations(page, 'the bottom sheet with its menu open', 'card');
    await page.close();
  });

  it('the card menu: “Don’t mark on this site” takes the marks away at once, Undo brings them back', async () => {
    const page = await phonePage(session);
    await tapMark(page, 'Care Quality Commission', 0.2);
    await sheetShown(page, 'Care Quality Commission');
    await tapInCard(page, '[data-testid="card-menu-button"]');
    await tapInCard(page, '[data-testid="card-menu-site-off"]');
    await page.waitFor(() => CSS.highlights.size === 0 || [...CSS.highlights.values()].every((h) => h.size === 0));
    await page.waitFor(() =>
      document
        .querySelector('hpa-card-host')
        ?.shadowRoot?.querySelector('[data-testid="card-notice"]')
        ?.textContent?.includes('no longer marked'),
    );
    await tapInCard(page, '[data-testid="card-undo"]');
    await page.waitFor(() => [...CSS.highlights.values()].some((h) => h.size > 0), 15_000);
    expect(await page.evaluate(highlightCount)).toBeGreaterThan(0);
    await page.close();
  });

  it('the card menu: “Options” opens the options page', async () => {
    const page = await phonePage(session);
    await tapMark(page, 'Care Quality Commission', 0.2);
    await sheetShown(page, 'Care Quality Commission');
    await tapInCard(page, '[data-testid="card-menu-button"]');
    await tapInCard(page, '[data-testid="card-menu-options"]');
    const deadline = Date.now() + 10_000;
    while (!(await session.browser.pageUrls()).some((u) => u.includes('options.html')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await session.browser.pageUrls()).toContainEqual(expect.stringContaining('options.html'));
    await page.close();
  });

  it('the card menu: “Don’t mark <name>” takes that name’s marks away at once, in this tab and another', async () => {
    const other = await phonePage(session);
    const page = await phonePage(session);
    expect(await other.evaluateArg(isMarked, 'Care Quality Commission')).toBe(true);
    await tapMark(page, 'Care Quality Commission', 0.2);
    await sheetShown(page, 'Care Quality Commission');
    await tapInCard(page, '[data-testid="card-menu-button"]');
    await tapInCard(page, '[data-testid="card-menu-ignore"]');
    for (const p of [page, other])
      await p.waitFor(
        () =>
          ![...CSS.highlights.values()].some((h) =>
            [...(h as unknown as Set<Range>)].some((r) => r.toString() === 'Care Quality Commission'),
          ),
      );
    // The other names stay marked.
    expect(await page.evaluateArg(isMarked, 'Jeremy Hunt')).toBe(true);
    await page.close();
    await other.close();
  });
});

describe.each(BROWSERS)('trigger modes with a mouse in %s', (spec) => {
  const session = openSession(() => spec.launch());

  async function page(): Promise<{ page: TestPage; at: { x: number; y: number } }> {
    const p = await session.browser.openPage(session.server.url('/touch-page'));
    await p.waitFor(() => CSS.highlights.size > 0, 15_000);
    const at = await p.evaluateArg(markCentre, 'Care Quality Commission');
    expect(at).not.toBeNull();
    await p.mouseMove(Math.max(1, at!.x - 40), Math.max(1, at!.y - 40));
    return { page: p, at: at! };
  }

  const shown = (p: TestPage) =>
    p.waitFor(() => document.querySelector<HTMLElement>('hpa-card-host')?.style.visibility === 'visible', 5000);
  async function staysClosed(p: TestPage): Promise<void> {
    await new Promise((r) => setTimeout(r, 1500)); // well past the dwell (400 ms)
    expect(await p.evaluate(shownCardText)).toBe('');
  }

  it('dwell (the default): resting on a mark opens its card', async () => {
    const { page: p, at } = await page();
    await p.mouseMove(at.x, at.y);
    await shown(p);
    await p.close();
  });

  for (const key of ['Alt', 'Shift'] as const) {
    it(`${key.toLowerCase()}: resting opens the card only while ${key} is held`, async () => {
      await setPrefs(session.browser, { trigger: key.toLowerCase() });
      const { page: p, at } = await page();
      await p.mouseMove(at.x, at.y);
      await staysClosed(p);
      await p.keyDown(key);
      await p.mouseMove(at.x + 2, at.y);
      await shown(p);
      await p.keyUp(key);
      await p.close();
    });
  }

  it('click: resting opens nothing, a click opens the card, a click on a marked link follows it; keys still step', async () => {
    await setPrefs(session.browser, { trigger: 'click' });
    const { page: p, at } = await page();
    await p.mouseMove(at.x, at.y);
    await staysClosed(p);
    await p.mouseClick(at.x, at.y);
    await shown(p);
    await p.press({ code: 'Escape' });
    await p.waitFor(() => document.querySelector<HTMLElement>('hpa-card-host')?.style.display === 'none');
    await p.press({ alt: true, shift: true, code: 'KeyJ' });
    await shown(p);
    await p.press({ code: 'Escape' });
    const link = await p.evaluateArg(markCentre, 'NHS England');
    await p.mouseClick(link!.x, link!.y);
    await p.waitFor(() => location.pathname === '/touch-linked', 10_000);
    await p.close();
  });
});
