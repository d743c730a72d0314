// The page side's answer to tab messages (protocol.ts, TAB_MESSAGES), in the same Reply
// envelope as requests. Only this extension can message a tab's content scripts, so the
// shape is trusted and zod stays out of the page bundle. askTab (ask-tab.ts) sends them.

import type { TabMessageOf, TabMessageType, TabReplyOf } from './protocol';
import { replyTo, type Reply } from './reply';

export type TabHandlers = { [K in TabMessageType]: (message: TabMessageOf<K>) => TabReplyOf<K> | Promise<TabReplyOf<K>> };

/**
 * A runtime.onMessage listener answering the tab messages with `handlers`; anything else
 * gets no answer from it (undefined), so another listener in the frame may answer.
 */
export function serveTab(handlers: TabHandlers): (message: unknown) => Promise<Reply<unknown>> | undefined {
  return (message) => {
    const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
    const handler = handlers[type as TabMessageType] as (m: unknown) => unknown;
    return replyTo(() => handler(message));
  };
}
