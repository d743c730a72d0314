// The popup's pledge history: which pledges a search and a status filter keep, how they are
// grouped by person and ordered, and when one is overdue.
import { describe, expect, it } from 'vitest';
import { groupByPerson, matchesPledge } from '../../src/ui/popup/pledge-filter';
import { isOverdue } from '../../src/ui/popup/pledge-overdue';
import type { PledgeView } from '../../src/shared/views';

function pledge(over: Partial<PledgeView> & Pick<PledgeView, 'id'>): PledgeView {
  return {
    title: `Pledge ${over.id}`,
    who: { id: 'jeremy-hunt', name: 'Jeremy Hunt' },
    alsoWho: [],
    made: '2015-07-16',
    words: [],
    timeline: [],
    status: 'in-progress',
    statusAsOf: '2020-01-01',
    statusNote: '',
    statusSources: [],
    statusHistory: [],
    related: [],
    ...over,
  };
}

describe('matchesPledge', () => {
  const paperless = pledge({
    id: 'paperless',
    title: 'A paperless NHS by 2018',
    alsoWho: [{ id: 'tim-kelsey', name: 'Tim Kelsey' }],
    statusNote: 'Missed; the target moved to 2020.',
    timeline: [{ date: '2016-09-07', text: 'Wachter review published', sources: [] }],
    status: 'broken',
  });

  it('keeps every pledge for an empty or blank query and the "all" filter', () => {
    expect(matchesPledge(paperless, '', 'all')).toBe(true);
    expect(matchesPledge(paperless, '   ', 'all')).toBe(true);
  });

  it('searches the title, the makers, the status note and the timeline, ignoring case and outer spaces', () => {
    expect(matchesPledge(paperless, 'PAPERLESS', 'all')).toBe(true);
    expect(matchesPledge(paperless, ' jeremy ', 'all')).toBe(true);
    expect(matchesPledge(paperless, 'kelsey', 'all')).toBe(true);
    expect(matchesPledge(paperless, 'target moved', 'all')).toBe(true);
    expect(matchesPledge(paperless, 'wachter', 'all')).toBe(true);
    expect(matchesPledge(paperless, 'fax machines', 'all')).toBe(false);
  });

  it('keeps only the chosen status, and the query must match as well', () => {
    expect(matchesPledge(paperless, '', 'broken')).toBe(true);
    expect(matchesPledge(paperless, '', 'kept')).toBe(false);
    expect(matchesPledge(paperless, 'kelsey', 'kept')).toBe(false);
    expect(matchesPledge(paperless, 'fax', 'broken')).toBe(false);
  });
});

describe('groupByPerson', () => {
  const hunt = { id: 'jeremy-hunt', name: 'Jeremy Hunt' };
  const burnham = { id: 'andy-burnham', name: 'Andy Burnham' };
  const streeting = { id: 'wes-streeting', name: 'Wes Streeting' };
  const pledges = [
    pledge({ id: 'h2', who: hunt, made: '2016-01-01', title: 'B' }),
    pledge({ id: 's1', who: streeting, made: '2024-07-05' }),
    pledge({ id: 'h1', who: hunt, made: '2015-07-16', title: 'Z' }),
    pledge({ id: 'h3', who: hunt, made: '2016-01-01', title: 'A' }),
    pledge({ id: 'b1', who: burnham, made: '2009-01-01', alsoWho: [streeting] }),
  ];
  const ids = (groups: ReturnType<typeof groupByPerson>) => groups.map((g) => [g.name, g.onPage, g.pledges.map((p) => p.id)]);

  it('groups by maker, alphabetically, each group oldest pledge first and by title on the same date', () => {
    expect(ids(groupByPerson(pledges, new Set()))).toEqual([
      ['Andy Burnham', false, ['b1']],
      ['Jeremy Hunt', false, ['h1', 'h3', 'h2']],
      ['Wes Streeting', false, ['s1']],
    ]);
  });

  it('puts the people marked on the page first, counting a pledge whose co-maker is on the page', () => {
    expect(ids(groupByPerson(pledges, new Set(['wes-streeting'])))).toEqual([
      ['Andy Burnham', true, ['b1']],
      ['Wes Streeting', true, ['s1']],
      ['Jeremy Hunt', false, ['h1', 'h3', 'h2']],
    ]);
  });

  it('leaves its input in its order', () => {
    const copy = [...pledges];
    groupByPerson(pledges, new Set(['jeremy-hunt']));
    expect(pledges).toEqual(copy);
  });
});

describe('isOverdue', () => {
  it('is overdue once the deadline has passed and the pledge is still open', () => {
    expect(isOverdue({ deadline: '2018-12-31', status: 'in-progress' }, '2019-01-01')).toBe(true);
    expect(isOverdue({ deadline: '2018-12-31', status: 'not-yet-rated' }, '2019-01-01')).toBe(true);
    expect(isOverdue({ deadline: '2018-12-31', status: 'unclear' }, '2019-01-01')).toBe(true);
    expect(isOverdue({ deadline: '2018-12-31', status: 'in-progress' }, '2018-12-31')).toBe(false);
  });

  it('a settled pledge or one without a deadline is never overdue', () => {
    for (const status of ['kept', 'partly-kept', 'broken', 'abandoned', 'unmeasurable'] as const)
      expect(isOverdue({ deadline: '2018-12-31', status }, '2030-01-01'), status).toBe(false);
    expect(isOverdue({ status: 'in-progress' }, '2030-01-01')).toBe(false);
  });

  it('a partial deadline runs to the last day it may mean', () => {
    expect(isOverdue({ deadline: '2028', status: 'in-progress' }, '2028-12-31')).toBe(false);
    expect(isOverdue({ deadline: '2028', status: 'in-progress' }, '2029-01-01')).toBe(true);
    expect(isOverdue({ deadline: '2024-02', status: 'in-progress' }, '2024-02-29')).toBe(false);
    expect(isOverdue({ deadline: '2024-02', status: 'in-progress' }, '2024-03-01')).toBe(true);
  });
});
