// src/engine/hit-rules.ts alone: the rules combined on one hit, per pattern.
import { describe, expect, it } from 'vitest';
import { CASE_EXACT, NEEDS_PRIOR, NO_SENTENCE_START, type DictPattern } from '../../src/engine/dictionary';
import { passesHitRules, preparePatterns } from '../../src/engine/hit-rules';

const pattern = (p: Partial<DictPattern> & { text: string }) => preparePatterns([{ entity: 0, case: CASE_EXACT, flags: 0, ...p }])[0]!;
const hit = (p: ReturnType<typeof pattern>, text: string, word = p.text) => {
  const s = text.lastIndexOf(word);
  return passesHitRules(p, text, s, s + word.length);
};

describe('preparePatterns', () => {
  it('canonicalises the alias and marks a one-word short form as a surname', () => {
    const [hunt, mrHunt, kings] = preparePatterns([
      { text: 'Hunt', entity: 0, case: CASE_EXACT, flags: NEEDS_PRIOR },
      { text: 'Mr Hunt', entity: 0, case: CASE_EXACT, flags: NEEDS_PRIOR },
      { text: 'King’s\u00a0Fund', entity: 1, case: CASE_EXACT, flags: 0, notFollowedBy: ['report'] },
    ]);
    expect(hunt!.surname).toBe(true);
    expect(mrHunt!.surname).toBe(false);
    expect(kings!.surname).toBe(false);
    expect(kings!.text).toBe("King's Fund");
    expect(kings!.notFollowed).toEqual(new Set(['report']));
    expect(kings!.notPreceded).toBeNull();
  });
});

describe('passesHitRules', () => {
  it('passes a hit that breaks no rule', () => {
    expect(hit(pattern({ text: 'NHS' }), 'the NHS said')).toBe(true);
  });
  it('fails a hit inside a word, or in the wrong case', () => {
    expect(hit(pattern({ text: 'NHS' }), 'the NHSX said', 'NHS')).toBe(false);
    expect(hit(pattern({ text: 'NICE' }), 'a nice day', 'nice')).toBe(false);
  });
  it('fails a NO_SENTENCE_START alias at a sentence’s start only', () => {
    const monitor = pattern({ text: 'Monitor', flags: NO_SENTENCE_START });
    expect(hit(monitor, 'Done. Monitor the data')).toBe(false);
    expect(hit(monitor, 'such as Monitor agreed')).toBe(true);
    expect(hit(pattern({ text: 'Monitor' }), 'Done. Monitor the data')).toBe(true);
  });
  it('fails a hit before a notFollowedBy word or after a notPrecededBy word', () => {
    const improvement = pattern({ text: 'NHS Improvement', notFollowedBy: ['fund'] });
    expect(hit(improvement, 'the NHS Improvement fund')).toBe(false);
    expect(hit(improvement, 'the NHS Improvement board')).toBe(true);
    const fund = pattern({ text: 'Fund', flags: NEEDS_PRIOR, notPrecededBy: ['Commonwealth'] });
    expect(hit(fund, 'the Commonwealth Fund')).toBe(false);
    expect(hit(fund, 'the Fund')).toBe(true);
  });
  it('fails a surname inside another person’s name, and only a surname', () => {
    const hunt = pattern({ text: 'Hunt', flags: NEEDS_PRIOR });
    expect(hit(hunt, 'Tristram Hunt')).toBe(false);
    expect(hit(hunt, 'Mr Hunt')).toBe(true);
    expect(hit(pattern({ text: 'Hunt' }), 'Tristram Hunt')).toBe(true);
  });
});
