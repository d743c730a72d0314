// The page side of a long text sent in parts: how it is cut, the page's turn between parts,
// one resend when the background lost the earlier parts, and stopping when superseded.
import { describe, expect, it } from 'vitest';
import { createBackgroundMatcher, type PageMatchRequest } from '../../src/annotator/background-matcher';
import { partEnd } from '../../src/annotator/send-parts';
import { PART_CHARS, PARTS_MISSING } from '../../src/shared/messages';
import type { ResponseOf } from '../../src/shared/protocol';

const context = { date: null, lang: null };
const NO_MATCHES = { spans: '', descriptors: [] };

/** A background that acknowledges parts and answers the last (or a whole text) with no matches; `fail` refuses a request by its index. */
function fakeBackground(fail: (i: number, req: PageMatchRequest) => string | undefined = () => undefined) {
  const sent: PageMatchRequest[] = [];
  const send = async (req: PageMatchRequest): Promise<ResponseOf<'page:match'>> => {
    sent.push(req);
    const error = fail(sent.length - 1, req);
    if (error) throw new Error(error);
    if (req.part && req.part.at + req.text.length < req.part.total) return { pending: true, received: req.part.at + req.text.length };
    return NO_MATCHES;
  };
  return { sent, send };
}

const missing = `page:match part at ${PART_CHARS} of text x: ${PARTS_MISSING} (they expired, or the background restarted)`;

describe('sending a long text in parts', () => {
  it('sends a short text as one message, and a long one as contiguous parts of one id that make up the text', async () => {
    const bg = fakeBackground();
    const matcher = createBackgroundMatcher(bg.send);
    expect(await matcher.matchPage('x'.repeat(PART_CHARS), context, async () => true)).toEqual([]);
    expect(bg.sent).toHaveLength(1);
    expect(bg.sent[0]!.part).toBeUndefined();

    bg.sent.length = 0;
    const long = 'abcdefghij'.repeat(PART_CHARS / 4); // 2.5 parts
    const turns: (boolean | undefined)[] = [];
    const matches = await matcher.matchPage(long, context, async (fresh) => (turns.push(fresh), true));
    expect(matches).toEqual([]);
    expect(bg.sent.map((r) => [r.part?.at, r.text.length, r.part?.total])).toEqual([
      [0, PART_CHARS, long.length],
      [PART_CHARS, PART_CHARS, long.length],
      [2 * PART_CHARS, long.length - 2 * PART_CHARS, long.length],
    ]);
    expect(new Set(bg.sent.map((r) => r.part!.id)).size).toBe(1);
    expect(bg.sent[0]!.part!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(bg.sent.map((r) => r.text).join('')).toBe(long);
    // A fresh slice before each part after the first, then the usual turn before decoding.
    expect(turns.slice(0, 2)).toEqual([true, true]);
    // Live additions stay one message, however long.
    bg.sent.length = 0;
    await matcher.matchAdded(long, context, new Set());
    expect(bg.sent).toHaveLength(1);
  });

  it('sends the whole sequence once more, under a new id, when the background lost the earlier parts; a second loss is an error', async () => {
    const once = fakeBackground((i) => (i === 2 ? missing : undefined));
    const long = 'y'.repeat(PART_CHARS * 2 + 10);
    expect(await createBackgroundMatcher(once.send).matchPage(long, context, async () => true)).toEqual([]);
    expect(once.sent.map((r) => r.part!.at)).toEqual([0, PART_CHARS, 2 * PART_CHARS, 0, PART_CHARS, 2 * PART_CHARS]);
    expect(once.sent[3]!.part!.id).not.toBe(once.sent[0]!.part!.id);

    const twice = fakeBackground((i) => (i === 1 || i === 3 ? missing : undefined));
    await expect(createBackgroundMatcher(twice.send).matchPage(long, context, async () => true)).rejects.toThrow(PARTS_MISSING);
    expect(twice.sent).toHaveLength(4);

    // Any other refusal is not retried.
    const other = fakeBackground((i) => (i === 1 ? 'page:match part at 256000 of text x: parts must arrive in order' : undefined));
    await expect(createBackgroundMatcher(other.send).matchPage(long, context, async () => true)).rejects.toThrow(/in order/);
    expect(other.sent).toHaveLength(2);
  });

  it('stops sending when the scan is superseded or the matcher disposed', async () => {
    const long = 'z'.repeat(PART_CHARS * 3);
    const superseded = fakeBackground();
    let turns = 0;
    expect(await createBackgroundMatcher(superseded.send).matchPage(long, context, async () => ++turns < 2)).toBeNull();
    expect(superseded.sent).toHaveLength(2);

    const disposed = fakeBackground();
    const matcher = createBackgroundMatcher(async (req) => {
      const reply = await disposed.send(req);
      matcher.dispose();
      return reply;
    });
    expect(await matcher.matchPage(long, context, async () => true)).toBeNull();
    expect(disposed.sent).toHaveLength(1);
  });

  it('refuses a background that does not acknowledge a part, or answers the last as pending', async () => {
    const long = 'w'.repeat(PART_CHARS + 5);
    const early = createBackgroundMatcher(async () => NO_MATCHES);
    await expect(early.matchPage(long, context, async () => true)).rejects.toThrow(
      /reply to page:match part at 0 does not acknowledge it \(expected 256000 characters received\)/,
    );
    const stuck = createBackgroundMatcher(async (req) => ({ pending: true as const, received: (req.part?.at ?? 0) + req.text.length - 1 }));
    await expect(stuck.matchPage(long, context, async () => true)).rejects.toThrow(/does not acknowledge it/);
  });

  it('never cuts between the two halves of a surrogate pair', () => {
    const text = 'ab\u{1F600}cd'; // a, b, high, low, c, d
    expect(partEnd(text, 0, 3)).toBe(2);
    expect(partEnd(text, 0, 4)).toBe(4);
    expect(partEnd(text, 0, 2)).toBe(2);
    expect(partEnd(text, 4, 3)).toBe(6);
    // A part of one character that would split the pair still moves on.
    expect(partEnd(text, 2, 1)).toBe(3);
  });
});
