// A reader's first minutes, in a real browser: every card beside its mark, first or tenth
// (under 480 px wide, a bottom sheet that leaves its mark in view).

import { describe, expect, it } from 'vitest';
import { BROWSERS, type TestPage } from './browsers';
import { cardAndMark, cardState, markCentre, marksIn, nthMarkCentre, spreadMarks, type Rect } from './page-probes';
import { openSession } from './session';

const GAP = 14; // the card's offset from its mark is 6 px; allow for rounding and line boxes

/** The card is inside the viewport, does not cover the mark, and sits just below or above it. */
function expectBeside(where: string, seen: { card: Rect; mark: Rect | null; vw: number; vh: number } | null): void {
  expect(seen, `${where}: a card is shown`).not.toBeNull();
  const { card, mark, vw, vh } = seen!;
  expect(mark, `${where}: the mark is under the point`).not.toBeNull();
  const m = mark!;
  const inside = card.left >= -1 && card.top >= -1 && card.right <= vw + 1 && card.bottom <= vh + 1;
  expect(inside, `${where}: card ${JSON.stringify(card)} inside the ${vw}×${vh} viewport`).toBe(true);
  const overlaps = card.left < m.right && m.left < card.right && card.top < m.bottom && m.top < card.bottom;
  expect(overlaps, `${where}: card ${JSON.stringify(card)} does not cover mark ${JSON.stringify(m)}`).toBe(false);
  const below = card.top - m.bottom;
  const above = m.top - card.bottom;
  const near = (below >= 0 && below <= GAP) || (above >= 0 && above <= GAP);
  expect(near, `${where}: card ${JSON.stringify(card)} right below or above mark ${JSON.stringify(m)}`).toBe(true);
  expect(card.left <= m.right && card.right >= m.left, `${where}: card spans the mark's column`).toBe(true);
}

/** Under 480 px the card is a bottom sheet: full width, at the bottom, the mark above it. */
function expectSheetClear(where: string, seen: { card: Rect; mark: Rect | null; vw: number; vh: number } | null): void {
  expect(seen, `${where}: a card is shown`).not.toBeNull();
  const { card, mark, vw, vh } = seen!;
  expect(mark, `${where}: the mark is in view`).not.toBeNull();
  const sheet = Math.abs(card.left) <= 1 && Math.abs(card.right - vw) <= 1 && Math.abs(card.bottom - vh) <= 1;
  expect(sheet, `${where}: card ${JSON.stringify(card)} is a sheet across the bottom of ${vw}×${vh}`).toBe(true);
  expect(mark!.bottom <= card.top && mark!.top >= 0, `${where}: mark ${JSON.stringify(mark)} above the sheet ${JSON.stringify(card)}`).toBe(
    true,
  );
}

/** The centre of the first mark with this text where it is now (the page may have scrolled it above a sheet). */
function liveMarkCentre(text: string): { x: number; y: number } | null {
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h)
      if (r.toString() === text) {
        const b = r.getClientRects()[0]!;
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
  return null;
}

/** Keeps the page's last few pointer moves, for a failure's message. */
function recordPointerMoves(): void {
  const seen: string[] = [];
  (window as unknown as { __moves: string[] }).__moves = seen;
  document.addEventListener(
    'pointermove',
    (e) => {
      seen.push(`${e.clientX},${e.clientY}@${Math.round(e.timeStamp)}`);
      if (seen.length > 4) seen.shift();
    },
    { capture: true },
  );
}

/** Whether the page's last pointer move was at this point (the driver delivered it). */
function pointerArrived(at: { x: number; y: number }): boolean {
  const last = ((window as unknown as { __moves?: string[] }).__moves ?? []).at(-1);
  if (!last) return false;
  const [x, y] = last.split('@')[0]!.split(',').map(Number);
  return Math.abs(x! - at.x) <= 1 && Math.abs(y! - at.y) <= 1;
}

