// The assembled engine (engine.ts) on a small hand-written dictionary: matching mechanics independent of the curated KB. The rules alone: engine-<module>.test.ts.
import { describe, expect, it } from 'vitest';
import {
  CASE_ANY,
  CASE_EXACT,
  CASE_FIRST,
  NEEDS_PRIOR,
  NOT_THIS_ROLE,
  NO_SENTENCE_START,
  type Dictionary,
} from '../../src/engine/dictionary';
import { compileDictionaryAutomaton, createEngine } from '../../src/engine/engine';

const dict: Dictionary = {
  version: 'test',
  entities: [
    { id: 'nhs', name: 'NHS', kind: 'body' }, // 0
    { id: 'nhs-england', name: 'NHS England', kind: 'body' }, // 1
    { id: 'jeremy-hunt', name: 'Jeremy Hunt', kind: 'person' }, // 2
    { id: 'health-secretary', name: 'Health Secretary', kind: 'role' }, // 3
    { id: 'andrew-lansley', name: 'Andrew Lansley', kind: 'person' }, // 4
    { id: 'ccg', name: 'clinical commissioning group', kind: 'body' }, // 5
    { id: 'monitor', name: 'Monitor', kind: 'body' }, // 6
    { id: 'special-measures', name: 'special measures', kind: 'term' }, // 7
    { id: 'kings-fund', name: "The King's Fund", kind: 'body' }, // 8
    { id: 'alan-johnson', name: 'Alan Johnson', kind: 'person' }, // 9
    { id: 'boris-johnson', name: 'Boris Johnson', kind: 'person' }, // 10
    { id: 'matt-hancock', name: 'Matt Hancock', kind: 'person' }, // 11
    { id: 'nhs-improvement', name: 'NHS Improvement', kind: 'body' }, // 12
  ],
  patterns: [
    { text: 'NHS', entity: 0, case: CASE_EXACT, flags: 0 },
    { text: 'NHS England', entity: 1, case: CASE_EXACT, flags: 0 },
    { text: 'Jeremy Hunt', entity: 2, case: CASE_EXACT, flags: 0 },
    { text: 'Hunt', entity: 2, case: CASE_EXACT, flags: NEEDS_PRIOR },
    { text: 'Mr Hunt', entity: 2, case: CASE_EXACT, flags: NEEDS_PRIOR },
    { text: 'health secretary', entity: 3, case: CASE_ANY, flags: 0 },
    { text: 'shadow health secretary', entity: 3, case: CASE_ANY, flags: NOT_THIS_ROLE },
    { text: 'Andrew Lansley', entity: 4, case: CASE_EXACT, flags: 0 },
    { text: 'CCG', entity: 5, case: CASE_EXACT, flags: 0 },
    { text: 'CCGs', entity: 5, case: CASE_EXACT, flags: 0 },
    { text: 'Monitor', entity: 6, case: CASE_EXACT, flags: NO_SENTENCE_START },
    { text: 'special measures', entity: 7, case: CASE_FIRST, flags: 0 },
    { text: "King's Fund", entity: 8, case: CASE_EXACT, flags: 0 },
    { text: 'Fund', entity: 8, case: CASE_EXACT, flags: NEEDS_PRIOR, notPrecededBy: ['Commonwealth'] },
    { text: 'Alan Johnson', entity: 9, case: CASE_EXACT, flags: 0 },
    { text: 'Johnson', entity: 9, case: CASE_EXACT, flags: NEEDS_PRIOR },
    { text: 'Boris Johnson', entity: 10, case: CASE_EXACT, flags: 0 },
    { text: 'Johnson', entity: 10, case: CASE_EXACT, flags: NEEDS_PRIOR },
    { text: 'Matt Hancock', entity: 11, case: CASE_EXACT, flags: 0 },
    { text: 'NHS Improvement', entity: 12, case: CASE_EXACT, flags: 0, notFollowedBy: ['fund', 'Fund'] },
  ],
  holders: [
    { role: 3, person: 4, start: '2010-05-12', end: '2012-09-04' },
    { role: 3, person: 2, start: '2012-09-04', end: '2018-07-09' },
    { role: 3, person: 11, start: '2018-07-09', end: null },
  ],
};
const engine = createEngine(dict);
const ids = (text: string, date = '2015-06-01') => engine.annotate(text, { date }).map((m) => [m.text, m.id]);

