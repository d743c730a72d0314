// Requests to the background from the page side, the popup and the options page: the data,
// or an Error carrying the background's message (retried while the service worker wakes).

import browser from 'webextension-polyfill';
import type { RequestOf, RequestType, ResponseOf } from './protocol';
import { sendWithRetry } from './retry';

export function ask<K extends RequestType>(request: RequestOf<K>): Promise<ResponseOf<K>> {
  return sendWithRetry(() => browser.runtime.sendMessage(request));
}
