// src/engine/acronyms.ts alone: definitions a text makes, the short form's uses, and the learning pass.
import { describe, expect, it } from 'vitest';
import { bestLongForm, findAcronymDefinitions, findShortFormUses, learnedAcronyms, longFormNames } from '../../src/engine/acronyms';
import { CASE_EXACT, CLASS_TRIGGER, type DictEntity, type DictPattern } from '../../src/engine/dictionary';
import type { Match } from '../../src/engine/match';

describe('findAcronymDefinitions', () => {
  it('finds a long form and its short form in brackets, a plural short form included', () => {
    const text = 'Each Local Health and Care Record Exemplar (LHCRE) will share records.';
    expect(findAcronymDefinitions(text)).toEqual([
      {
        short: 'LHCRE',
        long: 'Local Health and Care Record Exemplar',
        longStart: 5,
        longEnd: 42,
        shortStart: 44,
        shortEnd: 49,
      },
    ]);
    expect(findAcronymDefinitions('All integrated care boards (ICBs) met.')[0]).toMatchObject({
      short: 'ICB',
      long: 'integrated care boards',
    });
  });
  it('finds nothing in brackets that are no short form, or whose letters the words before do not spell', () => {
    expect(findAcronymDefinitions('The board (which met) agreed.')).toEqual([]);
    expect(findAcronymDefinitions('The board met (2019) and agreed.')).toEqual([]);
    expect(findAcronymDefinitions('The board met on Monday (XYZ).')).toEqual([]);
  });
  it('bestLongForm matches the short form’s letters right to left', () => {
    expect(bestLongForm('STP', 'all sustainability and transformation plans')).toBe('sustainability and transformation plans');
    expect(bestLongForm('QQ', 'no such words')).toBeNull();
  });
});

describe('findShortFormUses', () => {
  it('finds case-exact uses from an offset on, plurals included, on word boundaries', () => {
    const text = 'ICB. The ICBs and an ICB, not xICB, ICBx or icb.';
    expect(findShortFormUses(text, 'ICB', 1).map(([s, e]) => text.slice(s, e))).toEqual(['ICBs', 'ICB']);
    expect(findShortFormUses(text, 'ICB', 0)).toHaveLength(3);
  });
});

describe('longFormNames', () => {
  it('holds when the long form is the entity’s name or an alias, singular or plural', () => {
    expect(longFormNames('clinical commissioning groups', 'clinical commissioning group', undefined)).toBe(true);
    expect(longFormNames('Care Quality Commission', 'CQC', ['cqc', 'care quality commission'])).toBe(true);
  });
  it('does not hold for other words', () => {
    expect(longFormNames('Clinical Quality Committee', 'CQC', ['cqc', 'care quality commission'])).toBe(false);
  });
});

describe('learnedAcronyms', () => {
  const entities: DictEntity[] = [
    { id: 'ccg', name: 'clinical commissioning group', kind: 'body' },
    { id: 'ics', name: 'ICS', kind: 'body' },
  ];
  const patterns: DictPattern[] = [
    { text: 'CCG', entity: 0, case: CASE_EXACT, flags: 0 },
    { text: 'Integrated Care System', entity: 1, case: CASE_EXACT, flags: CLASS_TRIGGER },
  ];
  const learn = learnedAcronyms(patterns, entities);
  const m = (text: string, word: string, id: string, from = 0): Match => {
    const start = text.indexOf(word, from);
    return { start, end: start + word.length, text: word, id, name: id, kind: 'body' };
  };

  it('leaves the matches alone in a text that defines nothing', () => {
    const ms = [m('the CCG met', 'CCG', 'ccg')];
    expect(learn('the CCG met', ms)).toBe(ms);
  });
  it('links later uses to a term learned from the text', () => {
    const text = 'Each Local Health and Care Record Exemplar (LHCRE) shares. Two LHCREs went live.';
    expect(learn(text, []).map((x) => [x.text, x.id, x.name, x.learned])).toEqual([
      ['LHCRE', 'learned:LHCRE', 'Local Health and Care Record Exemplar', true],
      ['LHCREs', 'learned:LHCRE', 'Local Health and Care Record Exemplar', true],
    ]);
  });
  it('links later uses to what the long form was matched as', () => {
    const text = 'The Care Quality Commission (CQC) inspects. The CQC said.';
    const cqc = { ...m(text, 'Care Quality Commission', 'cqc'), name: 'Care Quality Commission' };
    expect(learn(text, [cqc]).map((x) => [x.text, x.id])).toEqual([
      ['Care Quality Commission', 'cqc'],
      ['CQC', 'cqc'],
      ['CQC', 'cqc'],
    ]);
  });
  it('keeps the KB’s reading when the text defines it the same way; a different definition overrides it from there on', () => {
    const same = 'Local clinical commissioning groups (CCGs) commission. A CCG agrees.';
    const kbSame = [m(same, 'CCGs', 'ccg'), m(same, 'CCG', 'ccg', same.indexOf('A CCG'))];
    expect(learn(same, kbSame)).toBe(kbSame);
    const other = 'The CCG met. Each Clinical Care Group (CCG) is new. The CCG met.';
    const kbOther = [
      m(other, 'CCG', 'ccg'),
      m(other, 'CCG', 'ccg', other.indexOf('(') + 1),
      m(other, 'CCG', 'ccg', other.lastIndexOf('CCG')),
    ];
    expect(learn(other, kbOther).map((x) => x.id)).toEqual(['ccg', 'learned:CCG', 'learned:CCG']);
  });
  it('compares a definition with the entity’s own aliases, not with class endings', () => {
    const text = 'An Integrated Care System (ICS) plans.';
    const kb = [m(text, 'ICS', 'ics')];
    expect(learn(text, kb).map((x) => x.id)).toEqual(['learned:ICS']);
    const withAlias = learnedAcronyms([...patterns, { text: 'Integrated Care System', entity: 1, case: CASE_EXACT, flags: 0 }], entities);
    expect(withAlias(text, kb)).toBe(kb);
  });
});
