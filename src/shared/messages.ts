// The data messages carry (besides the knowledge-base views in views.ts); the messages
// themselves are listed in protocol.ts.

import type { EntityKind } from '../engine/dictionary';
import type { MarkKind } from './mark-kinds';
import type { Prefs } from './prefs';

export interface SiteState {
  site: string;
  enabled: boolean;
  /** Whether the site is on the default list (its state then follows the default unless the reader chose). */
  isDefault: boolean;
  /** Whether the reader made an explicit choice for it. */
  chosen: boolean;
}

export interface ReaderSettings {
  format: 'health-policy-annotator-settings';
  version: 1;
  sites: Record<string, boolean>;
  prefs: Prefs;
}

/** The most text one `page:match` carries (characters); Chrome refuses messages over 64 MB of JSON. */
export const MAX_MATCH_CHARS = 16_000_000;

/**
 * A page text longer than this (characters) is sent as numbered parts of this size, one
 * `page:match` each: Chromium serialises a message on the page's thread, and one 2 MB
 * message is a single long task (bench/README.md, "page:match: one message or parts").
 */
export const PART_CHARS = 256_000;

/** The reply to a `page:match` part that is not the last: how much of the text the background holds so far. */
export interface PagePartReceived {
  pending: true;
  received: number;
}

/** Part of the background's error when a part arrives whose earlier parts it does not hold: the page sends them all again. */
export const PARTS_MISSING = 'the parts before it are missing';

/** One distinct match as the engine describes it, sent once per reply however often it occurs. */
export interface MatchDescriptor {
  id: string;
  name: string;
  kind: EntityKind;
  role?: string;
  /** For a role phrase: the role's name ("health secretary"), for the card's "read as". */
  roleName?: string;
  learned?: boolean;
  classOf?: string;
  /** For a class mark: the class's label ("an NHS foundation trust"), for the popup's "on this page". */
  classLabel?: string;
}

/**
 * The matches of a `page:match`, compact: `spans` packs three numbers per match (start, end,
 * index into `descriptors`) into one ASCII string (shared/span-codec.ts); the page slices each
 * match's text from its own string.
 */
export interface PageMatches {
  spans: string;
  descriptors: MatchDescriptor[];
}

export interface PageSetup {
  enabled: boolean;
  site: string;
  prefs: Prefs;
  /**
   * The installed knowledge base's version, present only when enabled: cards asked for under
   * another version are asked again. The page gets no dictionary: matching runs in the background.
   */
  kbVersion?: string;
}

export interface FoundEntity {
  id: string;
  name: string;
  /** `class`: a name explained by its class, not in the KB individually. */
  kind: MarkKind | 'class';
  /** For a class: "an NHS foundation trust". */
  label?: string;
  count: number;
}
