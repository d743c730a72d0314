// Accepted publishers, the KB's "as of" date, and what the UI makes of pledges and open
// roles: pure pieces, on small made-up data (the real sources are built elsewhere).
import { describe, expect, it } from 'vitest';
import type { KbEntity, KbPledge } from '../../src/kb/bundle';
import { kbAsOf } from '../../src/kb/build';
import { publisherIndex } from '../../src/kb/publishers';
import type { EntitySource, PledgeSource } from '../../src/kb/schema';
import { buildCard, buildPledgeView, type KbLookup } from '../../src/shared/card-model';
import { isOverdue } from '../../src/ui/popup/pledge-overdue';

const publishers = publisherIndex([
  { domain: 'nhs.uk', name: 'NHS', category: 'nhs' },
  { domain: 'longtermplan.nhs.uk', name: 'NHS Long Term Plan', category: 'nhs' },
  { domain: 'gov.uk', name: 'GOV.UK', category: 'official' },
]);

describe('accepted publishers', () => {
  it('takes a listed domain and its sub-domains, the most specific first', () => {
    expect(publishers.of('https://gov.uk/x')?.name).toBe('GOV.UK');
    expect(publishers.of('https://www.gov.uk/government/news/x')?.name).toBe('GOV.UK');
    expect(publishers.of('https://www.england.nhs.uk/x')?.name).toBe('NHS');
    expect(publishers.of('https://www.longtermplan.nhs.uk/x')?.name).toBe('NHS Long Term Plan');
  });
  it('refuses look-alikes and other hosts', () => {
    expect(publishers.of('https://notgov.uk/x')).toBeUndefined();
    expect(publishers.of('https://gov.uk.example.com/x')).toBeUndefined();
    expect(publishers.of('https://wikimili.com/en/NHS')).toBeUndefined();
    expect(publishers.of('not a url')).toBeUndefined();
  });
});

describe('the KB date', () => {
  const located = <T>(value: T) => ({ file: 'f.yaml', index: 0, value });
  it('is the newest current_as_of or status_as_of, from the data alone', () => {
    const entities = [
      located({ roles: [{ current_as_of: '2026-03-01' }, { end: '2020' }] } as unknown as EntitySource & { kind: 'person' }),
    ];
    const pledges = [
      located({ status_as_of: '2026-11' } as unknown as PledgeSource),
      located({ status_as_of: '2025-12-31' } as unknown as PledgeSource),
    ];
    expect(kbAsOf({ entities, pledges })).toBe('2026-11');
    expect(kbAsOf({ entities, pledges: [] })).toBe('2026-03-01');
    expect(kbAsOf({ entities: [], pledges: [] })).toBeNull();
  });
});

const person = (id: string, name: string): KbEntity => ({
  id,
  kind: 'person',
  name,
  description: 'x',
  evidence: [],
  aliases: [name],
  roles: [],
  lifecycle: [],
  related: [],
  corrections: [],
  pledges: [],
  mentions: [],
});
const gov = { url: 'https://www.gov.uk/a', title: 'GOV.UK: a', publisher: 'GOV.UK', category: 'official' };
const pledge: KbPledge = {
  id: 'p1',
  title: 'Something by 2025',
  who: 'a',
  alsoWho: ['b'],
  made: '2024-07-01',
  words: [gov],
  deadline: '2025',
  timeline: [{ date: '2024-08-01', text: 'Started.', evidence: [gov] }],
  status: 'in-progress',
  statusAsOf: '2026-11-01',
  statusNote: 'Under way.',
  statusEvidence: [gov],
  statusHistory: [{ date: '2025-01-01', status: 'not-yet-rated', note: 'Too early to say.', evidence: [gov] }],
  related: [],
};
const people = [person('a', 'Ann Able'), person('b', 'Bob Baker')];
const lookup: KbLookup = {
  article: () => undefined,
  entityName: (id) => people.find((p) => p.id === id)?.name,
  pledge: (id) => (id === pledge.id ? pledge : undefined),
};

describe('pledges in the UI', () => {
  it('carries who else made it, the earlier ratings, and each source’s publisher', () => {
    const v = buildPledgeView(pledge, lookup);
    expect(v.alsoWho).toEqual([{ id: 'b', name: 'Bob Baker' }]);
    expect(v.statusHistory).toEqual([
      {
        date: '2025-01-01',
        status: 'not-yet-rated',
        note: 'Too early to say.',
        sources: [{ label: 'GOV.UK: a', url: gov.url, publisher: 'GOV.UK' }],
      },
    ]);
    expect(v.words[0]!.publisher).toBe('GOV.UK');
  });
  it('is overdue only past the last day of its deadline and while unsettled', () => {
    expect(isOverdue({ deadline: '2025', status: 'in-progress' }, '2025-12-31')).toBe(false);
    expect(isOverdue({ deadline: '2025', status: 'in-progress' }, '2026-01-01')).toBe(true);
    expect(isOverdue({ deadline: '2025-03', status: 'not-yet-rated' }, '2025-04-01')).toBe(true);
    expect(isOverdue({ deadline: '2025-03-15', status: 'unclear' }, '2025-03-16')).toBe(true);
    for (const status of ['kept', 'partly-kept', 'broken', 'abandoned', 'unmeasurable'] as const)
      expect(isOverdue({ deadline: '2020', status }, '2026-11-30')).toBe(false);
    expect(isOverdue({ status: 'in-progress' }, '2026-11-30')).toBe(false);
  });
});

describe('an open role on a card', () => {
  it('keeps the date a source last confirmed it', () => {
    const e = {
      ...person('a', 'Ann Able'),
      roles: [{ title: 'Chair', start: '2024-07-05', currentAsOf: '2026-11-01', evidence: [gov] }],
      pledges: ['p1'],
    };
    const card = buildCard(e, null, lookup, '2026-11-30');
    expect(card.lines[0]).toMatchObject({ date: '2024-07-05', end: null, asOf: '2026-11-01', when: 'at' });
    expect(card.lines[0]!.sources[0]!.publisher).toBe('GOV.UK');
    expect(card.pledges).toEqual([{ id: 'p1', title: 'Something by 2025', status: 'in-progress' }]);
  });
});

describe('npm run kb report', () => {
  it('says whether each kind meets its minimum, and lists its files', async () => {
    const { statsLines } = await import('../../src/kb/report');
    const files = (n: number): [string, number][] => [['a.yaml', n]];
    const lines = statsLines({
      kinds: {
        people: { total: 250, files: files(250) },
        bodies: { total: 10, files: files(10) },
        terms: { total: 0, files: [] },
        pledges: { total: 61, files: files(61) },
      },
      evidence: [
        ['official', 3],
        ['seed article', 1],
      ],
    });
    expect(lines).toContain('  people    250 of ≥ 250: met');
    expect(lines).toContain('  bodies     10 of ≥ 250: short by 240');
    expect(lines).toContain('    a.yaml   10');
    expect(lines.at(-1)).toBe('  evidence by publisher category: official 3, seed article 1');
  });
});
