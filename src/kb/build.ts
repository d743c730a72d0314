// npm run kb: seeds/ -> one versioned kb.json. Validates, compiles the dictionary,
// links mentions in the seeds and measures coverage.

import { createHash } from 'node:crypto';
import { createEngine } from '../engine/engine';
import { AUTOMATON_FORMAT } from '../engine/automaton';
import { KB_SCHEMA_VERSION, type Evidence, type KbBundle, type KbEntity, type KbRole } from './bundle';
import { checkSources } from './checks';
import { compileDictionary } from './compile-dictionary';
import { coverage, type CoverageReport } from './coverage';
import { endOfPeriodExclusive, startOfPeriod } from './dates';
import { annotateSeeds, mentionsById } from './mentions';
import { KbBuildError, type Problem } from './problems';
import type { Alias } from './schema';
import { publisherIndex, type PublisherIndex } from './publishers';
import { readSources, type Sources } from './sources';
import { kbStats, type KbStats } from './stats';

export interface BuildResult {
  bundle: KbBundle;
  coverage: CoverageReport;
  stats: KbStats;
}

type SourceEvidence = { article: string; quote: string } | { url: string; title: string; quote?: string };

/** Evidence as the bundle carries it: a public page names its publisher (the checks made sure it has one). */
function evidenceWith(publishers: PublisherIndex) {
  return (list: SourceEvidence[]): Evidence[] =>
    list.map((e) => {
      if ('article' in e) return e;
      const p = publishers.of(e.url)!;
      return { ...e, publisher: p.name, category: p.category };
    });
}

/** The newest confirmation date in the sources; from the data, never the clock, so two builds give the same bytes. */
export function kbAsOf(s: Pick<Sources, 'entities' | 'pledges'>): string | null {
  let newest: string | null = null;
  const see = (d: string | undefined) => {
    if (d && (newest === null || startOfPeriod(d) > startOfPeriod(newest))) newest = d;
  };
  for (const { value: e } of s.entities) for (const r of e.roles ?? []) see(r.current_as_of);
  for (const { value: p } of s.pledges) see(p.status_as_of);
  return newest;
}

export function buildKb(seedsDir: string): BuildResult {
  const problems: Problem[] = [];
  const s = readSources(seedsDir, problems);
  if (problems.length === 0) checkSources(s, problems);
  if (problems.length) throw new KbBuildError(problems);

  // The version is a hash of everything that goes into the bundle (the automaton's format
  // included), so any change to the sources changes it.
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([KB_SCHEMA_VERSION, AUTOMATON_FORMAT, s.articles, [...s.texts], s.entities, s.roles, s.pledges, s.publishers]),
  );
  const version = `${KB_SCHEMA_VERSION}.${hash.digest('hex').slice(0, 12)}`;

  const publishers = publisherIndex(s.publishers.map((p) => p.value));
  const ev = evidenceWith(publishers);
  const dictionary = compileDictionary(s, version);
  const engine = createEngine(dictionary);
  const annotations = annotateSeeds(engine, s.articles, s.texts);
  const mentions = mentionsById(annotations, s.texts);
  const report = coverage(
    annotations,
    s.texts,
    s.ignore.map((i) => i.value.text),
  );

  const pledgesBy = new Map<string, string[]>();
  for (const p of s.pledges)
    for (const who of new Set([...p.value.who, ...(p.value.related ?? [])]))
      pledgesBy.set(who, [...(pledgesBy.get(who) ?? []), p.value.id]);

  const entities: KbEntity[] = s.entities.map(({ value: e }) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    description: e.description,
    evidence: ev(e.evidence),
    aliases: (e.aliases as Alias[]).map((a) => a.text),
    roles: (e.roles ?? []).map((r) => ({
      title: r.title,
      ...(r.role && { role: r.role }),
      ...(r.start && { start: r.start }),
      ...(r.end && { end: r.end }),
      ...(r.current_as_of && { currentAsOf: r.current_as_of }),
      ...(r.note && { note: r.note }),
      evidence: ev(r.evidence),
    })),
    lifecycle: (e.lifecycle ?? []).map((l) => ({
      event: l.event,
      date: l.date,
      text: l.text,
      ...(l.successor && { successor: l.successor }),
      evidence: ev(l.evidence),
    })),
    related: e.related ?? [],
    corrections: (e.corrections ?? []).map((c) => ({ text: c.text, evidence: ev(c.evidence) })),
    pledges: [...new Set(pledgesBy.get(e.id) ?? [])],
    mentions: mentions.get(e.id) ?? [],
  }));

  const roles: KbRole[] = s.roles.map(({ value: r }) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    evidence: ev(r.evidence),
    aliases: (r.aliases as Alias[]).map((a) => a.text),
    holders: s.entities
      .flatMap(({ value: e }) =>
        (e.roles ?? [])
          .filter((h) => h.role === r.id && h.start)
          .map((h) => ({ person: e.id, title: h.title, start: startOfPeriod(h.start!), end: h.end ? endOfPeriodExclusive(h.end) : null })),
      )
      .sort((a, b) => a.start.localeCompare(b.start)),
    mentions: mentions.get(r.id) ?? [],
  }));

  const bundle: KbBundle = {
    schemaVersion: KB_SCHEMA_VERSION,
    version,
    asOf: kbAsOf(s),
    articles: s.articles.map((a) => ({
      id: a.id,
      file: a.file,
      title: a.title,
      publisher: a.publisher,
      author: a.author,
      kind: a.kind,
      date: a.date,
      datePrecision: a.datePrecision,
      ...(a.dateNote && { dateNote: a.dateNote }),
      url: a.url,
    })),
    entities,
    roles,
    pledges: s.pledges.map(({ value: p }) => ({
      id: p.id,
      title: p.title,
      who: p.who[0]!,
      ...(p.who.length > 1 && { alsoWho: p.who.slice(1) }),
      made: p.made,
      ...(p.made_where && { madeWhere: p.made_where }),
      words: ev(p.words),
      ...(p.deadline && { deadline: p.deadline }),
      timeline: p.timeline.map((t) => ({ date: t.date, text: t.text, evidence: ev(t.evidence) })),
      status: p.status,
      statusAsOf: p.status_as_of,
      statusNote: p.status_note,
      statusEvidence: ev(p.status_evidence),
      ...(p.status_history && {
        statusHistory: p.status_history.map((h) => ({ date: h.date, status: h.status, note: h.note, evidence: ev(h.evidence) })),
      }),
      related: p.related ?? [],
    })),
    dictionary,
  };
  return { bundle, coverage: report, stats: kbStats(s, publishers) };
}
