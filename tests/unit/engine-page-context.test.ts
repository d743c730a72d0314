// src/engine/page-context.ts alone: whether a page is about health, and whether it is another country's.
import { describe, expect, it } from 'vitest';
import {
  AMBIGUOUS,
  CASE_EXACT,
  CLASS_TRIGGER,
  CONTEXT_WORD,
  NEEDS_PRIOR,
  type DictEntity,
  type DictPattern,
} from '../../src/engine/dictionary';
import { CONTEXT_ENTITIES, CONTEXT_WORDS, hasHealthContext, isForeignPage } from '../../src/engine/page-context';

const entities: DictEntity[] = [
  { id: 'nhs', name: 'NHS', kind: 'body' },
  { id: 'bma', name: 'BMA', kind: 'body' },
  { id: 'monitor', name: 'Monitor', kind: 'body' },
  { id: 'health-secretary', name: 'Health Secretary', kind: 'role' },
  { id: 'trust', name: 'NHS trust', kind: 'body' },
  { id: 'jeremy-hunt', name: 'Jeremy Hunt', kind: 'person' },
];
const p = (entity: number, flags = 0): DictPattern => ({ text: 'x', entity, case: CASE_EXACT, flags });
const patterns = [p(0), p(1), p(2, AMBIGUOUS), p(3), p(4, CLASS_TRIGGER), p(5, NEEDS_PRIOR), p(0, CONTEXT_WORD)];
const cands = (...ps: number[]) => ps.map((pattern) => ({ pattern }));
const health = (ps: number[], known?: Set<string>, words = 0) => hasHealthContext(cands(...ps), patterns, entities, known, words);

describe('hasHealthContext', () => {
  it(`holds with ${CONTEXT_ENTITIES} distinct unambiguous entities`, () => {
    expect(health([0, 1])).toBe(true);
  });
  it('does not count one entity twice, nor ambiguous names, class endings, short forms or roles', () => {
    expect(health([0, 0])).toBe(false);
    expect(health([0, 2, 3, 4, 5])).toBe(false);
  });
  it(`holds with ${CONTEXT_WORDS} health words, counted during the scan or among the candidates`, () => {
    expect(health([], undefined, CONTEXT_WORDS)).toBe(true);
    expect(health([6], undefined, 1)).toBe(true);
    expect(health([], undefined, 1)).toBe(false);
  });
  it('holds when the surrounding page already named enough entities', () => {
    expect(health([], new Set(['nhs', 'bma']))).toBe(true);
    expect(health([], new Set(['nhs']))).toBe(false);
  });
});

describe('isForeignPage', () => {
  it('holds for another English locale', () => {
    expect(isForeignPage('en-AU', 0, 5)).toBe(true);
    expect(isForeignPage('en_US', 0, 0)).toBe(true);
  });
  it('holds when other countries’ places outnumber the UK’s, at least twice', () => {
    expect(isForeignPage(null, 2, 1)).toBe(true);
    expect(isForeignPage('en-GB', 3, 0)).toBe(true);
  });
  it('does not hold for a British page, one foreign place, or as many UK places', () => {
    expect(isForeignPage('en-GB', 0, 0)).toBe(false);
    expect(isForeignPage(undefined, 1, 0)).toBe(false);
    expect(isForeignPage(null, 2, 2)).toBe(false);
  });
});
