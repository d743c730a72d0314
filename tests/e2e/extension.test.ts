// The extension as a reader uses it, in each real browser.

import { describe, expect, it } from 'vitest';
import { KB_SCHEMA_VERSION } from '../../src/kb/bundle';
import { BROWSERS, type TestBrowser, type TestPage } from './browsers';
import {
  cardText,
  extensionStores,
  highlightCount,
  markCentre,
  markedTexts,
  marksInsideEditable,
  shownCardText,
  watchCardReveal,
} from './page-probes';
import { openSession } from './session';

/** The part of the extension API the tests call from extension pages. */
interface ExtensionApi {
  tabs: { query(q: object): Promise<{ url?: string; id?: number }[]> };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  scripting: {
    executeScript<T>(injection: {
      target: { tabId: number; allFrames: boolean };
      func: () => T;
    }): Promise<{ frameId: number; result?: T }[]>;
  };
}

/** What the extension has put into a frame, as seen from its own isolated world (which its content scripts share). */
interface FrameState {
  url: string;
  loader: boolean;
  annotator: boolean;
}

/** An extension page acting on a page's tab (as the popup does on the active tab). */
async function openExtensionPage(browser: TestBrowser, path: string, forUrl?: string): Promise<TestPage> {
  if (!forUrl) return browser.openPage(`${browser.extensionOrigin}${path}`);
  const probe = await browser.openPage(`${browser.extensionOrigin}options.html`);
  const tabId = await probe.evaluateArg(async (url: string) => {
    const g = globalThis as unknown as Record<string, ExtensionApi | undefined>;
    const api = (g.browser ?? g.chrome)!;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url === url)?.id ?? -1;
  }, forUrl);
  await probe.close();
  expect(tabId).toBeGreaterThan(0);
  return browser.openPage(`${browser.extensionOrigin}${path}${path.includes('?') ? '&' : '?'}tab=${tabId}`);
}

