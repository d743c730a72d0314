// src/engine/boundaries.ts alone: word boundaries and sentence starts.
import { describe, expect, it } from 'vitest';
import { atSentenceStart, onWordBoundaries } from '../../src/engine/boundaries';

/** [start, end) of `word` in `text` (its first occurrence after `from`). */
const at = (text: string, word: string, from = 0): [number, number] => {
  const s = text.indexOf(word, from);
  return [s, s + word.length];
};

describe('onWordBoundaries', () => {
  it('accepts a hit with no letter or digit either side', () => {
    expect(onWordBoundaries('the NHS.', ...at('the NHS.', 'NHS'))).toBe(true);
    expect(onWordBoundaries('NHS', 0, 3)).toBe(true);
    expect(onWordBoundaries('(NHS)', 1, 4)).toBe(true);
    expect(onWordBoundaries('Ω-NHS', ...at('Ω-NHS', 'NHS'))).toBe(true);
  });
  it('rejects a hit inside a word, at either end', () => {
    expect(onWordBoundaries('BNHS', 1, 4)).toBe(false);
    expect(onWordBoundaries('NHSX', 0, 3)).toBe(false);
    expect(onWordBoundaries('1NHS', 1, 4)).toBe(false);
    expect(onWordBoundaries('éNHS', 1, 4)).toBe(false);
  });
  it('reads invisible characters as not there: a soft hyphen or zero-width space joins words', () => {
    expect(onWordBoundaries('the\u00adNHS', 4, 7)).toBe(false);
    expect(onWordBoundaries('NHS\u200btrust', 0, 3)).toBe(false);
    expect(onWordBoundaries('the \u00adNHS', 5, 8)).toBe(true);
  });
  it('accepts a hit that starts or ends on punctuation whatever is next to it', () => {
    // Only a word character at the hit's own edge needs a boundary.
    expect(onWordBoundaries("x'NHS", 1, 5)).toBe(true);
  });
});

describe('atSentenceStart', () => {
  it('is true at the text’s start, after a full stop, a colon, a line or block break or a bullet', () => {
    expect(atSentenceStart('Monitor said', 0)).toBe(true);
    expect(atSentenceStart('Done. Monitor said', 6)).toBe(true);
    expect(atSentenceStart('Asked why? Monitor said', 11)).toBe(true);
    expect(atSentenceStart('Note: Monitor said', 6)).toBe(true);
    expect(atSentenceStart('a heading\nMonitor said', 10)).toBe(true);
    expect(atSentenceStart('a\u2029Monitor', 2)).toBe(true);
    expect(atSentenceStart('• Monitor', 2)).toBe(true);
  });
  it('looks through opening quotes and brackets', () => {
    expect(atSentenceStart('He left. “Monitor said', 10)).toBe(true);
    expect(atSentenceStart('He left. (Monitor', 10)).toBe(true);
  });
  it('is false inside a sentence', () => {
    expect(atSentenceStart('Regulators such as Monitor agreed', 19)).toBe(false);
    expect(atSentenceStart('answered to “Monitor”', 13)).toBe(false);
    expect(atSentenceStart('trusts, Monitor', 8)).toBe(false);
  });
});
