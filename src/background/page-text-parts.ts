// A long page text arrives as numbered parts (one `page:match` each, so the page never
// serialises one huge message in one task); they are held here, in memory only, until the
// last one completes the text, which is then matched once. Held per sender (tab and frame,
// taken from the browser's sender, never from the message); a newer scan from the same frame
// replaces an older one, and a text nobody completes is dropped after PARTS_TTL_MS. Nothing
// is stored: a service worker that stops between parts loses them, and the page starts over
// when told its earlier parts are missing (PARTS_MISSING).

import { PARTS_MISSING } from '../shared/messages';
import { UserError } from './errors';

/** A partial text with no new part for this long is dropped. */
export const PARTS_TTL_MS = 60_000;

/** Which frame sent the parts: from the browser's sender. */
export interface PartsSender {
  tabId: number;
  frameId: number;
}

/** Where a part belongs: its scan's id, its offset in the whole text and the whole text's length. */
export interface PartPlace {
  id: string;
  at: number;
  total: number;
}

interface Held {
  id: string;
  total: number;
  received: number;
  parts: string[];
  timer: ReturnType<typeof setTimeout>;
}

/** The last part completes the text; any other is acknowledged with how much is held. */
export type PartOutcome = { text: string } | { received: number };

export class PageTextParts {
  private readonly held = new Map<string, Held>();

  constructor(private readonly ttlMs = PARTS_TTL_MS) {}

  /** Takes one part; returns the whole text on the last, or how much is held so far. Throws a UserError naming what is wrong. */
  add(sender: PartsSender, place: PartPlace, text: string): PartOutcome {
    const key = `${sender.tabId}/${sender.frameId}`;
    const { id, at, total } = place;
    const where = `page:match part at ${at} of text ${id}`;
    if (!text) throw new UserError(`${where}: a part must carry text`);
    if (at + text.length > total)
      throw new UserError(`${where}: its ${text.length} characters run past the text's ${total} (the part ends at ${at + text.length})`);
    let held = this.held.get(key);
    if (held && held.id !== id && at === 0) {
      // A newer scan from the same frame: the older text will never be completed.
      this.drop(key);
      held = undefined;
    }
    if (!held || held.id !== id) {
      if (at !== 0)
        throw new UserError(`${where}: ${PARTS_MISSING} (they expired, or the background restarted); send the text from its start`);
      held = { id, total, received: 0, parts: [], timer: this.expiry(key) };
      this.held.set(key, held);
    } else {
      if (total !== held.total) {
        this.drop(key);
        throw new UserError(`${where}: the text's length was ${held.total} in its earlier parts, not ${total}`);
      }
      if (at !== held.received) {
        this.drop(key);
        throw new UserError(`${where}: parts must arrive in order, each where the last ended; ${held.received} characters were received`);
      }
      clearTimeout(held.timer);
      held.timer = this.expiry(key);
    }
    held.parts.push(text);
    held.received += text.length;
    if (held.received < total) return { received: held.received };
    this.drop(key);
    return { text: held.parts.join('') };
  }

  /** How many senders have a partial text held (for tests and probes). */
  get size(): number {
    return this.held.size;
  }

  private expiry(key: string): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.held.delete(key), this.ttlMs);
  }

  private drop(key: string): void {
    const held = this.held.get(key);
    if (held) clearTimeout(held.timer);
    this.held.delete(key);
  }
}
