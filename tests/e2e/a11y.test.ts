// Accessibility, in a real browser with the built extension: axe-core finds no violation
// on the popup (main view and pledge history), the options page and an open card, in
// the light and the dark theme; and a card is reached, used and closed from the
// keyboard alone. In each browser.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type TestBrowser, type TestPage } from './browsers';
import { cardFixtureSource } from './card-fixture';
import { expectNoViolations } from './axe';
import { markCentre } from './page-probes';
import { startServer, type TestServer } from './server';

type Scheme = 'light' | 'dark';

/**
 * The dark theme without the browser's own setting (Firefox over WebDriver BiDi cannot
 * emulate prefers-color-scheme): every rule inside `@media (prefers-color-scheme: dark)`
 * of the adopted style sheets is applied unconditionally, in the document and in the
 * card's shadow root, and the used colour scheme (native controls) follows.
 */
function forceDarkScheme(): number {
  let applied = 0;
  const roots: (Document | ShadowRoot)[] = [document];
  const host = document.querySelector('hpa-card-host');
  if (host?.shadowRoot) roots.push(host.shadowRoot);
  for (const root of roots) {
    const css: string[] = [];
    for (const sheet of root.adoptedStyleSheets)
      for (const rule of sheet.cssRules)
        if (rule instanceof CSSMediaRule && /prefers-color-scheme:\s*dark/.test(rule.conditionText))
          for (const inner of rule.cssRules) css.push(inner.cssText);
    if (!css.length) continue;
    const dark = new CSSStyleSheet();
    dark.replaceSync(`${css.join('\n')}\n:root, :host { color-scheme: dark; }`);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, dark];
    applied += css.length;
  }
  return applied;
}

/** Whether the page's background is dark, as the reader would see it. */
function looksDark(): boolean {
  const host = document.querySelector('hpa-card-host');
  const el = host?.shadowRoot?.querySelector('.card') ?? document.body;
  const [r, g, b] = (getComputedStyle(el).backgroundColor.match(/\d+/g) ?? ['255', '255', '255']).map(Number) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 100;
}

function cardOpen(): boolean {
  const host = document.querySelector<HTMLElement>('hpa-card-host');
  return Boolean(
    host?.checkVisibility({ visibilityProperty: true }) && (host.shadowRoot?.querySelector('.card')?.textContent ?? '').length > 20,
  );
}

function cardClosed(): boolean {
  const host = document.querySelector<HTMLElement>('hpa-card-host');
  return !host?.checkVisibility({ visibilityProperty: true });
}

/** Where focus is inside the card: the focused element's class (or tag), "outside" or "none". */
function focusInCard(): string {
  const host = document.querySelector('hpa-card-host');
  const inner = host?.shadowRoot?.activeElement;
  if (document.activeElement !== host || !inner) return 'none';
  return inner.closest('.card') ? inner.className || inner.tagName.toLowerCase() : 'outside';
}

function focusedOutside(): string {
  const el = document.activeElement as HTMLElement | null;
  return el?.getAttribute('data-where') ?? el?.tagName ?? 'none';
}

interface ExtensionApi {
  tabs: { query(q: object): Promise<{ url?: string; id?: number }[]> };
}

