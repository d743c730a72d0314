// The shape of kb.json: what the KB build (src/kb) emits and the extension loads into IndexedDB.

import type { Dictionary, EntityKind } from '../engine/dictionary';

/** 2: public sources carry their publisher; the bundle carries the date its facts were last confirmed (`asOf`). */
export const KB_SCHEMA_VERSION = 2;

/** A quote in a seed article, or a public page with its accepted publisher (seeds/kb/publishers.yaml). */
export type Evidence =
  { article: string; quote: string } | { url: string; title: string; quote?: string; publisher: string; category: string };

export interface KbArticle {
  id: string;
  file: string;
  title: string;
  publisher: string;
  author: string | null;
  kind: string;
  date: string;
  datePrecision: 'day' | 'estimate';
  dateNote?: string;
  url: string;
}

export interface KbRoleHeld {
  title: string;
  role?: string;
  start?: string;
  end?: string;
  currentAsOf?: string;
  note?: string;
  evidence: Evidence[];
}

export interface KbLifecycleEvent {
  event: string;
  date: string;
  text: string;
  successor?: string;
  evidence: Evidence[];
}

export interface KbMention {
  article: string;
  start: number;
  end: number;
  text: string;
  sentence: string;
}

export interface KbEntity {
  id: string;
  kind: Exclude<EntityKind, 'role'>;
  name: string;
  description: string;
  evidence: Evidence[];
  aliases: string[];
  roles: KbRoleHeld[];
  lifecycle: KbLifecycleEvent[];
  related: string[];
  corrections: { text: string; evidence: Evidence[] }[];
  pledges: string[];
  mentions: KbMention[];
}

export interface KbRole {
  id: string;
  name: string;
  description: string;
  evidence: Evidence[];
  aliases: string[];
  holders: { person: string; title: string; start: string; end: string | null }[];
  mentions: KbMention[];
}

export interface KbPledge {
  id: string;
  title: string;
  who: string;
  /** Others who made the same pledge (the party's manifesto, the prime minister). */
  alsoWho?: string[];
  made: string;
  madeWhere?: string;
  words: Evidence[];
  deadline?: string;
  timeline: { date: string; text: string; evidence: Evidence[] }[];
  status: string;
  statusAsOf: string;
  statusNote: string;
  statusEvidence: Evidence[];
  /** Earlier ratings, oldest first. */
  statusHistory?: { date: string; status: string; note: string; evidence: Evidence[] }[];
  related: string[];
}

export interface KbBundle {
  schemaVersion: number;
  version: string;
  /** The newest date a source confirmed a fact on (roles' current_as_of, pledges' status_as_of): how fresh the KB is. */
  asOf: string | null;
  articles: KbArticle[];
  entities: KbEntity[];
  roles: KbRole[];
  pledges: KbPledge[];
  dictionary: Dictionary;
}