function pointerMovesSeen(): string {
  return `${((window as unknown as { __moves?: string[] }).__moves ?? []).join(' ')} now@${Math.round(performance.now())}`;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitHidden(page: TestPage): Promise<void> {
  await page.waitFor(() => {
    const host = document.querySelector<HTMLElement>('hpa-card-host');
    return !host || host.style.display === 'none';
  }, 5_000);
}

/** Polls until the card is shown and has stopped moving (the page may still be scrolling to the mark). */
async function settledCard(page: TestPage, point: () => Promise<{ x: number; y: number } | null>) {
  let last = '';
  for (let i = 0; i < 60; i++) {
    const p = await point();
    const seen = await page.evaluateArg(cardAndMark, p);
    const now = JSON.stringify(seen);
    if (seen && now === last) return seen;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
  return page.evaluateArg(cardAndMark, await point());
}

describe.each(BROWSERS)("a reader's first minutes in %s", (spec) => {
  const session = openSession(() => spec.launch());

  for (const [w, h] of [
    [1100, 800],
    [375, 667],
    [1000, 420], // shorter than a long card: it must shrink and scroll inside
  ] as const) {
    const narrow = w < 480;
    const expectPlaced = narrow ? expectSheetClear : expectBeside;
    it(`puts every card beside its mark, hovered one after another (${w}×${h})`, async () => {
      const page = await session.browser.openPage(session.server.url('/seed/003'));
      await page.setViewport(w, h);
      await page.waitFor(() => CSS.highlights.size > 0, 15_000);
      await page.evaluate(recordPointerMoves);
      const texts = await page.evaluateArg(spreadMarks, 7);
      for (const [i, text] of texts.entries()) {
        const at = await page.evaluateArg(markCentre, text);
        expect(at, `a mark "${text}"`).not.toBeNull();
        await page.mouseMove(Math.max(1, at!.x - 30), Math.max(1, at!.y - 30));
        await page.mouseMove(at!.x, at!.y);
        const point = () => (narrow ? page.evaluateArg(liveMarkCentre, text) : Promise.resolve(at));
        let seen = await settledCard(page, point);
        // A failure says what the page held then and which pointer moves it saw. Only if the page
        // never saw the pointer arrive (the driver lost the move: nothing of ours ran) is the rest
        // tried once more. (Firefox's miss of 2026-11/12 was the test page behind the welcome tab,
        // where no animation frame runs: the harness now waits for that tab at launch.)
        let state = '';
        if (!seen) {
          const arrived = await page.evaluateArg(pointerArrived, at!);
          state = ` ${await page.evaluateArg(cardState, at)} moves seen ${await page.evaluate(pointerMovesSeen)}`;
          if (!arrived) {
            await page.mouseMove(1, 1);
            await page.mouseMove(at!.x, at!.y);
            seen = await settledCard(page, point);
            console.warn(
              `hover ${i + 1} ("${text}"): the page saw no pointer move at the mark; a second rest ${seen ? 'opened' : 'did not open'} its card.${state}`,
            );
          }
          state += ` ${JSON.stringify(page.extensionErrors())}`;
        }
        expectPlaced(`hover ${i + 1} ("${text}")${state}`, seen);
        // Away from the mark and the card, so the card closes before the next hover.
        await page.mouseMove(1, 1);
        await waitHidden(page);
      }
      expect(page.extensionErrors()).toEqual([]);
      await page.close();
    });

    it(`puts every card beside its mark when stepping by keyboard (${w}×${h})`, async () => {
      const page = await session.browser.openPage(session.server.url('/seed/003'));
      await page.setViewport(w, h);
      await page.waitFor(() => CSS.highlights.size > 0, 15_000);
      await page.mouseMove(1, 1);
      for (let n = 0; n < 6; n++) {
        await page.press({ alt: true, shift: true, code: 'KeyJ' });
        const seen = await settledCard(page, () => page.evaluateArg(nthMarkCentre, n));
        expectPlaced(`step ${n + 1}`, seen);
      }
      await page.close();
    });
  }

  for (const [w, h] of [
    [380, 560],
    [760, 700],
  ] as const)
    it(`shows whose pledge it is when a pledge is opened from a card (${w}×${h})`, async () => {
      const page = await session.browser.openPage(`${session.browser.extensionOrigin}popup.html?view=pledges#end-nhs-fax-machines`);
      await page.setViewport(w, h);
      await page.waitFor(
        () => (document.getElementById('pledge-end-nhs-fax-machines') as HTMLDetailsElement | null)?.open === true,
        15_000,
      );
      await new Promise((r) => setTimeout(r, 300));
      const seen = await page.evaluate(() => {
        const pledge = document.getElementById('pledge-end-nhs-fax-machines')!;
        const heading = pledge.closest('.person')!.querySelector('h3')!;
        const bar = document.querySelector('.filters')!.getBoundingClientRect();
        const hr = heading.getBoundingClientRect();
        const sr = pledge.querySelector('summary')!.getBoundingClientRect();
        const search = document.querySelector<HTMLInputElement>('[data-testid="pledge-search"]')!.getBoundingClientRect();
        const onTop = document
          .elementFromPoint(search.left + search.width / 2, search.top + search.height / 2)
          ?.getAttribute('data-testid');
        return {
          name: heading.textContent,
          barBottom: bar.bottom,
          headTop: hr.top,
          headBottom: hr.bottom,
          summaryTop: sr.top,
          vh: innerHeight,
          onTop,
        };
      });
      expect(seen.name).toContain('Jeremy Hunt');
      expect(seen.headTop, 'the heading is below the search bar, not under it').toBeGreaterThanOrEqual(seen.barBottom - 1);
      expect(seen.headBottom, 'the heading is above the open pledge').toBeLessThanOrEqual(seen.summaryTop + 1);
      expect(seen.summaryTop).toBeLessThan(seen.vh);
      expect(seen.onTop, 'no heading passes over the search bar').toBe('pledge-search');
      await page.close();
    });

  // Only where the browser grants a site added in the options page without a prompt (headless Chromium cannot answer its dialog).
  if (spec.grantsAddedSites)
    it('a site added in the options page covers its sub-domains, as it says', async () => {
      const opts = await session.browser.openPage(`${session.browser.extensionOrigin}options.html`);
      await opts.waitFor(() => document.querySelector('[data-testid="add-site-input"]') !== null, 15_000);
      await opts.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="add-site-input"]')!;
        input.value = 'site.localhost';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await opts.click('[data-testid="add-site-button"]');
      await opts.waitFor(
        () => document.body.textContent?.includes('site.localhost') && !document.querySelector('[data-testid="add-site-error"]'),
        10_000,
      );
      const port = new URL(session.server.origin).port;
      for (const host of ['news.site.localhost', 'blogs.site.localhost']) {
        const page = await session.browser.openPage(`http://${host}:${port}/seed/003`);
        await page.waitFor(() => CSS.highlights.size > 0, 15_000);
        await page.close();
      }
      await opts.close();
    });

  it('welcomes a new reader: what it does, where, how, privacy, and an article to try a card on', async () => {
    const page = await session.browser.openPage(`${session.browser.extensionOrigin}welcome.html`);
    await page.waitFor(
      () => ((document.querySelector('iframe')?.contentWindow as typeof globalThis | null | undefined)?.CSS.highlights.size ?? 0) > 0,
      15_000,
    );
    const text = await page.evaluate(() => document.body.textContent ?? '');
    for (const part of ['Where it works', 'How to use it', 'Your privacy', 'Try it here', 'Sky News', 'Alt']) expect(text).toContain(part);
    expect(text).not.toContain('localhost (development build)'.replace('development build', 'release'));
    // Hover a mark in the sample: its card opens inside the sample, beside the mark.
    const at = await page.evaluate(() => {
      const frame = document.querySelector('iframe')!;
      const win = frame.contentWindow as Window & typeof globalThis;
      for (const [, h] of win.CSS.highlights as unknown as Map<string, Set<Range>>)
        for (const r of h)
          if (r.toString() === 'Jeremy Hunt') {
            frame.scrollIntoView({ block: 'start' });
            r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
            const b = r.getClientRects()[0]!;
            const f = frame.getBoundingClientRect();
            return { x: f.left + b.left + b.width / 2, y: f.top + b.top + b.height / 2 };
          }
      return null;
    });
    expect(at).not.toBeNull();
    await page.mouseMove(at!.x - 20, at!.y - 20);
    await page.mouseMove(at!.x, at!.y);
    await page.waitFor(() => {
      const host = document.querySelector('iframe')?.contentDocument?.querySelector<HTMLElement>('hpa-card-host');
      return host?.style.visibility === 'visible' && (host.shadowRoot?.textContent ?? '').includes('Jeremy Hunt');
    }, 10_000);
    expect(page.extensionErrors()).toEqual([]);
    await page.close();
  });

  it('marks the article, its headline, caption and pull quote, but not the menu, the consent banner, a dialog or the footer', async () => {
    const page = await session.browser.openPage(session.server.url('/news-site/003'));
    await page.waitFor(() => CSS.highlights.size > 0, 15_000);
    const parts = [
      'nav',
      '#onetrust-consent-sdk',
      '#newsletter',
      'body > footer',
      'h1',
      '#caption',
      '#pullquote',
      'article > p',
      '#related',
      '#comments',
    ];
    const n = await page.evaluateArg(marksIn, parts);
    for (const none of ['nav', '#onetrust-consent-sdk', '#newsletter', 'body > footer']) expect(n[none], `marks in ${none}`).toBe(0);
    for (const some of ['h1', '#caption', '#pullquote', 'article > p', '#related', '#comments'])
      expect(n[some], `marks in ${some}`).toBeGreaterThan(0);
    await page.close();
  });

  it('reaches a tab that was open before the install: marks without a reload', async () => {
    const fresh = await spec.launch({ deferInstall: true });
    try {
      const page = await fresh.openPage(session.server.url('/seed/003'));
      expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
      await fresh.install();
      await page.waitFor(() => CSS.highlights.size > 0, 15_000);
      expect(page.extensionErrors()).toEqual([]);
      // A first install opens the welcome page, once.
      await waitUntil(async () => (await fresh.pageUrls()).some((u) => u.endsWith('/welcome.html')));
      expect((await fresh.pageUrls()).filter((u) => u.endsWith('/welcome.html'))).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('keeps working in an open tab after the extension is reloaded (an update): a hover opens a card, quietly', async () => {
    // Installed after launch, as from a store: Chromium reloads only such an extension, not one loaded by a command-line flag.
    const fresh = await spec.launch({ deferInstall: true });
    try {
      await fresh.install();
      const page = await fresh.openPage(session.server.url('/seed/003'));
      await page.waitFor(() => CSS.highlights.size > 0, 15_000);
      await fresh.update();
      // An update opens no welcome page: the install's own closes with the old version (in a
      // moment), and none opens after it.
      const welcomes = async () => (await fresh.pageUrls()).filter((u) => u.endsWith('/welcome.html'));
      await waitUntil(async () => (await welcomes()).length === 0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await welcomes()).toEqual([]);
      // The old script stands down, the new version's loader is put into the tab.
      await new Promise((r) => setTimeout(r, 3000));
      await page.waitFor(() => CSS.highlights.size > 0, 15_000);
      const at = await page.evaluateArg(markCentre, 'CQC');
      expect(at).not.toBeNull();
      await page.mouseMove(at!.x - 30, at!.y - 30);
      await page.mouseMove(at!.x, at!.y);
      const seen = await settledCard(page, () => Promise.resolve(at));
      expectBeside('after reload', seen);
      expect(await page.evaluate(() => document.querySelectorAll('hpa-card-host').length)).toBe(1);
      expect(page.extensionErrors()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
