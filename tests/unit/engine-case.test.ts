// src/engine/case.ts alone: a hit's letters against its alias's case mode.
import { describe, expect, it } from 'vitest';
import { caseMatches } from '../../src/engine/case';
import { CASE_ANY, CASE_EXACT, CASE_FIRST } from '../../src/engine/dictionary';

const whole = (alias: string, mode: 0 | 1 | 2, text: string) => caseMatches({ text: alias, case: mode }, text, 0, text.length);

describe('caseMatches', () => {
  it('CASE_EXACT: only the letters as listed', () => {
    expect(whole('NICE', CASE_EXACT, 'NICE')).toBe(true);
    expect(whole('NICE', CASE_EXACT, 'Nice')).toBe(false);
    expect(whole('NICE', CASE_EXACT, 'nice')).toBe(false);
  });
  it('CASE_FIRST: the first letter either case, the rest as listed', () => {
    expect(whole('special measures', CASE_FIRST, 'Special measures')).toBe(true);
    expect(whole('special measures', CASE_FIRST, 'special measures')).toBe(true);
    expect(whole('special measures', CASE_FIRST, 'special Measures')).toBe(false);
    expect(whole('special measures', CASE_FIRST, 'SPECIAL MEASURES')).toBe(false);
  });
  it('CASE_ANY: any case', () => {
    expect(whole('health secretary', CASE_ANY, 'HEALTH Secretary')).toBe(true);
  });
  it('compares canonical text: white space runs, curly apostrophes and invisible characters fold', () => {
    expect(whole('Jeremy Hunt', CASE_EXACT, 'Jeremy\n  Hunt')).toBe(true);
    expect(whole("King's Fund", CASE_EXACT, 'King’s Fund')).toBe(true);
    expect(whole('Jeremy Hunt', CASE_EXACT, 'Jere\u00admy Hunt')).toBe(true);
    expect(whole('Jeremy Hunt', CASE_EXACT, 'Jeremy\n  hunt')).toBe(false);
  });
  it('reads only [start, end)', () => {
    expect(caseMatches({ text: 'NHS', case: CASE_EXACT }, 'the NHS said', 4, 7)).toBe(true);
    expect(caseMatches({ text: 'NHS', case: CASE_EXACT }, 'the nhs said', 4, 7)).toBe(false);
  });
});
