// Which page the popup is about (the active tab, or ?tab=<id> when opened in a tab of its
// own), and how it reads the tab's marks when no content script answers.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Tab = { id?: number; url?: string };
interface FakeTabs {
  tabs: Map<number, Tab>;
  active: Tab | undefined;
  reply: (tabId: number, message: unknown) => Promise<unknown>;
}
const api = vi.hoisted((): FakeTabs => ({ tabs: new Map(), active: undefined, reply: () => Promise.resolve(undefined) }));
vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: {
      get: (id: number) => Promise.resolve(api.tabs.get(id)),
      query: () => Promise.resolve(api.active ? [api.active] : []),
      sendMessage: (id: number, m: unknown) => api.reply(id, m),
    },
  },
}));

const { currentPage, foundOnPage, revealOnPage } = await import('../../src/ui/popup/active-tab');

beforeEach(() => {
  api.tabs.clear();
  api.active = undefined;
  api.reply = () => Promise.resolve(undefined);
});

describe('currentPage', () => {
  it('is the active tab, its site without "www."', async () => {
    api.active = { id: 3, url: 'https://www.hsj.co.uk/news' };
    expect(await currentPage(new URLSearchParams())).toEqual({ web: true, tabId: 3, url: 'https://www.hsj.co.uk/news', site: 'hsj.co.uk' });
  });

  it('is the tab named by ?tab=<id>, not the active one', async () => {
    api.active = { id: 3, url: 'https://example.org/' };
    api.tabs.set(12, { id: 12, url: 'http://127.0.0.1:8080/seed/001' });
    expect(await currentPage(new URLSearchParams('tab=12'))).toMatchObject({ web: true, tabId: 12, site: '127.0.0.1' });
    // Not a number: the active tab.
    expect(await currentPage(new URLSearchParams('tab=12x'))).toMatchObject({ tabId: 3 });
  });

  it('is no web page for other schemes, unreadable addresses, a tab without an address and no tab', async () => {
    for (const url of ['about:blank', 'chrome-extension://abc/popup.html', 'file:///tmp/a.html', 'not a url', undefined]) {
      api.active = { id: 1, url };
      expect(await currentPage(new URLSearchParams()), String(url)).toEqual({ web: false });
    }
    api.active = undefined;
    expect(await currentPage(new URLSearchParams())).toEqual({ web: false });
  });
});

describe('foundOnPage and revealOnPage', () => {
  it('returns what the tab found, and null when nothing answers or the answer is not a reply', async () => {
    const found = [{ id: 'cqc', name: 'CQC', kind: 'body', count: 2 }];
    const asked: unknown[] = [];
    api.reply = (tabId, m) => {
      asked.push([tabId, m]);
      // The page side answers in the protocol's Reply envelope (serveTab).
      return Promise.resolve({ ok: true, data: found });
    };
    expect(await foundOnPage(7)).toEqual(found);
    expect(asked).toEqual([[7, { type: 'tab:found' }]]);
    api.reply = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await foundOnPage(7)).toBeNull();
    api.reply = () => Promise.resolve({ not: 'a reply' });
    expect(await foundOnPage(7)).toBeNull();
    api.reply = () => Promise.resolve({ ok: false, error: 'the page is not annotated' });
    expect(await foundOnPage(7)).toBeNull();
  });

  it('asks the tab to reveal an entity and ignores a tab without a content script', async () => {
    const asked: unknown[] = [];
    api.reply = (tabId, m) => {
      asked.push([tabId, m]);
      return Promise.reject(new Error('Receiving end does not exist.'));
    };
    await expect(revealOnPage(4, 'cqc')).resolves.toBeUndefined();
    expect(asked).toEqual([[4, { type: 'tab:reveal', id: 'cqc' }]]);
  });
});
