// npm run kb:propose: what two made-up articles (one text, one HTML) name that a small KB
// does not know, ranked, each with the first sentence it came from.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { propose } from '../../src/cli/propose';
import { sentences } from '../../src/cli/propose-sentences';
import { CASE_ANY, CASE_EXACT, NEEDS_PRIOR, type Dictionary } from '../../src/engine/dictionary';
import type { KbBundle } from '../../src/kb/bundle';

const FIXTURES = path.resolve(__dirname, '../fixtures/propose');
const read = (f: string) => ({ file: f, source: fs.readFileSync(path.join(FIXTURES, f), 'utf8') });

// A KB that knows Jeremy Hunt, the health secretary, the CQC and one pledge's words.
const dictionary: Dictionary = {
  version: 'test',
  entities: [
    { id: 'jeremy-hunt', name: 'Jeremy Hunt', kind: 'person' },
    { id: 'health-secretary', name: 'Health secretary', kind: 'role' },
    { id: 'cqc', name: 'Care Quality Commission', kind: 'body' },
  ],
  patterns: [
    { text: 'Jeremy Hunt', entity: 0, case: CASE_EXACT, flags: 0 },
    { text: 'Hunt', entity: 0, case: CASE_EXACT, flags: NEEDS_PRIOR },
    { text: 'health secretary', entity: 1, case: CASE_ANY, flags: 0 },
    { text: 'CQC', entity: 2, case: CASE_EXACT, flags: 0 },
  ],
  holders: [{ role: 1, person: 0, start: '2012-09-04', end: '2018-07-09' }],
};
const bundle = {
  dictionary,
  pledges: [
    {
      words: [
        {
          url: 'https://www.gov.uk/x',
          title: 'GOV.UK: x',
          quote: 'every clinic will publish its waiting times by 2027',
          publisher: 'GOV.UK',
          category: 'official',
        },
      ],
    },
  ],
} as unknown as KbBundle;

describe('kb:propose', () => {
  const proposals = propose([read('article.txt'), read('article.html')], bundle, ['Sherlock Holmes']);
  const of = (kind: string) => proposals.filter((p) => p.kind === kind).map((p) => p.text);
  const find = (kind: string, text: string) => proposals.find((p) => p.kind === kind && p.text === text);

  it('proposes unknown names, with a count and the first sentence, most frequent first', () => {
    expect(of('name')).toEqual(
      expect.arrayContaining([
        'Quarrington Valley Trust',
        'Marigold Fenwick',
        'Oswin Tremlett',
        'Valebrook Pharmacy Group',
        'Clinic Standards Board',
      ]),
    );
    expect(find('name', 'Quarrington Valley Trust')).toMatchObject({
      count: 2,
      file: 'article.txt',
      sentence: 'The health secretary Jeremy Hunt met officials from the Quarrington Valley Trust on Monday.',
    });
    const counts = proposals.map((p) => p.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('leaves out what the KB links, its aliases, the ignore list, sentence openers and calendar words', () => {
    const names = of('name');
    for (const known of ['Jeremy Hunt', 'Hunt', 'Sherlock Holmes', 'Monday', 'Hospitals', 'Nobody', 'Fenwick'])
      expect(names).not.toContain(known);
    expect(of('acronym')).not.toContain('CQC');
    expect(of('role')).not.toContain('health secretary');
  });

  it('proposes acronyms with the long form the article defines', () => {
    expect(find('acronym', 'RCAP')).toMatchObject({ long: 'Rural Clinics Advisory Panel', count: 2 });
    expect(find('acronym', 'PAN')).toMatchObject({ long: 'Pharmacy Access Network', file: 'article.html' });
  });

  it('proposes role phrases', () => {
    expect(of('role')).toEqual(
      expect.arrayContaining([
        'Quarrington Valley Trust chief executive',
        'health minister',
        'chair of the Clinic Standards Board',
        'care minister',
      ]),
    );
  });

  it('proposes pledge-like sentences: commitment words with a date or a number, unless the KB quotes them', () => {
    expect(of('pledge')).toEqual(
      expect.arrayContaining([
        'Fenwick said the trust would open 40 extra beds by 2027.',
        'The health minister promised to cut the backlog within five years.',
        'Ministers pledged that 2,000 pharmacies will offer blood-pressure checks by 2028.',
      ]),
    );
    expect(of('pledge').some((s) => s.includes('waiting times by 2027'))).toBe(false);
    expect(of('pledge').some((s) => s.startsWith('Later the RCAP'))).toBe(false); // "would help": no date, no number
  });

  it('reads only the visible text of HTML', () => {
    const all = proposals.map((p) => `${p.text} ${p.sentence}`).join('\n');
    for (const hidden of ['Script Person', 'Iris Quell', 'Head Office']) expect(all).not.toContain(hidden);
  });

  it('splits sentences at full stops before a capital, at line breaks, keeping the stop', () => {
    expect(sentences('Dr Smith left. He said 3.5 per cent.\nNew line').map((s) => s.text)).toEqual([
      'Dr Smith left.',
      'He said 3.5 per cent.',
      'New line',
    ]);
  });
});