describe.each(BROWSERS)('accessibility in %s', (spec) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const scheme of ['light', 'dark'] as Scheme[]) {
    describe(`${scheme} theme`, () => {
      let browser: TestBrowser;
      // Where the browser cannot emulate the dark scheme, its rules are forced into each page (forceDarkScheme).
      const emulated = scheme === 'light' || spec.emulatesColorScheme;

      beforeAll(async () => {
        browser = await spec.launch(scheme === 'dark' && emulated ? { colorScheme: 'dark' } : {});
      });
      afterAll(async () => {
        await browser?.close();
      });

      async function article(id: string): Promise<TestPage> {
        const page = await browser.openPage(server.url(`/seed/${id}`));
        await page.waitFor(() => CSS.highlights.size > 0, 15_000);
        return page;
      }

      async function theme(page: TestPage): Promise<void> {
        if (!emulated) expect(await page.evaluate(forceDarkScheme)).toBeGreaterThan(0);
        expect(await page.evaluate(looksDark)).toBe(scheme === 'dark');
      }

      /** The tab id of an open page, as the popup would get it for the active tab. */
      async function tabIdOf(url: string): Promise<number> {
        const probe = await browser.openPage(`${browser.extensionOrigin}options.html`);
        const id = await probe.evaluateArg(async (u: string) => {
          const g = globalThis as unknown as Record<string, ExtensionApi | undefined>;
          const tabs = await (g.browser ?? g.chrome)!.tabs.query({});
          return tabs.find((t) => t.url === u)?.id ?? -1;
        }, url);
        await probe.close();
        expect(id).toBeGreaterThan(0);
        return id;
      }

      /** An article whose reader has focused the page's first link (a place focus must come back to). */
      async function readerOnFirstLink(id: string): Promise<TestPage> {
        const page = await article(id);
        await page.evaluate(() => {
          const a = document.querySelector('nav a') as HTMLAnchorElement;
          a.setAttribute('data-where', 'nav-link');
          a.focus();
        });
        expect(await page.evaluate(focusedOutside)).toBe('nav-link');
        return page;
      }

      it('the popup for a marked article: site switch, names on the page, a pledge and the knowledge base opened', async () => {
        const page = await article('003');
        const tab = await tabIdOf(server.url('/seed/003'));
        const popup = await browser.openPage(`${browser.extensionOrigin}popup.html?tab=${tab}`);
        await popup.waitFor(
          () =>
            document.querySelector('[data-testid="site-switch"]') !== null &&
            document.querySelector('[data-testid="found-list"]') !== null &&
            document.querySelector('[data-pledge]') !== null &&
            document.querySelector('[data-testid="kb-version"]') !== null,
          15_000,
        );
        await popup.evaluate(() => {
          (document.querySelector('[data-pledge="paperless-nhs-2018"]') as HTMLDetailsElement).open = true;
          const articles = document.querySelector<HTMLDetailsElement>('details.articles');
          if (articles) articles.open = true;
        });
        await theme(popup);
        await expectNoViolations(popup, `the popup (${scheme})`);
        await popup.close();
        await page.close();
      });

      it('the pledge history in a tab, opened at a pledge', async () => {
        const popup = await browser.openPage(`${browser.extensionOrigin}popup.html?view=pledges#paperless-nhs-2018`);
        await popup.waitFor(() => document.querySelector<HTMLDetailsElement>('[data-pledge="paperless-nhs-2018"]')?.open === true, 15_000);
        await theme(popup);
        await expectNoViolations(popup, `the pledge history (${scheme})`);
        // Filtered down to nothing: the empty state and the live count.
        await popup.evaluate(() => {
          const input = document.querySelector('[data-testid="pledge-search"]') as HTMLInputElement;
          input.value = 'no pledge has this title';
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await popup.waitFor(() => document.querySelector('[data-pledge]') === null);
        await expectNoViolations(popup, `the pledge history with no match (${scheme})`);
        await popup.close();
      });

      it('the options page, also with the reset question and an invalid site', async () => {
        // Firefox reaches extension pages through a bridge that needs the test server.
        await (await browser.openPage(server.url('/seed/000'))).close();
        const options = await browser.openPage(`${browser.extensionOrigin}options.html`);
        await options.waitFor(
          () =>
            document.querySelector('[data-testid="sites-default"]') !== null &&
            document.querySelector('[data-testid="prefs-dwell"]') !== null,
          15_000,
        );
        await theme(options);
        await expectNoViolations(options, `the options page (${scheme})`);
        await options.click('[data-testid="sites-reset"]');
        await options.waitFor(() => document.querySelector('[data-testid="sites-reset-confirm"]') !== null);
        await options.evaluate(() => {
          const input = document.querySelector('[data-testid="add-site-input"]') as HTMLInputElement;
          input.value = 'not a site';
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await options.click('[data-testid="add-site-button"]');
        await options.waitFor(() => document.querySelector('[data-testid="add-site-error"]') !== null);
        await expectNoViolations(options, `the options page with the reset question and an invalid site (${scheme})`);
        await options.close();
      });

      it('the welcome page, with its sample article marked', async () => {
        const welcome = await browser.openPage(`${browser.extensionOrigin}welcome.html`);
        await welcome.waitFor(
          () => ((document.querySelector('iframe')?.contentWindow as typeof globalThis | null | undefined)?.CSS.highlights.size ?? 0) > 0,
          15_000,
        );
        await theme(welcome);
        await expectNoViolations(welcome, `the welcome page (${scheme})`);
        await welcome.close();
      });

      it('an open card, opened by hovering a mark', async () => {
        const page = await article('000');
        const at = await page.evaluateArg(markCentre, 'Jeremy Hunt');
        expect(at, 'a mark "Jeremy Hunt"').not.toBeNull();
        await page.mouseMove(Math.max(1, at!.x - 40), Math.max(1, at!.y - 40));
        await page.mouseMove(at!.x, at!.y);
        // A person with roles, quotes from the articles and a pledge: most of what a card can show.
        await page.waitFor(
          () =>
            document.querySelector<HTMLElement>('hpa-card-host')?.style.visibility === 'visible' &&
            Boolean(document.querySelector('hpa-card-host')?.shadowRoot?.querySelector('.card .pledges button')),
          15_000,
        );
        await theme(page);
        await expectNoViolations(page, `the card for Jeremy Hunt (${scheme})`, 'card');
        await page.close();
      });

      it('the card menu open, its notice with Undo, and the bottom sheet (the card from src/ui, in an extension page)', async () => {
        const page = await browser.openPage(`${browser.extensionOrigin}options.html`);
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the bundled fixture, sent to the page as axe is
        await page.evaluate(new Function(await cardFixtureSource()) as () => void);
        const show = (opts: { sheet: boolean; notice: boolean }) =>
          page.evaluateArg((o) => (globalThis as unknown as { hpaShowCard(o: object): void }).hpaShowCard(o), opts);
        const focusedItem = () =>
          page.evaluate(() => {
            const active = document.querySelector('hpa-card-host')?.shadowRoot?.activeElement;
            return active ? `${active.getAttribute('role') ?? active.tagName}: ${active.textContent ?? ''}` : '';
          });
        await show({ sheet: false, notice: true });
        await page.evaluate(() =>
          document.querySelector('hpa-card-host')!.shadowRoot!.querySelector<HTMLElement>('[aria-label="Card options"]')!.focus(),
        );
        await page.press({ code: 'ArrowDown' });
        await page.waitFor(() => document.querySelector('hpa-card-host')?.shadowRoot?.activeElement?.getAttribute('role') === 'menuitem');
        expect(await focusedItem()).toBe('menuitem: Don’t mark on this site');
        await page.press({ code: 'ArrowDown' });
        // The menu moves focus once Preact has rendered: wait for it, then say what it is.
        await page
          .waitFor(() =>
            document.querySelector('hpa-card-host')?.shadowRoot?.activeElement?.textContent?.includes('Care Quality Commission'),
          )
          .catch(() => undefined);
        expect(await focusedItem()).toBe('menuitem: Don’t mark “Care Quality Commission”');
        await theme(page);
        await expectNoViolations(page, `the card menu, open (${scheme})`, 'card');
        await page.press({ code: 'Escape' });
        await page
          .waitFor(() => document.querySelector('hpa-card-host')?.shadowRoot?.activeElement?.tagName === 'BUTTON')
          .catch(() => undefined);
        expect(await focusedItem()).toBe('BUTTON: ⋯');
        // The sheet on a phone: full width, at most half the height, at the bottom.
        await page.setViewport(360, 740);
        await show({ sheet: true, notice: true });
        // Measured once it has risen into place.
        await page.waitFor(() =>
          document
            .querySelector('hpa-card-host')!
            .shadowRoot!.querySelector('.card')!
            .getAnimations()
            .every((a) => a.playState === 'finished'),
        );
        // (The page's classic scrollbar, if any, is not part of the width.)
        const box = await page.evaluate(() => {
          const r = document.querySelector('hpa-card-host')!.shadowRoot!.querySelector('.card')!.getBoundingClientRect();
          const root = document.documentElement;
          return {
            left: r.left,
            fullWidth: r.width === root.clientWidth,
            atBottom: Math.round(r.bottom) === root.clientHeight,
            half: r.height <= innerHeight / 2 + 0.5,
          };
        });
        expect(box).toEqual({ left: 0, fullWidth: true, atBottom: true, half: true });
        await theme(page);
        await expectNoViolations(page, `the card as a bottom sheet (${scheme})`, 'card');
        await page.close();
      });

      it('a class card (a name the KB explains by its class), and the popup listing it', async () => {
        const url = server.url('/class-page');
        const page = await browser.openPage(url);
        await page.waitFor(() => CSS.highlights.size > 0, 15_000);
        const at = await page.evaluateArg(markCentre, 'Borsetshire Hospitals NHS Foundation Trust');
        expect(at, 'a class mark').not.toBeNull();
        await page.mouseMove(Math.max(1, at!.x - 40), Math.max(1, at!.y - 40));
        await page.mouseMove(at!.x, at!.y);
        await page.waitFor(
          () =>
            document.querySelector<HTMLElement>('hpa-card-host')?.style.visibility === 'visible' &&
            Boolean(document.querySelector('hpa-card-host')?.shadowRoot?.querySelector('.card .class-note')),
          15_000,
        );
        await theme(page);
        await expectNoViolations(page, `the class card (${scheme})`, 'card');
        const popup = await browser.openPage(`${browser.extensionOrigin}popup.html?tab=${await tabIdOf(url)}`);
        await popup.waitFor(() => document.querySelector('.found-label') !== null, 15_000);
        await theme(popup);
        await expectNoViolations(popup, `the popup listing class marks (${scheme})`);
        await popup.close();
        await page.close();
      });

      if (scheme === 'light') {
        it('a card is opened, used and closed from the keyboard alone, and focus comes back', async () => {
          const page = await readerOnFirstLink('002');
          // Alt+Shift+J opens the next mark's card, with focus in it.
          await page.press({ alt: true, shift: true, code: 'KeyJ' });
          await page.waitFor(cardOpen);
          expect(await page.evaluate(focusInCard)).toContain('card');
          // Tab moves through the card's own controls: its menu button, then the close button.
          await page.press({ code: 'Tab' });
          expect(await page.evaluate(focusInCard)).toBe('menu-button');
          await page.press({ code: 'Tab' });
          expect(await page.evaluate(focusInCard)).toBe('close');
          await page.press({ code: 'Tab' });
          expect(await page.evaluate(focusInCard)).not.toMatch(/^(none|outside)$/);
          // Escape closes it; focus is back where the reader was.
          await page.press({ code: 'Escape' });
          await page.waitFor(cardClosed);
          expect(await page.evaluate(focusedOutside)).toBe('nav-link');
          // The close button, pressed with Enter, does the same.
          await page.press({ alt: true, shift: true, code: 'KeyJ' });
          await page.waitFor(cardOpen);
          await page.press({ code: 'Tab' });
          await page.press({ code: 'Tab' });
          expect(await page.evaluate(focusInCard)).toBe('close');
          await page.press({ code: 'Enter' });
          await page.waitFor(cardClosed);
          expect(await page.evaluate(focusedOutside)).toBe('nav-link');
          await page.close();
        });

        it('after stepping from card to card with Alt+Shift+J, Escape still gives focus back', async () => {
          const page = await readerOnFirstLink('002');
          await page.press({ alt: true, shift: true, code: 'KeyJ' });
          await page.waitFor(cardOpen);
          await page.press({ alt: true, shift: true, code: 'KeyJ' });
          await new Promise((r) => setTimeout(r, 800));
          await page.waitFor(cardOpen);
          expect(await page.evaluate(focusInCard)).toContain('card');
          await page.press({ code: 'Escape' });
          await page.waitFor(cardClosed);
          expect(await page.evaluate(focusedOutside), 'focus after Escape').toBe('nav-link');
          await page.close();
        });
      }
    });
  }
});
