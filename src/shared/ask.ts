// Requests to the background from the page side, the popup and the options page. The MV3
// service worker may be asleep or restarting: a request that finds no receiver is retried
// a few times.

import browser from 'webextension-polyfill';
import type { Reply, Request, Responses } from './messages';

const RETRIES = [50, 150, 400, 1000];

export async function ask<K extends Request['type']>(request: Extract<Request, { type: K }>): Promise<Responses[K]> {
  for (let attempt = 0; ; attempt++) {
    try {
      const reply: Reply<Responses[K]> | undefined = await browser.runtime.sendMessage(request);
      if (!reply) throw new Error('no answer from the background');
      if (!reply.ok) throw new Error(reply.error);
      return reply.data;
    } catch (e) {
      const message = (e as Error)?.message ?? '';
      const noReceiver =
        /Receiving end does not exist|Could not establish connection|no answer from the background|message port closed/i.test(message);
      if (!noReceiver || attempt >= RETRIES.length) throw e;
      await new Promise((r) => setTimeout(r, RETRIES[attempt]));
    }
  }
}
