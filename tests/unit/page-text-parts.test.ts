// A long page text's parts, held in the background until the last: in order, per sender,
// dropped when superseded or left incomplete.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageTextParts, PARTS_TTL_MS } from '../../src/background/page-text-parts';
import { PARTS_MISSING } from '../../src/shared/messages';

const frame = { tabId: 7, frameId: 0 };

describe('page text parts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('assembles the parts in order and gives the whole text on the last, then holds nothing', () => {
    const parts = new PageTextParts();
    expect(parts.add(frame, { id: 'a1', at: 0, total: 11 }, 'Hello')).toEqual({ received: 5 });
    expect(parts.add(frame, { id: 'a1', at: 5, total: 11 }, ', wor')).toEqual({ received: 10 });
    expect(parts.size).toBe(1);
    expect(parts.add(frame, { id: 'a1', at: 10, total: 11 }, 'd')).toEqual({ text: 'Hello, word' });
    expect(parts.size).toBe(0);
    // The same id again starts afresh: nothing of the finished text is kept.
    expect(() => parts.add(frame, { id: 'a1', at: 5, total: 11 }, ', wor')).toThrow(PARTS_MISSING);
  });

  it('refuses parts out of order, repeated, past the total or of another total, naming what is wrong, and drops the text', () => {
    const parts = new PageTextParts();
    parts.add(frame, { id: 'b', at: 0, total: 9 }, 'abc');
    expect(() => parts.add(frame, { id: 'b', at: 6, total: 9 }, 'ghi')).toThrow(
      'page:match part at 6 of text b: parts must arrive in order, each where the last ended; 3 characters were received',
    );
    // The broken text was dropped: its next part finds nothing before it.
    expect(() => parts.add(frame, { id: 'b', at: 3, total: 9 }, 'def')).toThrow(
      `page:match part at 3 of text b: ${PARTS_MISSING} (they expired, or the background restarted); send the text from its start`,
    );
    parts.add(frame, { id: 'c', at: 0, total: 9 }, 'abc');
    expect(() => parts.add(frame, { id: 'c', at: 0, total: 9 }, 'abc')).toThrow(/in order.*3 characters were received/);
    parts.add(frame, { id: 'd', at: 0, total: 9 }, 'abc');
    expect(() => parts.add(frame, { id: 'd', at: 3, total: 12 }, 'def')).toThrow(
      "page:match part at 3 of text d: the text's length was 9 in its earlier parts, not 12",
    );
    expect(() => parts.add(frame, { id: 'e', at: 4, total: 6 }, 'abc')).toThrow(
      "page:match part at 4 of text e: its 3 characters run past the text's 6 (the part ends at 7)",
    );
    expect(() => parts.add(frame, { id: 'f', at: 0, total: 6 }, '')).toThrow('page:match part at 0 of text f: a part must carry text');
    expect(parts.size).toBe(0);
  });

  it('keeps each tab’s and frame’s parts apart', () => {
    const parts = new PageTextParts();
    const other = { tabId: 7, frameId: 2 };
    const otherTab = { tabId: 8, frameId: 0 };
    parts.add(frame, { id: 'x', at: 0, total: 6 }, 'abc');
    parts.add(other, { id: 'x', at: 0, total: 6 }, 'ABC');
    parts.add(otherTab, { id: 'y', at: 0, total: 4 }, '12');
    expect(parts.size).toBe(3);
    // Another frame cannot continue this frame's text, even with its id.
    expect(() => parts.add(otherTab, { id: 'x', at: 3, total: 6 }, 'def')).toThrow(PARTS_MISSING);
    expect(parts.add(other, { id: 'x', at: 3, total: 6 }, 'DEF')).toEqual({ text: 'ABCDEF' });
    expect(parts.add(frame, { id: 'x', at: 3, total: 6 }, 'def')).toEqual({ text: 'abcdef' });
  });

  it('drops an older scan’s text when the same frame starts a new one', () => {
    const parts = new PageTextParts();
    parts.add(frame, { id: 'old', at: 0, total: 6 }, 'abc');
    expect(parts.add(frame, { id: 'new', at: 0, total: 4 }, 'wx')).toEqual({ received: 2 });
    expect(parts.size).toBe(1);
    expect(() => parts.add(frame, { id: 'old', at: 3, total: 6 }, 'def')).toThrow(PARTS_MISSING);
    // A late part of the older scan does not disturb the newer one.
    expect(parts.add(frame, { id: 'new', at: 2, total: 4 }, 'yz')).toEqual({ text: 'wxyz' });
    expect(parts.size).toBe(0);
  });

  it('drops a text nobody completes once no part came for the time limit, counted from the last part', () => {
    const parts = new PageTextParts();
    parts.add(frame, { id: 'slow', at: 0, total: 9 }, 'abc');
    vi.advanceTimersByTime(PARTS_TTL_MS - 1_000);
    parts.add(frame, { id: 'slow', at: 3, total: 9 }, 'def');
    vi.advanceTimersByTime(PARTS_TTL_MS - 1_000);
    expect(parts.size).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(parts.size).toBe(0);
    expect(() => parts.add(frame, { id: 'slow', at: 6, total: 9 }, 'ghi')).toThrow(PARTS_MISSING);
    // A completed text leaves no timer behind.
    parts.add(frame, { id: 'quick', at: 0, total: 2 }, 'ab');
    expect(parts.add(frame, { id: 'quick2', at: 0, total: 2 }, 'ab')).toEqual({ text: 'ab' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
