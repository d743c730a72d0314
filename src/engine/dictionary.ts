// The compact dictionary the KB build emits and the engine compiles: everything the
// page-side matcher needs and nothing the cards need.

import type { CompiledAutomaton } from './automaton';

export type EntityKind = 'person' | 'body' | 'term' | 'role';

export interface DictEntity {
  id: string;
  name: string;
  kind: EntityKind;
}

/** How the letters of an alias must match: exactly, first letter either case, or any case. */
export const CASE_EXACT = 0;
export const CASE_FIRST = 1;
export const CASE_ANY = 2;
export type CaseMode = typeof CASE_EXACT | typeof CASE_FIRST | typeof CASE_ANY;

/** Pattern flags. */
export const NEEDS_PRIOR = 1; // links only after a full mention of the same entity in the text
export const NO_SENTENCE_START = 2; // never at the start of a sentence
export const NOT_THIS_ROLE = 4; // a longer phrase that blocks a role reading; yields nothing itself

export interface DictPattern {
  text: string;
  entity: number;
  case: CaseMode;
  flags: number;
  notFollowedBy?: string[];
  notPrecededBy?: string[];
}

export interface DictHolder {
  role: number;
  person: number;
  /** Inclusive start and exclusive end, full ISO dates; end null while current. */
  start: string;
  end: string | null;
}

export interface Dictionary {
  version: string;
  entities: DictEntity[];
  patterns: DictPattern[];
  holders: DictHolder[];
  /** The patterns' automaton, compiled by the KB build so that pages do not compile it. */
  automaton?: CompiledAutomaton;
}
