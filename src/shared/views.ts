// What the background hands to the UI: ready to render, every fact with its sources.

import type { KindCountKey, MarkKind } from './mark-kinds';

export interface SourceRef {
  /** "HSJ (Health Service Journal), 29 Oct 2015: Rolling coverage of …" or a public page's title. */
  label: string;
  url: string;
  /** Who published it: an accepted publisher's name ("GOV.UK and UK government"), or a seed article's publisher. */
  publisher?: string;
  /** The verbatim words, for a seed quote. */
  quote?: string;
}

export interface DatedLine {
  /** ISO date or partial date (YYYY, YYYY-MM). */
  date: string;
  /** A second date for a span (roles): end, or null while current. */
  end?: string | null;
  /** For a role still held (end null): the date a source last confirmed it. */
  asOf?: string;
  text: string;
  /** Relative to the article's date: before it, in force at it, or after it. */
  when: 'before' | 'at' | 'after';
  sources: SourceRef[];
}

export interface QuoteView {
  sentence: string;
  article: { id: string; title: string; publisher: string; date: string; url: string };
}

export type PledgeStatus = 'not-yet-rated' | 'in-progress' | 'kept' | 'partly-kept' | 'broken' | 'abandoned' | 'unclear' | 'unmeasurable';

export interface CardData {
  id: string;
  /** `class`: a name the KB does not know individually, explained by its class ("an NHS foundation trust"). */
  kind: MarkKind | 'class';
  /** The canonical name; for a class card, the name as written on the page. */
  name: string;
  /** For a class card: the class entity, and how a member is described ("an NHS foundation trust"). */
  classOf?: { id: string; name: string; label: string };
  description: string;
  sources: SourceRef[];
  /** The article date the card was built for, or null (then "today"). */
  date: string | null;
  /** Roles (people) or lifecycle events (bodies, terms), oldest first. */
  lines: DatedLine[];
  /** One-line summary of what changed after the article's date, if anything. */
  since?: string;
  corrections: { text: string; sources: SourceRef[] }[];
  quotes: QuoteView[];
  pledges: { id: string; title: string; status: PledgeStatus }[];
  related: { id: string; name: string }[];
}

export interface PledgeView {
  id: string;
  title: string;
  who: { id: string; name: string };
  /** Others who made the same pledge. */
  alsoWho: { id: string; name: string }[];
  made: string;
  madeWhere?: string;
  words: SourceRef[];
  deadline?: string;
  timeline: { date: string; text: string; sources: SourceRef[] }[];
  status: PledgeStatus;
  statusAsOf: string;
  statusNote: string;
  statusSources: SourceRef[];
  /** Earlier ratings, oldest first. */
  statusHistory: { date: string; status: PledgeStatus; note: string; sources: SourceRef[] }[];
  related: { id: string; name: string }[];
}

export interface KbInfo {
  version: string;
  /** The newest date a source confirmed a fact on, or null (nothing dated, or not installed). */
  asOf: string | null;
  counts: Record<KindCountKey | 'roles' | 'pledges' | 'sources', number>;
  articles: { id: string; title: string; publisher: string; date: string; url: string }[];
  /** Set while the knowledge base could not be installed (quota, a blocked upgrade). */
  installError?: string;
}

/** Ratings that mean "not settled yet": past its deadline, such a pledge is overdue. */
export const OPEN_STATUSES: readonly PledgeStatus[] = ['not-yet-rated', 'in-progress', 'unclear'];

export const STATUS_LABEL: Record<PledgeStatus, string> = {
  'not-yet-rated': 'Not yet rated',
  'in-progress': 'In progress',
  kept: 'Kept',
  'partly-kept': 'Partly kept',
  broken: 'Broken',
  abandoned: 'Abandoned',
  unclear: 'Unclear',
  unmeasurable: 'Cannot be measured',
};
