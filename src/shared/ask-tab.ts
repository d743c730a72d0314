// Sending a tab message (protocol.ts, TAB_MESSAGES) from the background or the popup; the
// page side answers with serveTab (serve-tab.ts) in the Reply envelope.

import browser from 'webextension-polyfill';
import type { TabMessageOf, TabMessageType, TabReplyOf } from './protocol';
import { unwrapReply } from './reply';

/** Sends a tab message to a tab's frames: its reply's data, or an Error (no page side there, or its error). */
export async function askTab<K extends TabMessageType>(tabId: number, message: TabMessageOf<K>): Promise<TabReplyOf<K>> {
  return unwrapReply<TabReplyOf<K>>(await browser.tabs.sendMessage(tabId, message), 'the page');
}
