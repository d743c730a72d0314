// Sites the reader switched on beyond the default list get the content script through
// scripting.registerContentScripts, once the reader granted the host permission.

import browser from 'webextension-polyfill';
import { DEFAULT_SITES, siteKey } from '../shared/sites';

const PREFIX = 'site:';

export function originsFor(site: string): string[] {
  return [`*://${site}/*`, `*://*.${site}/*`];
}

export async function syncSiteScripts(choices: Record<string, boolean>): Promise<void> {
  const defaults = new Set(DEFAULT_SITES.map((s) => siteKey(s.host)));
  const wanted: string[] = [];
  for (const [site, enabled] of Object.entries(choices)) {
    if (!enabled || defaults.has(site)) continue;
    if (await browser.permissions.contains({ origins: originsFor(site) })) wanted.push(site);
  }
  const registered = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const missing = wanted.filter((s) => !registered.has(PREFIX + s));
  if (missing.length)
    await browser.scripting.registerContentScripts(
      missing.map((site) => ({ id: PREFIX + site, matches: originsFor(site), js: ['content.js'], runAt: 'document_idle' as const })),
    );
  // Open tabs of a newly enabled site get the script now, without a reload.
  for (const site of missing) {
    const tabs = await browser.tabs.query({ url: originsFor(site) });
    for (const tab of tabs)
      if (tab.id !== undefined) await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] }).catch(() => undefined);
  }
}
