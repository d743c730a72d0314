// The page the popup is about: the active tab of the current window (readable through
// activeTab while the popup is open), or the tab named by ?tab=<id> when the popup
// page is opened in a tab of its own (end-to-end tests do this).

import browser from 'webextension-polyfill';
import type { FoundEntity } from '../../shared/messages';
import { askTab } from '../../shared/ask-tab';
import { siteOf } from '../../shared/sites';

export type PageTarget = { web: true; tabId: number; url: string; site: string } | { web: false };

async function pickTab(search: URLSearchParams): Promise<browser.Tabs.Tab | undefined> {
  const named = search.get('tab');
  if (named !== null && /^\d+$/.test(named)) return browser.tabs.get(Number(named));
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

export async function currentPage(search: URLSearchParams): Promise<PageTarget> {
  const tab = await pickTab(search);
  if (!tab?.url || tab.id === undefined) return { web: false };
  const site = siteOf(tab.url);
  return site === undefined ? { web: false } : { web: true, tabId: tab.id, url: tab.url, site };
}

/** What the tab's content script marked, or null when no content script answers. */
export async function foundOnPage(tabId: number): Promise<FoundEntity[] | null> {
  try {
    return await askTab(tabId, { type: 'tab:found' });
  } catch {
    return null;
  }
}

/** Asks the tab to scroll to the first mark of an entity and open its card. */
export async function revealOnPage(tabId: number, id: string): Promise<void> {
  await askTab(tabId, { type: 'tab:reveal', id }).catch(() => undefined);
}
