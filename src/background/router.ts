// Checks every incoming message — from this extension, of a known shape — and answers
// with data or an explicit error; never silence, never a thrown error across the wire.

import type { Reply, Request } from '../shared/messages';
import { UserError, type Service } from './service';
import { describeIssues, requestSchema } from './validate';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

export function createRouter(service: Service, extensionId: string, extensionOrigin: string) {
  return async function route(message: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
    if (sender.id !== extensionId) return { ok: false, error: 'messages are accepted from this extension only' };
    // Content scripts speak from a tab; everything else must be one of our own pages.
    if (!sender.tab && !(sender.url ?? '').startsWith(extensionOrigin)) return { ok: false, error: 'messages are accepted from this extension only' };
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) {
      const type = message && typeof message === 'object' && 'type' in message ? String((message as { type: unknown }).type).slice(0, 40) : undefined;
      return { ok: false, error: `malformed ${type ? `"${type}" ` : ''}message: ${describeIssues(parsed.error)}` };
    }
    try {
      return { ok: true, data: await service.handle(parsed.data as Request) };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, error: e.message };
      console.error('health-policy-annotator: request failed', parsed.data.type, e);
      return { ok: false, error: `the extension could not answer "${parsed.data.type}": ${(e as Error)?.message ?? String(e)}` };
    }
  };
}