describe('matching mechanics', () => {
  it('prefers the longest match', () => {
    expect(ids('NHS England and the NHS')).toEqual([
      ['NHS England', 'nhs-england'],
      ['NHS', 'nhs'],
    ]);
  });
  it('respects word boundaries', () => {
    expect(ids('NHSX and BNHS and CCGx')).toEqual([]);
  });
  it('handles curly apostrophes, possessives and plurals', () => {
    expect(ids('The King’s Fund said the NHS’s CCGs and the CCG’s board')).toEqual([
      ['King’s Fund', 'kings-fund'],
      ['NHS', 'nhs'],
      ['CCGs', 'ccg'],
      ['CCG', 'ccg'],
    ]);
  });
  it('matches names across line breaks, non-breaking spaces and soft hyphens', () => {
    expect(ids('Jeremy\n  Hunt, Jeremy\u00a0Hunt, Jer\u00admy Hunt'.replace('Jer\u00admy', 'Jere\u00admy'))).toEqual([
      ['Jeremy\n  Hunt', 'jeremy-hunt'],
      ['Jeremy\u00a0Hunt', 'jeremy-hunt'],
      ['Jere\u00admy Hunt', 'jeremy-hunt'],
    ]);
  });
  it('reads an invisible character as not there, so it never makes a word boundary', () => {
    // Rendered, "the\u00adNHS" is "theNHS" and "NHS\u200btrust" is "NHStrust": one word each.
    expect(ids('the\u00adNHS, NHS\u200btrusts, x\u200bCCG, and the \u00adNHS')).toEqual([['NHS', 'nhs']]);
    expect(ids('the \u00adNHS')).toEqual([['NHS', 'nhs']]);
  });
  it('finds names at word starts only, whatever the word around them', () => {
    // Words that start a pattern ("NHS", "health") and words that only resemble one.
    expect(ids('NHSEngland, Jeremyhunt, health secretaryship, a health secretary, xNHS England')).toEqual([
      ['health secretary', 'jeremy-hunt'],
    ]);
    // (Lower case before NHS: a capitalised word before it would make a longer name, see traps.)
    expect(ids('ünïcödé NHS; 1NHS; Ω-NHS; é NHS England')).toEqual([
      ['NHS', 'nhs'],
      ['NHS', 'nhs'],
      ['NHS England', 'nhs-england'],
    ]);
  });
  it('gives UTF-16 offsets into the original text', () => {
    const text = '😀 “Jeremy Hunt” 😀 NHS';
    for (const m of engine.annotate(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
  it('honours case modes', () => {
    expect(ids('Special measures and special measures, not SPECIAL MEASURES; nhs is not NHS')).toEqual([
      ['Special measures', 'special-measures'],
      ['special measures', 'special-measures'],
      ['NHS', 'nhs'],
    ]);
  });
});

describe('precision rules', () => {
  it('links a surname only where the same text names the person in full', () => {
    expect(ids('Mr Hunt said. Hunt left.')).toEqual([]);
    // A live blog runs newest first: the full name may come further down the page.
    expect(ids('Mr Hunt said. Then Jeremy Hunt spoke, and Hunt left.')).toEqual([
      ['Mr Hunt', 'jeremy-hunt'],
      ['Jeremy Hunt', 'jeremy-hunt'],
      ['Hunt', 'jeremy-hunt'],
    ]);
  });
  it('links a surname in added text when the page around it named the person', () => {
    expect(engine.annotate('Mr Hunt replied.', { date: '2015-06-01', known: new Set(['jeremy-hunt']) }).map((m) => m.id)).toEqual([
      'jeremy-hunt',
    ]);
    expect(engine.annotate('Mr Hunt replied.', { date: '2015-06-01', known: new Set(['nhs']) })).toEqual([]);
  });
  it('never takes the verb or a different Hunt', () => {
    expect(ids('Jeremy Hunt arrived. Jeremy hunts for votes; the hunt is on; Tristram Hunt spoke.')).toEqual([
      ['Jeremy Hunt', 'jeremy-hunt'],
    ]);
  });
  it('keeps Monitor the regulator off sentence starts and off the verb', () => {
    expect(ids('Monitor the patients. Trusts monitor costs. Regulators such as Monitor agreed.')).toEqual([['Monitor', 'monitor']]);
  });
  it('reads "the Fund" only after the King’s Fund, and never the Commonwealth Fund', () => {
    expect(ids('The Fund said. The Commonwealth Fund said.')).toEqual([]);
    expect(ids("The King's Fund said. The Fund agreed. The Commonwealth Fund did not.")).toEqual([
      ["King's Fund", 'kings-fund'],
      ['Fund', 'kings-fund'],
    ]);
  });
  it('does not read NHS Improvement into an "NHS Improvement fund"', () => {
    // "NHS Improvement fund" is a longer name of its own: neither NHS Improvement nor the NHS.
    expect(ids('the NHS Improvement fund and NHS Improvement itself')).toEqual([['NHS Improvement', 'nhs-improvement']]);
  });
  it('resolves a shared surname to the person named most recently', () => {
    expect(ids('Alan Johnson and Boris Johnson met. Johnson spoke.')).toEqual([
      ['Alan Johnson', 'alan-johnson'],
      ['Boris Johnson', 'boris-johnson'],
      ['Johnson', 'boris-johnson'],
    ]);
    expect(ids('Johnson spoke first. Later Alan Johnson met Boris Johnson.')[0]).toEqual(['Johnson', 'alan-johnson']);
  });
});

describe('roles', () => {
  it('resolves a role phrase at the text’s date', () => {
    expect(engine.annotate('The health secretary spoke.', { date: '2015-03-01' })[0]).toMatchObject({
      id: 'jeremy-hunt',
      kind: 'role',
      role: 'health-secretary',
    });
    expect(engine.annotate('The Health Secretary spoke.', { date: '2011-03-01' })[0]).toMatchObject({ id: 'andrew-lansley', kind: 'role' });
    expect(engine.annotate('The Health Secretary spoke.', { date: '2009-03-01' })).toEqual([]);
  });
  it('counts a resolved role as a full mention for the surname', () => {
    expect(ids('The health secretary spoke. Mr Hunt left.')).toEqual([
      ['health secretary', 'jeremy-hunt'],
      ['Mr Hunt', 'jeremy-hunt'],
    ]);
  });
  it('does not resolve other roles that contain the phrase', () => {
    expect(ids('The shadow health secretary replied.')).toEqual([]);
  });
  it('takes the name that follows a role phrase', () => {
    expect(ids('Health Secretary Matt Hancock said', '2015-01-01')).toEqual([
      ['Health Secretary', 'matt-hancock'],
      ['Matt Hancock', 'matt-hancock'],
    ]);
    expect(ids('Shadow Health Secretary Andrew Lansley said')).toEqual([['Andrew Lansley', 'andrew-lansley']]);
  });
});

describe('acronyms defined in the text', () => {
  it('learns a definition and marks each later use', () => {
    const ms = engine.annotate(
      'Each Local Health and Care Record Exemplar (LHCRE) will share records. Two LHCREs went live; the LHCRE board met.',
    );
    expect(ms.map((m) => [m.text, m.id, m.name])).toEqual([
      ['LHCRE', 'learned:LHCRE', 'Local Health and Care Record Exemplar'],
      ['LHCREs', 'learned:LHCRE', 'Local Health and Care Record Exemplar'],
      ['LHCRE', 'learned:LHCRE', 'Local Health and Care Record Exemplar'],
    ]);
  });
  it('learns plural definitions', () => {
    const ms = engine.annotate('All sustainability and transformation plans (STPs) are due. Each STP is local.');
    expect(ms.map((m) => [m.text, m.name])).toEqual([
      ['STPs', 'sustainability and transformation plans'],
      ['STP', 'sustainability and transformation plans'],
    ]);
  });
  it('keeps the KB entity when the text defines it the same way', () => {
    const ms = engine.annotate('Local clinical commissioning groups (CCGs) commission care. CCGs agree.');
    expect(ms.every((m) => m.id === 'ccg')).toBe(true);
  });
});

describe('reading in pieces', () => {
  it('finds the same mentions as one pass, names across piece boundaries included', async () => {
    const text = 'Jeremy Hunt met NHS England. Mr Hunt and the CCGs. '.repeat(50);
    const whole = engine.annotate(text, { date: '2015-06-01' });
    for (const piece of [7, 64, 1000]) {
      let pauses = 0;
      const pieces = await engine.annotateInPieces(text, { date: '2015-06-01' }, async () => void pauses++, piece);
      expect(pieces).toEqual(whole);
      expect(pauses).toBe(Math.ceil(text.length / piece)); // between pieces, and before the rules
    }
  });
});

describe('the automaton compiled ahead of time', () => {
  const texts = [
    'Jeremy Hunt met NHS England. Mr Hunt and the CCGs; health secretary Hunt; The King’s Fund.',
    'Monitor and NHS Improvement fund; special measures; Boris Johnson, Johnson.',
  ];
  it('finds what an automaton compiled on the page finds', () => {
    const compiled = compileDictionaryAutomaton(dict.patterns);
    // Plain data: it survives a message or a database as JSON does.
    const shipped = createEngine({ ...dict, automaton: JSON.parse(JSON.stringify(compiled)) });
    for (const text of texts) expect(shipped.annotate(text, { date: '2015-06-01' })).toEqual(engine.annotate(text, { date: '2015-06-01' }));
  });
  it('compiles afresh from the patterns when the compiled data is damaged, of another format, or for other patterns', () => {
    const good = compileDictionaryAutomaton(dict.patterns);
    const damaged = [
      { ...good, edges: good.edges.slice(0, 12) },
      { ...good, edges: 'not base64!' },
      { ...good, ends: good.ends.map(() => 99_999) },
      { ...good, units: [65, 9999] },
      { ...good, format: good.format + 1 },
      compileDictionaryAutomaton(dict.patterns.slice(1)),
    ];
    for (const automaton of damaged)
      for (const text of texts)
        expect(createEngine({ ...dict, automaton }).annotate(text, { date: '2015-06-01' })).toEqual(
          engine.annotate(text, { date: '2015-06-01' }),
        );
  });
});
