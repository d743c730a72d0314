// Checks every incoming message — from this extension, of a known shape — and answers
// with data or an explicit error; never silence, never a thrown error across the wire.

import type { Reply } from '../shared/messages';
import { LOG_PREFIX } from '../shared/product';
import { UserError } from './errors';
import type { Service } from './service';
import { describeIssues, requestSchema } from './validate';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

const NOT_OURS = 'messages are accepted from this extension only';

export function createRouter(service: Service, extensionId: string, extensionOrigin: string) {
  async function answer(message: unknown, sender: SenderInfo | undefined): Promise<Reply<unknown>> {
    if (!sender || sender.id !== extensionId) return { ok: false, error: NOT_OURS };
    // Content scripts speak from a tab; everything else must be one of our own pages.
    if (!sender.tab && !(typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin))) return { ok: false, error: NOT_OURS };
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) {
      // Echo the type only when it is a string: anything else may not even convert to one.
      const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
      const named = typeof type === 'string' && type ? `"${type.slice(0, 40)}" ` : '';
      return { ok: false, error: `malformed ${named}message: ${describeIssues(parsed.error)}` };
    }
    try {
      return { ok: true, data: await service.handle(parsed.data, { tabId: sender.tab?.id, frameId: sender.frameId, url: sender.url }) };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, error: e.message };
      console.error(LOG_PREFIX, 'request failed', parsed.data.type, e);
      const why = e instanceof Error && e.message ? e.message : String(e);
      return { ok: false, error: `the extension could not answer "${parsed.data.type}": ${why}` };
    }
  }

  return async function route(message: unknown, sender: SenderInfo | undefined): Promise<Reply<unknown>> {
    try {
      return await answer(message, sender);
    } catch (e) {
      // A bug in the checks themselves must still give the sender an answer.
      console.error(LOG_PREFIX, 'message not handled', e);
      return { ok: false, error: 'the extension could not read this message' };
    }
  };
}
