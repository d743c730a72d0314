// Sending a long page text as numbered parts: Chromium serialises a message on the page's
// thread, so one 2 MB `page:match` is one long task, while parts of PART_CHARS cost a few ms
// each, the page's turn between them. The background holds the parts (in memory only) and
// answers the last with the matches of the whole text. If it no longer holds the earlier
// parts (its service worker restarted between two), the whole sequence is sent once more.

import { PART_CHARS, PARTS_MISSING, type PageMatches } from '../shared/messages';
import type { RequestOf, ResponseOf } from '../shared/protocol';

type Request = RequestOf<'page:match'>;
type Send = (request: Request) => Promise<ResponseOf<'page:match'>>;

export interface PartsControl {
  /** The scan's turn; `fresh`: start a new slice. False when the scan was superseded. */
  turn: (fresh?: boolean) => Promise<boolean>;
  /** False once the matcher was disposed. */
  live: () => boolean;
}

/** Where a part ends: `PART_CHARS` on, but never between the two halves of a surrogate pair. */
export function partEnd(text: string, at: number, size = PART_CHARS): number {
  const end = Math.min(text.length, at + size);
  if (end === text.length || end - 1 <= at) return end;
  const code = text.charCodeAt(end);
  return code >= 0xdc00 && code <= 0xdfff ? end - 1 : end;
}

/** A scan's id: only needs to differ from the frame's previous scan (crypto.randomUUID needs a secure context; this does not). */
function partsId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sends `whole` (its text, date, lang) in parts; the matches of the whole text, or null when the scan was superseded. */
export async function sendInParts(send: Send, whole: Request, control: PartsControl): Promise<PageMatches | null> {
  try {
    return await sendSequence(send, whole, control);
  } catch (e) {
    if (!((e as Error)?.message ?? '').includes(PARTS_MISSING)) throw e;
    // Once more from the start; a second failure is the scan's error.
    return sendSequence(send, whole, control);
  }
}

async function sendSequence(send: Send, whole: Request, { turn, live }: PartsControl): Promise<PageMatches | null> {
  const { text } = whole;
  const id = partsId();
  for (let at = 0; at < text.length;) {
    // Each part after the first starts a slice of its own; a superseded scan sends no more.
    if ((at > 0 && !(await turn(true))) || !live()) return null;
    const end = partEnd(text, at);
    const reply = await send({ ...whole, text: text.slice(at, end), part: { id, at, total: text.length } });
    if (end === text.length) {
      if ('pending' in reply)
        throw new Error(`the background held the page's text as incomplete at its last part (${reply.received} of ${end})`);
      return reply;
    }
    if (!('pending' in reply) || reply.received !== end)
      throw new Error(`the background's reply to page:match part at ${at} does not acknowledge it (expected ${end} characters received)`);
    at = end;
  }
  return null;
}
