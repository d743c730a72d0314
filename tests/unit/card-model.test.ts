// Cards as of an article's date: what held then, what changed since, what the seeds said.
import { describe, expect, it } from 'vitest';
import { buildCard, buildPledgeView, type KbLookup } from '../../src/shared/card-model';
import { realKb } from '../support/kb';

const { bundle } = realKb().result;
const lookup: KbLookup = {
  article: (id) => bundle.articles.find((a) => a.id === id),
  entityName: (id) => bundle.entities.find((e) => e.id === id)?.name ?? bundle.roles.find((r) => r.id === id)?.name,
  pledge: (id) => bundle.pledges.find((p) => p.id === id),
};
const entity = (id: string) => bundle.entities.find((e) => e.id === id)!;

describe('cards', () => {
  it('says a CCG was replaced by integrated care boards after a 2015 article', () => {
    const card = buildCard(entity('ccg'), '2015-10-29', lookup, '2026-11-23');
    const abolished = card.lines.find((l) => /abolish|replaced/i.test(l.text) && l.date.startsWith('2022-07'));
    expect(abolished).toMatchObject({ when: 'after' });
    expect(abolished!.text).toMatch(/integrated care board/i);
    expect(card.since).toMatch(/since this article \(29 Oct 2015\)/);
    expect(abolished!.sources.length).toBeGreaterThan(0);
  });
  it('marks the role a person held at the article’s date and the ones that came after', () => {
    const card = buildCard(entity('jeremy-hunt'), '2015-10-29', lookup, '2026-11-23');
    expect(card.lines.find((l) => /Health/.test(l.text) && l.date === '2012-09-04')).toMatchObject({ when: 'at' });
    expect(card.lines.find((l) => /Chancellor/.test(l.text))).toMatchObject({ when: 'after' });
    expect(card.pledges.map((p) => p.id)).toContain('paperless-nhs-2018');
  });
  it('quotes up to three seed sentences, each linked to its article', () => {
    const card = buildCard(entity('cqc'), null, lookup, '2026-11-23');
    expect(card.quotes.length).toBeGreaterThan(0);
    expect(card.quotes.length).toBeLessThanOrEqual(3);
    for (const q of card.quotes) {
      expect(q.article.url).toMatch(/^https:\/\//);
      expect(q.sentence).toMatch(/CQC|Care Quality Commission/);
    }
  });
  it('every fact on a card and a pledge has a source', () => {
    for (const e of bundle.entities) {
      const card = buildCard(e, '2016-01-01', lookup, '2026-11-23');
      expect(card.sources.length, e.id).toBeGreaterThan(0);
      for (const l of card.lines) expect(l.sources.length, `${e.id}: ${l.text}`).toBeGreaterThan(0);
    }
    for (const p of bundle.pledges) {
      const v = buildPledgeView(p, lookup);
      expect(v.words.length).toBeGreaterThan(0);
      expect(v.statusSources.length).toBeGreaterThan(0);
      for (const t of v.timeline) expect(t.sources.length, `${p.id}: ${t.text}`).toBeGreaterThan(0);
    }
  });
});
