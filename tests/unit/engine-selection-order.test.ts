// src/engine/selection-order.ts alone: the order of overlapping candidates and the comparator for one span.
import { describe, expect, it } from 'vitest';
import { compareSpans, namingRecency, outranks, type Claim } from '../../src/engine/selection-order';

const plain: Claim = { needsPrior: false, recency: 0 };
const short = (recency: number): Claim => ({ needsPrior: true, recency });

/** The winner of one span, as the selection pass folds its candidates in order. */
function winner(claims: Claim[]): number | undefined {
  let best: number | undefined;
  claims.forEach((c, i) => {
    if (outranks(c, best === undefined ? undefined : claims[best])) best = i;
  });
  return best;
}

describe('compareSpans', () => {
  it('puts the leftmost first, and at one start the longest first', () => {
    const spans = [
      { start: 4, end: 7 },
      { start: 0, end: 3 },
      { start: 0, end: 11 },
      { start: 4, end: 15 },
    ];
    expect([...spans].sort(compareSpans)).toEqual([
      { start: 0, end: 11 },
      { start: 0, end: 3 },
      { start: 4, end: 15 },
      { start: 4, end: 7 },
    ]);
  });
  it('leaves candidates of one span in their order', () => {
    const same = [
      { start: 2, end: 5, pattern: 9 },
      { start: 2, end: 5, pattern: 1 },
    ];
    expect(compareSpans(same[0]!, same[1]!)).toBe(0);
    expect([...same].sort(compareSpans).map((c) => c.pattern)).toEqual([9, 1]);
  });
});

describe('namingRecency', () => {
  it('is the offset of the latest full naming before the span', () => {
    expect(namingRecency(40, 3, 100)).toBe(40);
  });
  it('ranks a naming only later in the text below any earlier one, higher when nearer the top', () => {
    const near = namingRecency(undefined, 10, 100)!;
    const far = namingRecency(undefined, 90, 100)!;
    expect(near).toBeLessThan(0);
    expect(near).toBeGreaterThan(far);
    expect(far).toBeLessThan(namingRecency(0, undefined, 100)!);
  });
  it('is undefined when the entity is not named at all', () => {
    expect(namingRecency(undefined, undefined, 100)).toBeUndefined();
  });
});

describe('outranks', () => {
  it('takes an empty span', () => {
    expect(outranks(plain, undefined)).toBe(true);
    expect(outranks(short(-1.5), undefined)).toBe(true);
  });
  it('a short form of the entity named more recently takes the span from another', () => {
    expect(outranks(short(50), short(10))).toBe(true);
    expect(outranks(short(10), short(50))).toBe(false);
    expect(outranks(short(10), short(10))).toBe(false); // a tie keeps the first
  });
  it('a plain name holds its span against anything after it', () => {
    expect(outranks(short(1e9), plain)).toBe(false);
    expect(outranks(plain, plain)).toBe(false);
  });
  it('a plain name never takes a span a short form holds', () => {
    expect(outranks(plain, short(10))).toBe(false);
  });
  it('folded over a span in order: the first plain name, else the most recently named short form', () => {
    expect(winner([plain, short(80)])).toBe(0);
    expect(winner([short(10), short(80), short(30)])).toBe(1);
    expect(winner([short(10), plain, short(80)])).toBe(2);
  });
});
