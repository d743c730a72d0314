import { describe, expect, it } from 'vitest';
import { packSpans, unpackSpans } from '../../src/shared/span-codec';

describe('the packed spans of a page:match reply', () => {
  it('round-trips matches of any size and position, in JSON-safe ASCII', () => {
    const triples: number[] = [];
    let start = 0;
    // A seeded walk: short and long gaps, lengths and descriptor indexes, up to a 16 M character page.
    let x = 7;
    const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x);
    for (let i = 0; i < 5000; i++) {
      start += next() % (i % 50 === 0 ? 200_000 : 300);
      triples.push(start, start + 1 + (next() % 120), next() % (i % 7 === 0 ? 70_000 : 40));
    }
    triples.push(15_999_000, 16_000_000, 0);
    const packed = packSpans(triples);
    expect(packed).toMatch(/^[0-O`-\x7f]+$/);
    expect(JSON.parse(JSON.stringify(packed))).toBe(packed);
    expect([...unpackSpans(packed)]).toEqual(triples);
    expect(packed.length).toBeLessThan(triples.length * 2); // most numbers take one character
  });

  it('packs nothing as the empty string, and a match at the very start', () => {
    expect(packSpans([])).toBe('');
    expect([...unpackSpans('')]).toEqual([]);
    expect(packSpans([0, 3, 0])).toBe('030');
    // 31 fits one digit ('O'); 32 takes two: 1 then 0 ('a', '0').
    expect(packSpans([31, 63, 32])).toBe('Oa0a0');
    expect([...unpackSpans(packSpans([31, 63, 32]))]).toEqual([31, 63, 32]);
  });

  it('refuses matches out of order, and says what is wrong with a string it did not pack', () => {
    expect(() => packSpans([10, 12, 0, 5, 8, 0])).toThrow(/match 1 starts at 5, before the one before it \(10\)/);
    expect(() => unpackSpans('43"')).toThrow(/character 2 \("\\""\) is not part of a packed span/);
    expect(() => unpackSpans('43a')).toThrow(/the last number is cut short/);
    expect(() => unpackSpans('43')).toThrow(/its 2 numbers are not triples/);
  });
});