describe.each(BROWSERS)('extension in %s', (spec) => {
  const session = openSession(() => spec.launch());

  async function article(id: string, suffix = ''): Promise<TestPage> {
    const page = await session.browser.openPage(session.server.url(`/seed/${id}${suffix}`));
    await page.waitFor(() => CSS.highlights.size > 0, 15_000);
    return page;
  }

  async function hover(page: TestPage, text: string): Promise<void> {
    const at = await page.evaluateArg(markCentre, text);
    expect(at, `a mark "${text}" on the page`).not.toBeNull();
    await page.mouseMove(Math.max(1, at!.x - 40), Math.max(1, at!.y - 40));
    await page.mouseMove(at!.x, at!.y);
  }

  /** An extension page acting on the article's tab (as the popup does on the active tab). */
  const extensionPage = (path: string, forUrl?: string) => openExtensionPage(session.browser, path, forUrl);

  /** Waits until the card is shown (its host visible) with `includes` in its text, or with some text when null. */
  async function waitForCard(page: TestPage, includes: string | null, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await page.evaluate(shownCardText);
      if (includes === null ? text.length > 20 : text.includes(includes)) return;
      if (Date.now() > deadline)
        throw new Error(`no card ${includes === null ? 'with text' : `with "${includes}"`} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Opens seed article `id` and switches its site off from the popup: the marks go. */
  async function switchedOffFromPopup(id: string): Promise<{ url: string; page: TestPage; popup: TestPage }> {
    const url = session.server.url(`/seed/${id}`);
    const page = await article(id);
    const popup = await extensionPage('popup.html', url);
    await popup.waitFor(() => document.querySelector<HTMLInputElement>('[data-testid="site-switch"]')?.checked === true);
    await popup.click('[data-testid="site-switch"]');
    await page.waitFor(() => CSS.highlights.size === 0);
    return { url, page, popup };
  }

  it('marks the people, bodies and terms of a seed article', async () => {
    const page = await article('003');
    const marked = await page.evaluate(markedTexts);
    expect(marked['hpa-person']).toEqual(
      expect.arrayContaining(['Jeremy Hunt', 'Mr Hunt', 'Sir Mike Richards', 'Saffron Cordery', 'Jeremy Hughes']),
    );
    expect(marked['hpa-body']).toEqual(expect.arrayContaining(['CQC', 'CCG', 'NHS England', 'Royal College of Midwives', 'NHS Providers']));
    expect(marked['hpa-term']).toEqual(expect.arrayContaining(['Five Year Forward View', 'success regime']));
    // Very frequent terms are marked once per section by default, not at every use.
    const all = await page.evaluate(() => document.body.innerText.match(/\bNHS\b/g)?.length ?? 0);
    expect(marked['hpa-body'].filter((t) => t === 'NHS').length).toBeLessThan(all);
    await page.close();
  });

  it('opens a card on hover: CQC is the Care Quality Commission', async () => {
    const page = await article('003');
    await page.evaluate(watchCardReveal);
    await hover(page, 'CQC');
    await page.waitFor(() => {
      const host = document.querySelector<HTMLElement>('hpa-card-host');
      return host?.style.visibility === 'visible' && host.shadowRoot?.textContent?.includes('Care Quality Commission');
    });
    const text = await page.evaluate(cardText);
    expect(text).toContain('Care Quality Commission');
    expect(text).toMatch(/regulator/i);
    // Prepared while the pointer rests, the card is still shown only once the dwell (400 ms) has passed.
    const shownAfter = await page.evaluate(() => (window as unknown as { __cardShownAfter: number }).__cardShownAfter);
    expect(shownAfter).toBeGreaterThanOrEqual(380);
    // Moving away closes it after the grace period.
    await page.mouseMove(5, 5);
    await page.waitFor(() => {
      const host = document.querySelector<HTMLElement>('hpa-card-host');
      return !host || host.style.display === 'none';
    });
    await page.close();
  });

  it('a name the KB explains by its class opens a class card, and the popup lists it', async () => {
    const url = session.server.url('/class-page');
    const page = await session.browser.openPage(url);
    await page.waitFor(() => CSS.highlights.size > 0, 15_000);
    const marked = await page.evaluate(markedTexts);
    // Painted as bodies: a trust and an ICB are bodies, so the reader's "bodies" switch covers them.
    expect(marked['hpa-body']).toEqual(
      expect.arrayContaining(['Borsetshire Hospitals NHS Foundation Trust', 'Fictional and Made-up ICB', 'Kent and Medway ICB']),
    );
    // Never the inner name: not NHS, not the generic ICB.
    expect(marked['hpa-body']).not.toContain('ICB');
    await hover(page, 'Borsetshire Hospitals NHS Foundation Trust');
    await page.waitFor(() => {
      const host = document.querySelector<HTMLElement>('hpa-card-host');
      return (
        host?.style.visibility === 'visible' && Boolean(host.shadowRoot?.textContent?.includes('not in the knowledge base individually'))
      );
    });
    const text = await page.evaluate(cardText);
    expect(text).toContain('Borsetshire Hospitals NHS Foundation Trust');
    expect(text).toContain('an NHS foundation trust');
    expect(text).toMatch(/public benefit corporation/); // the class's own explanation
    expect(text).toMatch(/2004/); // and its history
    const popup = await extensionPage('popup.html', url);
    await popup.waitFor(() => document.querySelector('[data-testid="found-list"]') !== null, 15_000);
    const listed = await popup.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.found-entry')].map(
        (b) => `${b.dataset.entity}|${b.querySelector('.found-name')?.textContent ?? ''}`,
      ),
    );
    expect(listed).toEqual(
      expect.arrayContaining([
        'class:foundation-trust:Borsetshire Hospitals NHS Foundation Trust|Borsetshire Hospitals NHS Foundation Trust — an NHS foundation trust',
        expect.stringMatching(/^class:integrated-care-board:Fictional and Made-up ICB\|/),
      ]),
    );
    await popup.close();
    await page.close();
  });

  it('the popup lists the whole of a very long page, though the page is read at first only near the viewport', async () => {
    const url = session.server.url('/hostile/longest');
    const page = await session.browser.openPage(url);
    await page.waitFor(() => CSS.highlights.size > 0, 20_000);
    const popup = await extensionPage('popup.html', url);
    await popup.waitFor(() => document.querySelector('[data-testid="found-list"]') !== null, 30_000);
    const listed = await popup.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.found-entry')].map((b) => b.dataset.entity ?? ''),
    );
    // Named only in the last paragraph, 600 K characters down.
    expect(listed).toEqual(expect.arrayContaining(['simon-stevens', 'cqc']));
    await popup.close();
    await page.close();
  });

  it('steps through marks from the keyboard and closes the card with Escape', async () => {
    const page = await article('002');
    await page.press({ alt: true, shift: true, code: 'KeyJ' });
    await waitForCard(page, null);
    const focused = await page.evaluate(() => document.querySelector('hpa-card-host')?.shadowRoot?.activeElement?.className ?? '');
    expect(focused).toContain('card');
    await page.press({ code: 'Escape' });
    await page.waitFor(() => (document.querySelector('hpa-card-host') as HTMLElement).style.display === 'none');
    await page.close();
  });

  it('never marks form fields or editable regions', async () => {
    const page = await article('003', '-editable');
    expect(await page.evaluate(marksInsideEditable)).toEqual([]);
    expect(await page.evaluate(() => (document.getElementById('t') as HTMLTextAreaElement).value)).toBe('The CQC and Jeremy Hunt');
    await page.close();
  });

  it('lists the paperless-NHS pledge with its dated timeline in the pledge history', async () => {
    const popup = await extensionPage('popup.html');
    await popup.waitFor(() => document.querySelector('[data-pledge="paperless-nhs-2018"]') !== null, 15_000);
    const text = await popup.evaluate(() => {
      const el = document.querySelector('[data-pledge="paperless-nhs-2018"]') as HTMLDetailsElement;
      if ('open' in el) el.open = true;
      return el.textContent ?? '';
    });
    expect(text).toMatch(/paperless/i);
    expect(text).toContain('Jan 2013');
    expect(text).toMatch(/Wachter/);
    expect(text).toMatch(/Broken/);
    // Each public source names its publisher; the footer says how fresh the knowledge is.
    expect(await popup.evaluate(() => document.querySelector('[data-pledge="paperless-nhs-2018"] .source .publisher') !== null)).toBe(true);
    await popup.waitFor(() => document.querySelector('[data-testid="kb-as-of"]') !== null, 15_000);
    expect(await popup.evaluate(() => document.querySelector('[data-testid="kb-as-of"]')?.textContent ?? '')).toMatch(
      /^Knowledge as of (\d{1,2} )?[A-Z][a-z]+ \d{4}$|^Knowledge as of \d{4}$/,
    );
    await popup.close();
  });

  it('the popup’s switch removes and restores marks in an open tab, and the choice survives a restart', async () => {
    const { url, page, popup } = await switchedOffFromPopup('001');
    await popup.click('[data-testid="site-switch"]');
    await page.waitFor(() => CSS.highlights.size > 0);
    expect(await page.evaluate(highlightCount)).toBeGreaterThan(10);
    // Off again, then restart the browser: the site stays off.
    await popup.click('[data-testid="site-switch"]');
    await page.waitFor(() => CSS.highlights.size === 0);
    await session.browser.restart();
    const again = await session.browser.openPage(url);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await again.evaluate(highlightCount)).toBe(0);
    // Switched back on from the popup, the open tab is marked without a reload.
    const popup2 = await extensionPage('popup.html', url);
    await popup2.waitFor(() => document.querySelector<HTMLInputElement>('[data-testid="site-switch"]')?.checked === false);
    await popup2.click('[data-testid="site-switch"]');
    await again.waitFor(() => CSS.highlights.size > 0);
    await popup2.close();
    await again.close();
  });

  it('a site switched off gets no script at all; switched back on, its open tab and new pages are marked', async () => {
    const control = await extensionPage('options.html');
    const send = (message: unknown) =>
      control.evaluateArg(async (m: unknown) => {
        const g = globalThis as unknown as Record<string, ExtensionApi | undefined>;
        return (await (g.browser ?? g.chrome)!.runtime.sendMessage(m)) as { ok: boolean };
      }, message);
    /** Every frame of the tab showing `url`: whether the loader (content.js) and the annotator ran there. */
    const frames = (url: string) =>
      control.evaluateArg(async (u: string) => {
        const g = globalThis as unknown as Record<string, ExtensionApi | undefined>;
        const api = (g.browser ?? g.chrome)!;
        const tab = (await api.tabs.query({})).find((t) => t.url === u);
        if (tab?.id === undefined) throw new Error(`no tab at ${u}`);
        const results = await api.scripting.executeScript({
          target: { tabId: tab.id, allFrames: true },
          func: () => {
            const scope = globalThis as unknown as { __hpaLoader?: boolean; __hpaStart?: unknown };
            return { url: location.href, loader: scope.__hpaLoader === true, annotator: typeof scope.__hpaStart === 'function' };
          },
        });
        return results.map((r) => r.result as FrameState);
      }, url);

    // 127.0.0.1 is a default site: switched off, a page with a srcdoc and a same-origin frame gets nothing.
    expect(await send({ type: 'site:set', site: '127.0.0.1', enabled: false })).toMatchObject({ ok: true });
    const url = session.server.url('/hostile/shadow');
    const page = await session.browser.openPage(url);
    await new Promise((r) => setTimeout(r, 1500));
    const off = await frames(url);
    expect(off.length).toBeGreaterThanOrEqual(2);
    expect(off.filter((f) => f.loader || f.annotator)).toEqual([]);
    expect(await page.evaluate(highlightCount)).toBe(0);

    // Switched on: the open tab is marked without a reload, in every frame.
    expect(await send({ type: 'site:set', site: '127.0.0.1', enabled: true })).toMatchObject({ ok: true });
    await page.waitFor(() => CSS.highlights.size > 0, 15_000);
    const marksInFrame = (id: string) =>
      page.evaluateArg((frameId: string) => {
        const w = (document.getElementById(frameId) as HTMLIFrameElement).contentWindow as unknown as typeof globalThis | null;
        return w?.CSS?.highlights?.size ?? 0;
      }, id);
    for (const id of ['f1', 'f2']) {
      const deadline = Date.now() + 10_000;
      while ((await marksInFrame(id)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await marksInFrame(id), `marks in frame ${id}`).toBeGreaterThan(0);
    }
    const on = await frames(url);
    expect(on.filter((f) => !f.loader || !f.annotator)).toEqual([]);
    // And a page loaded now is marked as before.
    const fresh = await article('002');
    expect(await fresh.evaluate(highlightCount)).toBeGreaterThan(10);
    expect([...page.extensionErrors(), ...fresh.extensionErrors()]).toEqual([]);
    await fresh.close();
    await page.close();
    await control.close();
  });

  it('makes no network requests of its own and stores nothing from the pages read', async () => {
    // The knowledge base is installed (by the earlier tests' pages): what the extension keeps now.
    const probe = await extensionPage('options.html');
    const before = await probe.evaluate(extensionStores);
    await probe.close();
    expect(Object.keys(before).some((k) => k.startsWith('indexedDB '))).toBe(true);
    const recording = session.browser.recordRequests();
    // Pages are read and matched in the background (page:match), a live addition too, and a card is opened.
    const page = await article('002');
    const marks = await page.evaluate(highlightCount);
    expect(marks).toBeGreaterThan(10);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added';
      p.textContent = 'Later the Care Quality Commission and NHS England said the plan stood.';
      document.body.append(p);
    });
    await page.waitFor(() => {
      for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
        for (const r of h) if (r.startContainer.parentElement?.id === 'added') return true;
      return false;
    }, 10_000);
    const other = await article('004');
    await other.close();
    await hover(page, 'Norman Fowler');
    await waitForCard(page, null);
    const popup = await extensionPage('popup.html', session.server.url('/seed/002'));
    await popup.waitFor(() => document.querySelector('[data-pledge]') !== null, 15_000);
    const options = await extensionPage('options.html');
    await options.waitFor(() => document.querySelector('main') !== null);
    await new Promise((r) => setTimeout(r, 500));
    const urls = recording.stop();
    const foreign = urls.filter(
      (u) =>
        !u.startsWith(session.server.origin) &&
        !u.startsWith('http://localhost:') &&
        !u.startsWith(session.browser.extensionOrigin) &&
        !/^(data|blob|about):/.test(u),
    );
    expect(foreign).toEqual([]);
    // Reading pages wrote nothing: the reader's stores hold only what the reader chose.
    const exported = (await options.evaluate(async () => {
      const g = globalThis as unknown as Record<string, ExtensionApi | undefined>;
      return (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'settings:export' });
    })) as { ok: true; data: { sites: Record<string, boolean> } };
    expect(Object.keys(exported.data.sites).filter((s) => s !== '127.0.0.1')).toEqual([]);
    // Nothing new anywhere the extension keeps data: every store and storage area as it was.
    expect(await options.evaluate(extensionStores)).toEqual(before);
    await options.close();
    await popup.close();
    await page.close();
  });

  it('rebuilds the knowledge base when its database is deleted while running', async () => {
    const first = await article('000');
    const page = await extensionPage('options.html');
    const send = (message: unknown) =>
      page.evaluateArg(async (m: unknown) => {
        const g = globalThis as unknown as Record<string, ExtensionApi | undefined>;
        return (await (g.browser ?? g.chrome)!.runtime.sendMessage(m)) as {
          ok: boolean;
          data?: { id?: string; version?: string; asOf?: string | null };
        };
      }, message);
    // Cards are for pages only (the protocol's sender rules): the pledges come from the same stored KB.
    expect(await send({ type: 'pledges' })).toMatchObject({
      ok: true,
      data: expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]),
    });
    const deleted = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const req = indexedDB.deleteDatabase('health-policy-annotator');
          req.onsuccess = () => resolve('deleted');
          req.onerror = () => resolve(`error: ${req.error?.message}`);
          req.onblocked = () => resolve('blocked');
        }),
    );
    expect(deleted).toBe('deleted');
    expect(await send({ type: 'pledges' })).toMatchObject({
      ok: true,
      data: expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]),
    });
    const info = await send({ type: 'kb:info' });
    expect(info.data?.version).toMatch(new RegExp(`^${KB_SCHEMA_VERSION}\\.`));
    expect(info.data?.asOf).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    const stores = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const req = indexedDB.open('health-policy-annotator');
          req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
          req.onsuccess = () => {
            const names = [...req.result.objectStoreNames];
            req.result.close();
            resolve(names);
          };
        }),
    );
    expect(stores).toEqual(expect.arrayContaining(['kb-meta', 'kb-entities', 'sites', 'prefs']));
    const article3 = await article('003');
    await hover(article3, 'CQC');
    await waitForCard(article3, 'Care Quality Commission');
    await article3.close();
    await first.close();
    await page.close();
  });

  if (spec.serviceWorker) {
    it('answers the next hover after the service worker was stopped', async () => {
      const page = await article('000');
      await session.browser.stopBackground();
      await hover(page, 'Simon Stevens');
      await waitForCard(page, 'NHS England', 15_000);
      await page.close();
    });

    it('a knowledge-base upgrade keeps the reader’s site choices', async () => {
      const { page, popup } = await switchedOffFromPopup('004');
      // Make the stored KB look older than the bundled one, then wake a fresh background.
      const before = await popup.evaluate(
        () =>
          new Promise<string>((resolve, reject) => {
            const req = indexedDB.open('health-policy-annotator');
            req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
            req.onsuccess = () => {
              const db = req.result;
              const tx = db.transaction('kb-meta', 'readwrite');
              const store = tx.objectStore('kb-meta');
              const get = store.get('current');
              get.onsuccess = () => {
                const meta = get.result as { version: string };
                const version = meta.version;
                store.put({ ...meta, version: 'older' }, 'current');
                tx.oncomplete = () => {
                  db.close();
                  resolve(version);
                };
              };
            };
          }),
      );
      await session.browser.stopBackground();
      const info = await popup.evaluate(async () => {
        const g = globalThis as unknown as Record<string, ExtensionApi | undefined>;
        const api = (g.browser ?? g.chrome)!;
        return (await api.runtime.sendMessage({ type: 'kb:info' })) as { ok: boolean; data: { version: string } };
      });
      expect(info.data.version).toBe(before);
      await page.reload();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await page.evaluate(highlightCount)).toBe(0);
      await popup.close();
      await page.close();
    });
  }
});

describe.each(BROWSERS)('the popup on a phone in %s', (spec) => {
  const session = openSession(() => spec.launch({ touch: true }));

  it('fits 360 px: nothing clipped, 44 px targets on a touch screen, the pledge list scrolls', async () => {
    const url = session.server.url('/seed/003');
    const article = await session.browser.openPage(url);
    await article.waitFor(() => CSS.highlights.size > 0, 15_000);
    // Firefox for Android opens the popup as a page of the phone's size.
    const popup = await openExtensionPage(session.browser, 'popup.html', url);
    await popup.setViewport(360, 740);
    await popup.waitFor(
      // A boolean: an element does not cross the BiDi wire.
      () => ['[data-testid="site-switch"]', '.found-entry', '[data-pledge]'].every((s) => document.querySelector(s) !== null),
      15_000,
    );
    const layout = await popup.evaluate(() => {
      const root = document.documentElement;
      const clipped: string[] = [];
      const small: string[] = [];
      const describe = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        if (!el.checkVisibility()) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.left < -0.5 || r.right > root.clientWidth + 0.5)) clipped.push(describe(el));
      }
      // Every control; links inside a line of text are exempt (WCAG 2.5.5's inline exception).
      for (const el of document.querySelectorAll<HTMLElement>('button, input, select, summary, a')) {
        if (!el.checkVisibility()) continue;
        if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
        const r = ((el.tagName === 'INPUT' && el.closest('label')) || el).getBoundingClientRect();
        if (r.width < 44 || r.height < 44) small.push(`${describe(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      const pledges = document.querySelectorAll('[data-pledge]');
      const last = pledges[pledges.length - 1]!;
      last.scrollIntoView({ block: 'end' });
      const lastBox = last.getBoundingClientRect();
      return {
        coarse: matchMedia('(pointer: coarse)').matches,
        width: innerWidth,
        overflowX: root.scrollWidth - root.clientWidth,
        clipped: clipped.slice(0, 5),
        small: small.slice(0, 10),
        scrolled: (document.scrollingElement?.scrollTop ?? 0) > 0,
        lastInView: lastBox.top >= 0 && lastBox.bottom <= innerHeight + 0.5,
      };
    });
    expect(layout).toMatchObject({ coarse: true, width: 360, overflowX: 0, clipped: [], small: [], scrolled: true, lastInView: true });
    await popup.close();
    await article.close();
  });
});
