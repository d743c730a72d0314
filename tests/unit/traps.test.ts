// The real knowledge base on sentences of our own: trap words, roles across dates, text mechanics.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { realKb } from '../support/kb';

let engine: Engine;
beforeAll(() => {
  engine = realKb().engine;
});
const links = (text: string, date = '2016-01-01') => engine.annotate(text, { date }).map((m) => [m.text, m.id]);
const ids = (text: string, date = '2016-01-01') => engine.annotate(text, { date }).map((m) => m.id);

describe('words that are also ordinary English', () => {
  it('hunt, hunting and "Jeremy hunts" are verbs, not Jeremy Hunt', () => {
    expect(links('Officials hunt for savings. Hunting season opens. Jeremy hunts for votes.')).toEqual([]);
    expect(ids('Jeremy Hunt spoke. Later Jeremy hunts for votes while the hunt goes on.')).toEqual(['jeremy-hunt']);
  });
  it('people who share a first name never cross-link', () => {
    expect(links('Jeremy Hughes and Jeremy Corbyn spoke.')).toEqual([['Jeremy Hughes', 'jeremy-hughes']]);
    expect(ids('Jeremy Hunt met Tristram Hunt.')).toEqual(['jeremy-hunt']);
  });
  it('monitor and monitoring are verbs; Monitor the regulator is a proper noun', () => {
    expect(links('Trusts monitor waiting times and the monitoring continues. Monitor the data daily.')).toEqual([]);
    // Monitor is ambiguous: it links on a page with health context (here two other KB names).
    expect(links('Foundation trusts answered to Monitor until 2016, and then to NHS Improvement.')).toContainEqual(['Monitor', 'monitor']);
    expect(links('Foundation trusts answered to Monitor until 2016.')).not.toContainEqual(['Monitor', 'monitor']);
  });
  it('trust and trusted are not bodies', () => {
    expect(links('Patients trust nurses; a trusted adviser spoke; public trust fell.')).toEqual([]);
  });
  it('fund and funding are not the King’s Fund; "the Fund" is, once the King’s Fund was named', () => {
    expect(links('The fund pays for funding rounds. The Fund said no.')).toEqual([]);
    expect(links('The King’s Fund published a report. The Fund said more.')).toEqual([
      ['King’s Fund', 'kings-fund'],
      ['Fund', 'kings-fund'],
    ]);
    expect(ids('The King’s Fund and the Commonwealth Fund compared systems.')).toEqual(['kings-fund']);
  });
  it('NICE links only in capitals', () => {
    expect(links('It was a nice day in Nice.')).toEqual([]);
    // NICE is also ambiguous (the city, in capitals): it links on a page with health context.
    expect(ids('NICE approved the drug for patients in hospital.')).toEqual(['nice']);
    expect(ids('NICE approved the drug.')).toEqual([]);
  });
  it('an "NHS improvement fund" is not NHS Improvement', () => {
    expect(ids('A new NHS improvement fund opened; NHS Improvement regulates trusts.')).toEqual(['nhs', 'nhs-improvement']);
  });
});

describe('role phrases', () => {
  it('resolve to the holder at the text’s date', () => {
    const who = (date: string) => engine.annotate('The health secretary said so.', { date })[0]?.id;
    expect(who('2012-03-01')).toBe('andrew-lansley');
    expect(who('2015-06-01')).toBe('jeremy-hunt');
    expect(who('2019-06-01')).toBe('matt-hancock');
    expect(who('2022-08-01')).toBe('steve-barclay');
    expect(who('2022-10-01')).toBe('therese-coffey');
    expect(who('2023-01-01')).toBe('steve-barclay');
    expect(who('2024-09-01')).toBe('wes-streeting');
    expect(engine.annotate('The prime minister said so.', { date: '2017-01-01' })[0]?.id).toBe('theresa-may');
    // The body inside the phrase is the body; the rest of the phrase is the role.
    expect(engine.annotate('NHS England chief executive said', { date: '2022-01-01' }).map((m) => [m.text, m.id])).toEqual([
      ['NHS England', 'nhs-england'],
      ['chief executive', 'amanda-pritchard'],
    ]);
  });
  it('other roles that contain the phrase do not resolve to its holder', () => {
    expect(ids('The Shadow Health Secretary replied.', '2015-06-01')).not.toContain('jeremy-hunt');
    expect(ids('The Deputy Prime Minister replied.', '2015-06-01')).not.toContain('david-cameron');
  });
  it('a role phrase followed by a name yields that name', () => {
    expect(engine.annotate('Health Secretary Matt Hancock said', { date: '2015-06-01' }).map((m) => [m.text, m.id, m.kind])).toEqual([
      ['Health Secretary', 'matt-hancock', 'role'],
      ['Matt Hancock', 'matt-hancock', 'person'],
    ]);
  });
});

describe('text mechanics with the real dictionary', () => {
  it('possessives, plurals and both apostrophes', () => {
    expect(links("Hunt’s plan, the CQC’s report, the CQC's staff, CCGs, GPs, ALBs, LHCREs and A&Es.")).toEqual([
      ['CQC', 'cqc'],
      ['CQC', 'cqc'],
      ['CCGs', 'ccg'],
      ['GPs', 'gp'],
      ['ALBs', 'alb'],
      ['LHCREs', 'lhcre'],
      ['A&Es', 'a-and-e'],
    ]);
  });
  it('names broken by line breaks, non-breaking spaces and hyphen variants', () => {
    expect(
      ids('Jeremy\nHunt met Simon\u00a0Stevens and Hugo\u2011Mascie Taylor.'.replace('Hugo\u2011Mascie Taylor', 'Hugo Mascie\u2010Taylor')),
    ).toEqual(['jeremy-hunt', 'simon-stevens', 'hugo-mascie-taylor']);
  });
  it('the longest name wins', () => {
    expect(ids('NHS England, NHS Clinical Commissioners and the King’s Fund.')).toEqual([
      'nhs-england',
      'nhs-clinical-commissioners',
      'kings-fund',
    ]);
  });
  it('learns acronyms the text defines, even when the KB lacks them', () => {
    // A made-up programme name: the KB must not know it (PSIRF, the earlier example, is now a KB term).
    const ms = engine.annotate('The new Regional Theatre Productivity Review (RTPRV) replaces the old one. RTPRV starts in 2023.');
    expect(ms.filter((m) => m.text === 'RTPRV').map((m) => [m.id, m.name])).toEqual([
      ['learned:RTPRV', 'Regional Theatre Productivity Review'],
      ['learned:RTPRV', 'Regional Theatre Productivity Review'],
    ]);
  });
});
