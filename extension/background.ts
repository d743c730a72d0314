// Background entry (service worker in Chrome, event page in Firefox): wires browser
// events to the service. Holds no state that a restart would lose.

import browser from 'webextension-polyfill';
import type { KbBundle } from '../src/shared/kb-bundle';
import { createRouter } from '../src/background/router';
import { createService } from '../src/background/service';
import { createSiteScripts } from '../src/background/site-scripts';
import type { TabMessageOf, TabMessageType } from '../src/shared/protocol';
import { askTab } from '../src/shared/ask-tab';
import { LOG_PREFIX } from '../src/shared/product';
import { hostMatches, siteOf } from '../src/shared/sites';

declare const __KB_VERSION__: string;

async function sendToTabs<K extends TabMessageType>(filter: (site: string) => boolean, message: TabMessageOf<K>): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !tab.url) return;
      const site = siteOf(tab.url);
      if (site === undefined || !filter(site)) return;
      await askTab(tab.id, message).catch(() => undefined); // no content script there
    }),
  );
}

const log = (message: string, error?: unknown) =>
  error === undefined ? console.warn(LOG_PREFIX, message) : console.error(LOG_PREFIX, message, error);

// The loader goes only to the sites that are on (see site-scripts.ts).
const siteScripts = createSiteScripts(browser, () => service.siteChoices(), log);

const service = createService({
  bundledVersion: __KB_VERSION__,
  async loadBundle() {
    const res = await fetch(browser.runtime.getURL('kb.json'));
    if (!res.ok) throw new Error(`kb.json: HTTP ${res.status}`);
    return (await res.json()) as KbBundle;
  },
  async injectAnnotator({ tabId, frameId }) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['annotator.js'] });
  },
  async injectCardUi({ tabId, frameId }) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['card-ui.js'] });
  },
  async openPledge(id) {
    await browser.tabs.create({ url: browser.runtime.getURL(`popup.html?view=pledges#${encodeURIComponent(id)}`) });
  },
  async openOptions() {
    await browser.runtime.openOptionsPage();
  },
  async sitesChanged() {
    await siteScripts.sync();
  },
  async notify(event) {
    if ('prefs' in event) return sendToTabs(() => true, { type: 'tab:prefs-changed', prefs: event.prefs });
    // Frames with a loader or an annotator act on the message; then frames without one (the site
    // was off when they loaded) get the loader, which asks and starts the annotator. This order
    // means no frame is told twice.
    await sendToTabs((site) => hostMatches(site, event.site), { type: 'tab:site-changed', enabled: event.enabled });
    if (event.enabled) await siteScripts.injectInto(event.site);
  },
});

const route = createRouter(service, browser.runtime.id, browser.runtime.getURL(''));
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => route(message, sender));

// The loader's registrations are checked each time the background starts, and again on
// install, update and browser start: registered scripts persist across browser restarts, but a
// browser may drop them on an extension update, and a stale one must be corrected. sync() runs
// one at a time and never rejects, so these calls only cost a look when nothing changed.
void siteScripts.sync();
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') });
  void (async () => {
    await siteScripts.sync();
    await service.install().catch((e) => console.error(LOG_PREFIX, 'knowledge base not installed', e));
    // Tabs opened before an install or an update get marks without a reload: registered
    // scripts reach only pages loaded after them. An old version's script in such a tab has
    // stood down (its context is gone) and the new one takes over.
    if (reason === 'install' || reason === 'update') await siteScripts.injectIntoOpenTabs((url) => service.annotates(url));
  })();
});
browser.runtime.onStartup.addListener(() => {
  void siteScripts.sync();
});
// A host permission granted or taken back in the browser's own settings changes what may be registered.
browser.permissions.onAdded.addListener(() => void siteScripts.sync());
browser.permissions.onRemoved.addListener(() => void siteScripts.sync());

browser.commands.onCommand.addListener(async (command) => {
  if (command !== 'next-mark') return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await askTab(tab.id, { type: 'tab:next-mark' }).catch(() => undefined);
});
