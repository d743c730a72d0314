// Checks every incoming message — from whom (protocol.ts says which senders may send which
// message), of a known shape — and answers with data or an explicit error; never silence,
// never a thrown error across the wire.

import { isRequestType, REQUESTS, requestSchema, SAMPLE_PAGE, type SenderKind } from '../shared/protocol';
import { LOG_PREFIX } from '../shared/product';
import { errorText, type Reply } from '../shared/reply';
import { UserError } from './errors';
import type { Service } from './service';
import { describeIssues } from './validate';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

const NOT_OURS = 'messages are accepted from this extension only';
const SENDER_NAMES: Record<SenderKind, string> = {
  content: 'the extension’s script in a web page',
  sample: 'the welcome page’s sample article',
  extension: 'the extension’s own pages',
};

/** Which kind of sender this is, or undefined when it is not part of this extension. */
export function senderKind(sender: SenderInfo | undefined, extensionId: string, extensionOrigin: string): SenderKind | undefined {
  if (!sender || sender.id !== extensionId) return undefined;
  const url = typeof sender.url === 'string' ? sender.url : undefined;
  if (url?.startsWith(extensionOrigin)) {
    const path = url.slice(extensionOrigin.length).replace(/[?#].*$/s, '');
    return path === SAMPLE_PAGE && sender.tab ? 'sample' : 'extension';
  }
  // A content script speaks from a tab, with its frame's (web) address.
  return sender.tab ? 'content' : undefined;
}

export function createRouter(service: Service, extensionId: string, extensionOrigin: string) {
  async function answer(message: unknown, sender: SenderInfo | undefined): Promise<Reply<unknown>> {
    const from = senderKind(sender, extensionId, extensionOrigin);
    if (!from) return { ok: false, error: NOT_OURS };
    const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
    if (!isRequestType(type)) {
      // Echo the type only when it is a string: anything else may not even convert to one.
      const named = typeof type === 'string' && type ? `"${type.slice(0, 40)}" ` : '';
      return { ok: false, error: `malformed ${named}message: type: not a known message` };
    }
    const allowed: readonly SenderKind[] = REQUESTS[type].from;
    if (!allowed.includes(from))
      return { ok: false, error: `"${type}" is accepted from ${allowed.map((k) => SENDER_NAMES[k]).join(' or ')} only` };
    const parsed = requestSchema(type).safeParse(message);
    if (!parsed.success) return { ok: false, error: `malformed "${type}" message: ${describeIssues(parsed.error)}` };
    try {
      return { ok: true, data: await service.handle(parsed.data, { tabId: sender!.tab?.id, frameId: sender!.frameId, url: sender!.url }) };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, error: e.message };
      console.error(LOG_PREFIX, 'request failed', type, e);
      return { ok: false, error: `the extension could not answer "${type}": ${errorText(e)}` };
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
