// The envelope every request and tab message is answered with: the data, or an explicit
// error. No imports: the ~1 KB content-script loader uses it.

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** The data of a reply, or an Error with the other side's message. */
export function unwrapReply<T>(reply: unknown, from: string): T {
  const r = reply as Reply<T> | undefined;
  if (!r || typeof r !== 'object') throw new Error(`no answer from ${from}`);
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

/** A thrown value as one line of text. */
export function errorText(e: unknown): string {
  return e instanceof Error && e.message ? e.message : String(e);
}

/** Runs a handler and answers with its data or its error, never a rejection. */
export async function replyTo<T>(handler: () => T | Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, data: await handler() };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}
