// Builds a card for an entity as of an article's date: which roles were held then,
// what happened to a body since, what the seed articles said, related pledges.

import type { Evidence, KbArticle, KbEntity, KbPledge } from './kb-bundle';
import { dateRange, formatDate } from './dates';
import type { CardData, DatedLine, PledgeStatus, PledgeView, QuoteView, SourceRef } from './views';

export interface KbLookup {
  article(id: string): KbArticle | undefined;
  entityName(id: string): string | undefined;
  pledge(id: string): KbPledge | undefined;
}

const MAX_QUOTES = 3;

function sourceRef(e: Evidence, kb: KbLookup): SourceRef {
  if ('article' in e) {
    const a = kb.article(e.article);
    if (!a) return { label: `Seed article ${e.article}`, url: '', quote: e.quote };
    return { label: `${a.publisher}, ${formatDate(a.date)}: ${a.title}`, url: a.url, publisher: a.publisher, quote: e.quote };
  }
  const ref: SourceRef = { label: e.title, url: e.url };
  // Older bundles (schema 1) had no publisher on public sources.
  if (e.publisher) ref.publisher = e.publisher;
  if (e.quote) ref.quote = e.quote;
  return ref;
}

/** Where a dated thing stands relative to the article's date. */
function when(start: string, end: string | null | undefined, date: string): DatedLine['when'] {
  const [startFrom] = dateRange(start);
  if (startFrom > date) return 'after';
  if (end === undefined) return 'before'; // a single event
  if (end === null) return 'at';
  const [, endTo] = dateRange(end);
  return endTo < date ? 'before' : 'at';
}

function pickQuotes(entity: KbEntity, kb: KbLookup): QuoteView[] {
  const out: QuoteView[] = [];
  const seenArticles = new Set<string>();
  const seenSentences = new Set<string>();
  // One quote per article first, the longer sentences (more said about it) first.
  const byLength = [...entity.mentions].sort((a, b) => b.sentence.length - a.sentence.length);
  for (const pass of [true, false])
    for (const m of byLength) {
      if (out.length >= MAX_QUOTES) return out;
      if ((pass && seenArticles.has(m.article)) || seenSentences.has(m.sentence)) continue;
      if (m.sentence.replace(/\W/g, '').length - m.text.replace(/\W/g, '').length < 20) continue; // a heading, not a sentence
      const a = kb.article(m.article);
      if (!a) continue;
      seenArticles.add(m.article);
      seenSentences.add(m.sentence);
      out.push({ sentence: m.sentence, article: { id: a.id, title: a.title, publisher: a.publisher, date: a.date, url: a.url } });
    }
  return out;
}

export function buildCard(entity: KbEntity, articleDate: string | null, kb: KbLookup, today: string): CardData {
  const date = articleDate ?? today;
  const lines: DatedLine[] = [];
  for (const r of entity.roles) {
    if (!r.start) continue;
    const end = r.end ?? null;
    const line: DatedLine = {
      date: r.start,
      end,
      text: r.title,
      when: when(r.start, end, date),
      sources: r.evidence.map((e) => sourceRef(e, kb)),
    };
    if (end === null && r.currentAsOf) line.asOf = r.currentAsOf;
    lines.push(line);
  }
  for (const l of entity.lifecycle) {
    const successor = l.successor ? kb.entityName(l.successor) : undefined;
    const text = successor && !l.text.includes(successor) ? `${l.text} (succeeded by ${successor})` : l.text;
    lines.push({ date: l.date, text, when: when(l.date, undefined, date), sources: l.evidence.map((e) => sourceRef(e, kb)) });
  }
  lines.sort((a, b) => dateRange(a.date)[0].localeCompare(dateRange(b.date)[0]));

  const after = lines.filter((l) => l.when === 'after');
  let since: string | undefined;
  if (articleDate && after.length) {
    const last = after[after.length - 1]!;
    since = `${after.length} change${after.length === 1 ? '' : 's'} since this article (${formatDate(articleDate)}); latest ${formatDate(last.date)}: ${last.text}`;
  }

  const card: CardData = {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    description: entity.description,
    sources: entity.evidence.map((e) => sourceRef(e, kb)),
    date: articleDate,
    lines,
    corrections: entity.corrections.map((c) => ({ text: c.text, sources: c.evidence.map((e) => sourceRef(e, kb)) })),
    quotes: pickQuotes(entity, kb),
    pledges: entity.pledges.flatMap((id) => {
      const p = kb.pledge(id);
      return p ? [{ id: p.id, title: p.title, status: p.status as PledgeStatus }] : [];
    }),
    related: entity.related.flatMap((id) => {
      const name = kb.entityName(id);
      return name ? [{ id, name }] : [];
    }),
  };
  if (since) card.since = since;
  return card;
}

/** The line a class card shows under the name: the member is not in the KB one by one. */
export const NOT_INDIVIDUALLY = 'This one is not in the knowledge base individually.';

/**
 * A card for a name the KB does not know individually but whose class it explains
 * ("Borsetshire Hospitals NHS Foundation Trust", an NHS foundation trust): the name as
 * written, the class's explanation, history and sources. Quotes and pledges of the class
 * are about other members, so they are left out.
 */
export function buildClassCard(
  cls: KbEntity,
  written: string,
  label: string,
  articleDate: string | null,
  kb: KbLookup,
  today: string,
): CardData {
  const base = buildCard(cls, articleDate, kb, today);
  const card: CardData = {
    ...base,
    id: `class:${cls.id}:${written}`,
    kind: 'class',
    name: written,
    classOf: { id: cls.id, name: cls.name, label },
    corrections: [],
    quotes: [],
    pledges: [],
    related: [{ id: cls.id, name: cls.name }, ...base.related],
  };
  delete card.since;
  return card;
}

export function buildPledgeView(p: KbPledge, kb: KbLookup): PledgeView {
  const view: PledgeView = {
    id: p.id,
    title: p.title,
    who: { id: p.who, name: kb.entityName(p.who) ?? p.who },
    alsoWho: (p.alsoWho ?? []).map((id) => ({ id, name: kb.entityName(id) ?? id })),
    made: p.made,
    words: p.words.map((e) => sourceRef(e, kb)),
    timeline: p.timeline.map((t) => ({ date: t.date, text: t.text, sources: t.evidence.map((e) => sourceRef(e, kb)) })),
    status: p.status as PledgeStatus,
    statusAsOf: p.statusAsOf,
    statusNote: p.statusNote,
    statusSources: p.statusEvidence.map((e) => sourceRef(e, kb)),
    statusHistory: (p.statusHistory ?? []).map((h) => ({
      date: h.date,
      status: h.status as PledgeStatus,
      note: h.note,
      sources: h.evidence.map((e) => sourceRef(e, kb)),
    })),
    related: p.related.flatMap((id) => {
      const name = kb.entityName(id);
      return name ? [{ id, name }] : [];
    }),
  };
  if (p.madeWhere) view.madeWhere = p.madeWhere;
  if (p.deadline) view.deadline = p.deadline;
  return view;
}
