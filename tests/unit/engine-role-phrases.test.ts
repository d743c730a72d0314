// src/engine/role-phrases.ts alone: holders at a date, the body inside a role phrase, the person beside it.
import { describe, expect, it } from 'vitest';
import { CASE_EXACT, NEEDS_PRIOR, type DictEntity, type DictHolder, type DictPattern } from '../../src/engine/dictionary';
import { namedPersonAfter, previousHolder, resolveHolder, splitBody } from '../../src/engine/role-phrases';
import type { Candidate } from '../../src/engine/selection-order';

const entities: DictEntity[] = [
  { id: 'health-secretary', name: 'Health Secretary', kind: 'role' }, // 0
  { id: 'andrew-lansley', name: 'Andrew Lansley', kind: 'person', party: 'conservative' }, // 1
  { id: 'jeremy-hunt', name: 'Jeremy Hunt', kind: 'person', party: 'conservative' }, // 2
  { id: 'alan-johnson', name: 'Alan Johnson', kind: 'person', party: 'labour' }, // 3
  { id: 'nhs-england', name: 'NHS England', kind: 'body' }, // 4
  { id: 'chief-executive', name: 'chief executive', kind: 'role' }, // 5
];
const holders: DictHolder[] = [
  { role: 0, person: 3, start: '2009-06-05', end: '2010-05-11' },
  { role: 0, person: 1, start: '2010-05-12', end: '2012-09-04' },
  { role: 0, person: 2, start: '2012-09-04', end: null },
];
const p = (entity: number, flags = 0): DictPattern => ({ text: 'x', entity, case: CASE_EXACT, flags });
// 0 the role phrase, 1 a body, 2 a person's full name, 3 a surname alone.
const patterns = [p(5), p(4), p(2), p(2, NEEDS_PRIOR)];
const cand = (text: string, word: string, pattern: number): Candidate => {
  const start = text.indexOf(word);
  return { pattern, start, end: start + word.length };
};

describe('resolveHolder', () => {
  it('finds the holder at the date, start inclusive, end exclusive', () => {
    expect(resolveHolder(holders, 0, '2011-01-01')?.person).toBe(1);
    expect(resolveHolder(holders, 0, '2012-09-04')?.person).toBe(2);
    expect(resolveHolder(holders, 0, '2030-01-01')?.person).toBe(2);
  });
  it('finds no one before the first holder or for another role', () => {
    expect(resolveHolder(holders, 0, '2000-01-01')).toBeUndefined();
    expect(resolveHolder(holders, 5, '2011-01-01')).toBeUndefined();
  });
});

describe('previousHolder', () => {
  it('finds the holder whose term ended last by the date, of the party if given', () => {
    expect(previousHolder(holders, entities, 0, '2015-01-01', undefined)?.person).toBe(1);
    expect(previousHolder(holders, entities, 0, '2015-01-01', 'labour')?.person).toBe(3);
  });
  it('finds no one when no term had ended by then, or none of that party', () => {
    expect(previousHolder(holders, entities, 0, '2010-01-01', undefined)).toBeUndefined();
    expect(previousHolder(holders, entities, 0, '2015-01-01', 'green')).toBeUndefined();
  });
});

describe('splitBody', () => {
  it('splits a body at the phrase’s start off the role’s words', () => {
    const text = "NHS England's chief executive said";
    const role = { start: 0, end: text.indexOf(' said') };
    const cands = [cand(text, 'NHS England', 1), { ...role, pattern: 0 }];
    expect(splitBody(text, cands, 2, role, patterns, entities)).toEqual([
      { start: 0, end: 11, body: 4 },
      { start: text.indexOf('chief'), end: role.end },
    ]);
  });
  it('splits a body at the phrase’s end, "of" or "at" left out', () => {
    const text = 'chief executive of NHS England';
    const role = { start: 0, end: text.length };
    const cands = [{ ...role, pattern: 0 }, cand(text, 'NHS England', 1)];
    expect(splitBody(text, cands, 1, role, patterns, entities)).toEqual([
      { start: 0, end: 'chief executive'.length },
      { start: text.indexOf('NHS'), end: text.length, body: 4 },
    ]);
  });
  it('gives null when no body is inside the phrase', () => {
    const text = 'chief executive of NHS England';
    const role = { start: 0, end: 'chief executive'.length };
    const cands = [{ ...role, pattern: 0 }, cand(text, 'NHS England', 1), cand(text, 'executive', 2)];
    expect(splitBody(text, cands, 1, role, patterns, entities)).toBeNull();
  });
});

describe('namedPersonAfter', () => {
  const after = (text: string, phrase: string, name: string, pattern = 2) => {
    const end = text.indexOf(phrase) + phrase.length;
    return namedPersonAfter(text, [cand(text, name, pattern)], 0, end, patterns, entities);
  };
  it('finds a full name right after the phrase, or set off by commas', () => {
    expect(after('Health Secretary Jeremy Hunt said', 'Secretary', 'Jeremy Hunt')).toBe(2);
    expect(after('the health secretary, Jeremy Hunt, said', 'secretary', 'Jeremy Hunt')).toBe(2);
    expect(after('the health secretary, Jeremy Hunt', 'secretary', 'Jeremy Hunt')).toBe(2);
  });
  it('finds no one across a clause, after a comma not closed, or for a surname alone', () => {
    expect(after('the health secretary met Jeremy Hunt', 'secretary', 'Jeremy Hunt')).toBeUndefined();
    expect(after('the health secretary, Jeremy Hunt said', 'secretary', 'Jeremy Hunt')).toBeUndefined();
    expect(after('Health Secretary Jeremy Hunt said', 'Secretary', 'Jeremy Hunt', 3)).toBeUndefined();
  });
});
