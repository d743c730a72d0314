// Odd and hostile pages: marks and cards still work (or are correctly absent), the page
// keeps working, and nothing the page does breaks the extension.

import { afterEach, describe, expect, it } from 'vitest';
import { BROWSERS, type TestPage } from './browsers';
import { cardText, highlightCount, markCentre, markedTexts, paintedParagraphs } from './page-probes';
import { openSession } from './session';

/** Whether the long article's last paragraph has its ROP marked (the acronym its first paragraph defines). */
function lastParagraphMarked(): boolean {
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h) if (r.startContainer.parentElement?.id === 'last' && r.toString() === 'ROP') return true;
  return false;
}

describe.each(BROWSERS)('hostile pages in %s', (spec) => {
  const session = openSession(() => spec.launch());

  const opened: TestPage[] = [];
  afterEach(() => {
    // Whatever the page did, nothing escaped the extension.
    const errors = opened.splice(0).flatMap((p) => p.extensionErrors());
    expect(errors).toEqual([]);
  });
  const open = async (path: string, marked = true): Promise<TestPage> => {
    const page = await session.browser.openPage(session.server.url(path));
    opened.push(page);
    if (marked) await page.waitFor(() => CSS.highlights.size > 0, 20_000);
    return page;
  };
  const allMarked = async (page: TestPage) => Object.values(await page.evaluate(markedTexts)).flat();
  async function hoverOpens(page: TestPage, text: string, expected: string): Promise<void> {
    // The tamper page clears the highlights every 400 ms: look until the mark is painted.
    let at: { x: number; y: number } | null = null;
    for (let i = 0; i < 50 && !at; i++) {
      at = await page.evaluateArg(markCentre, text);
      if (!at) await new Promise((r) => setTimeout(r, 100));
    }
    expect(at, `a mark "${text}"`).toBeTruthy();
    await page.mouseMove(Math.max(1, at!.x - 30), Math.max(1, at!.y - 30));
    await page.mouseMove(at!.x, at!.y);
    await page.waitFor(
      () =>
        (document.querySelector<HTMLElement>('hpa-card-host')?.style.visibility === 'visible'
          ? (document.querySelector('hpa-card-host')?.shadowRoot?.textContent ?? '')
          : ''
        ).length > 0,
      10_000,
    );
    expect(await page.evaluate(cardText)).toContain(expected);
  }

  it('works under a strict Content-Security-Policy (default-src none)', async () => {
    const page = await open('/hostile/csp');
    expect(await allMarked(page)).toEqual(expect.arrayContaining(['Care Quality Commission', 'NHS England', 'Jeremy Hunt', 'CQC']));
    await hoverOpens(page, 'CQC', 'Care Quality Commission');
    // The card is styled: constructable stylesheets are not blocked by the page's CSP.
    const styled = await page.evaluate(() => {
      const card = document.querySelector('hpa-card-host')!.shadowRoot!.querySelector('.card')!;
      return getComputedStyle(card).borderRadius;
    });
    expect(styled).toBe('10px');
    await page.close();
  });

  it('shrugs off tampered globals and a page that keeps clearing CSS.highlights', async () => {
    const page = await open('/hostile/tamper');
    await hoverOpens(page, 'Simon Stevens', 'NHS England');
    // The page clears the registry every 400 ms; the marks come back.
    await new Promise((r) => setTimeout(r, 1500));
    await page.waitFor(() => CSS.highlights.size > 0, 3000);
    expect(await allMarked(page)).toEqual(expect.arrayContaining(['Care Quality Commission', 'Simon Stevens']));
    await page.close();
  });

  it('marks a page of 200,000 elements nested 2,000 deep', async () => {
    const page = await open('/hostile/heavy');
    expect(await allMarked(page)).toEqual(expect.arrayContaining(['Simon Stevens', 'Care Quality Commission']));
    expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeGreaterThan(200_000);
    await page.close();
  });

  it('paints the marks where a reader jumps to, however far apart the paragraphs', async () => {
    const page = await open('/hostile/longTall');
    await page.waitFor(() => [...(CSS.highlights as unknown as Map<string, Set<Range>>).values()].some((h) => h.size > 0), 15_000);
    // A jump (not a scroll past) to the middle of what would be one run of sixteen paragraphs.
    await page.evaluate(() => document.getElementById('p1208')!.scrollIntoView({ block: 'center' }));
    await page.waitFor(() => {
      for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
        for (const r of h) if (r.startContainer.parentElement?.id === 'p1208') return true;
      return false;
    }, 10_000);
    const painted = await page.evaluate(paintedParagraphs);
    expect(painted).toContain(1208);
    expect(painted.length).toBeLessThan(40);
    await page.close();
  });

  it('paints only the marks near the viewport of a page with thousands, and follows scrolling', async () => {
    const page = await open('/hostile/long');
    await page.waitFor(() => [...(CSS.highlights as unknown as Map<string, Set<Range>>).values()].some((h) => h.size > 0), 15_000);
    const top = await page.evaluate(paintedParagraphs);
    expect(top).toContain(0);
    expect(top.at(-1)!).toBeLessThan(600); // 2,400 marks on the page, a few screens' worth painted
    await page.evaluate(() => document.getElementById('p1500')!.scrollIntoView({ block: 'center' }));
    await page.waitFor(() => {
      const ps = new Set<string>();
      for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
        for (const r of h) ps.add(r.startContainer.parentElement?.id ?? '');
      return ps.has('p1500') && !ps.has('p0');
    }, 10_000);
    const middle = await page.evaluate(paintedParagraphs);
    expect(middle).toContain(1500);
    expect(middle.length).toBeLessThan(600);
    await page.close();
  });

  const lastMarked = (page: TestPage) => page.waitFor(lastParagraphMarked, 20_000);

  it('reads a very long page on as the reader scrolls, matched as one: an acronym defined at its start is marked at its end', async () => {
    const page = await open('/hostile/longest');
    expect(await page.evaluate(() => document.body.textContent.length)).toBeGreaterThan(2 * 256_000);
    await page.evaluate(() => document.getElementById('last')!.scrollIntoView({ block: 'center' }));
    await lastMarked(page);
    await page.close();
  });

  it('reads on as a box inside the page scrolls, the window still', async () => {
    const page = await open('/hostile/innerScroller');
    // Not read to the end at load: only the box's scrolling can bring the last paragraph's marks.
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.evaluate(lastParagraphMarked)).toBe(false);
    await page.evaluate(() => {
      const box = document.getElementById('box')!;
      box.scrollTop = box.scrollHeight;
    });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await lastMarked(page);
    await page.close();
  });

  it('marks text in open shadow roots and same-origin frames', async () => {
    const page = await open('/hostile/shadow');
    expect(await allMarked(page)).toEqual(expect.arrayContaining(['Jeremy Hunt', 'Care Quality Commission', 'Simon Stevens']));
    // Marks inside the shadow root are styled there.
    const shadowStyled = await page.evaluate(() => document.getElementById('host')!.shadowRoot!.adoptedStyleSheets.length > 0);
    expect(shadowStyled).toBe(true);
    // Each frame marks its own document.
    for (const [id, text] of [
      ['f1', 'NHS England'],
      ['f2', 'King’s Fund'],
    ] as const) {
      const marksInFrame = () =>
        page.evaluateArg((frameId: string) => {
          const w = (document.getElementById(frameId) as HTMLIFrameElement).contentWindow as unknown as typeof globalThis | null;
          if (!w?.CSS?.highlights) return [];
          return [...(w.CSS.highlights as unknown as Map<string, Set<Range>>).values()].flatMap((h) => [...h].map((r) => r.toString()));
        }, id);
      const deadline = Date.now() + 10_000;
      while (!(await marksInFrame()).includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await marksInFrame()).toContain(text);
    }
    await page.close();
  });

  it('stays responsive through 10,000 mutations a second, and marks what comes after', async () => {
    const page = await open('/hostile/mutations');
    await page.waitFor(() => (window as unknown as { __stormDone?: unknown }).__stormDone !== undefined, 20_000);
    const { maxLag } = await page.evaluate(() => (window as unknown as { __stormDone: { maxLag: number } }).__stormDone);
    expect(maxLag).toBeLessThan(500);
    await page.waitFor(
      () =>
        [...(CSS.highlights as unknown as Map<string, Set<Range>>).values()].some((h) =>
          [...h].some((r) => r.toString() === 'Andrew Lansley'),
        ),
      10_000,
    );
    await page.close();
  });

  it('follows a single-page app that swaps its article with pushState', async () => {
    const page = await open('/hostile/spa');
    expect(await allMarked(page)).toEqual(expect.arrayContaining(['Norman Fowler', 'CQC']));
    await page.evaluate(() => (window as unknown as { swap(): void }).swap());
    await page.waitFor(
      () =>
        [...(CSS.highlights as unknown as Map<string, Set<Range>>).values()].some((h) => [...h].some((r) => r.toString() === 'Jermy Hunt')),
      10_000,
    );
    const now = await allMarked(page);
    expect(now).not.toContain('Norman Fowler');
    expect(now).toEqual(expect.arrayContaining(['Health secretary', 'Jermy Hunt', 'King’s Fund']));
    await page.close();
  });

  it('shows text that looks like markup as text, handles right-to-left text, and leaves selection, copy and find alone', async () => {
    const page = await session.browser.openPage(session.server.url('/hostile/markup'));
    opened.push(page);
    const before = await page.evaluate(() => document.body.innerHTML);
    await page.waitFor(() => CSS.highlights.size > 0, 20_000);
    expect(await allMarked(page)).toEqual(expect.arrayContaining(['CQC', 'NHS England', 'Jeremy Hunt', 'Care Quality Commission']));
    // Nothing ran: no <img> or <script> element appeared, and the DOM is as the page made it.
    expect(await page.evaluate(() => document.querySelectorAll('img, script').length)).toBe(0);
    const after = await page.evaluate(() => document.body.innerHTML);
    expect(after).toBe(before);
    const selected = await page.evaluate(() => {
      const p = document.getElementById('plain')!;
      const r = document.createRange();
      r.selectNodeContents(p);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      return sel.toString();
    });
    expect(selected).toBe('The Care Quality Commission inspected the trust; selection and copy must be unchanged.');
    const found = await page.evaluate(() => {
      getSelection()!.removeAllRanges();
      return (window as unknown as { find(s: string): boolean }).find('Quality Commission inspected');
    });
    expect(found).toBe(true);
    await hoverOpens(page, 'CQC', 'Care Quality Commission');
    expect(await page.evaluate(highlightCount)).toBeGreaterThan(3);
    await page.close();
  });
});
