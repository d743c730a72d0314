// The one registry of mark kinds: types, schemas (src/shared/schemas.ts), UI labels, highlight names and the
// knowledge-base counts all derive from it. Adding a kind: add it to ENTITY_KINDS
// (src/engine/kinds.ts), give it an entry here and its colours in extension/content.css.

import { ENTITY_KINDS, type KbEntityKind } from '../engine/kinds';

export const MARK_KINDS = ENTITY_KINDS;
export type MarkKind = KbEntityKind;

interface MarkKindInfo {
  /** A heading for a group of this kind ("On this page"). */
  heading: string;
  /** The kind's switch on the options page. */
  option: string;
  /** One and many, for counts ("1 person", "2 people"). */
  one: string;
  many: string;
  /** Its key in the knowledge base's counts (`KbInfo.counts`). */
  countKey: string;
}

export const MARK_KIND_INFO = {
  person: {
    heading: 'People',
    option: 'People (and role phrases such as “the health secretary”)',
    one: 'person',
    many: 'people',
    countKey: 'people',
  },
  body: { heading: 'Organisations', option: 'Organisations', one: 'organisation', many: 'organisations', countKey: 'bodies' },
  term: { heading: 'Terms', option: 'Terms and acronyms', one: 'term', many: 'terms', countKey: 'terms' },
} as const satisfies Record<MarkKind, MarkKindInfo>;

export type KindCountKey = (typeof MARK_KIND_INFO)[MarkKind]['countKey'];

/** The CSS Custom Highlight name a kind is painted with (`::highlight(hpa-person)` in extension/content.css). */
export function highlightName(kind: MarkKind): string {
  return `hpa-${kind}`;
}

/** A value for every kind. */
export function perKind<T>(value: (kind: MarkKind) => T): Record<MarkKind, T> {
  return Object.fromEntries(MARK_KINDS.map((k) => [k, value(k)])) as Record<MarkKind, T>;
}
