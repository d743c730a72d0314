// Sending to the background with retries: the MV3 service worker may be asleep or
// restarting, so a request that finds no receiver is sent again a few times. No imports
// but a type and the tiny reply.ts: the ~1 KB content-script loader uses it too.

import { unwrapReply } from './reply';

const RETRIES = [50, 150, 400, 1000];
const NO_RECEIVER = /Receiving end does not exist|Could not establish connection|no answer from the background|message port closed/i;

/** Sends with `send` until the background answers; returns its data or throws its error. */
export async function sendWithRetry<T>(send: () => Promise<unknown>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return unwrapReply<T>(await send(), 'the background');
    } catch (e) {
      if (!NO_RECEIVER.test((e as Error)?.message ?? '') || attempt >= RETRIES.length) throw e;
      await new Promise((r) => setTimeout(r, RETRIES[attempt]));
    }
  }
}
