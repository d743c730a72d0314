// The compact dictionary the KB build emits and the engine compiles: everything the
// page-side matcher needs and nothing the cards need.

import type { CompiledAutomaton } from './automaton';
import type { KbEntityKind } from './kinds';

/** Role phrases are entities of their own in the dictionary. */
export type EntityKind = KbEntityKind | 'role';

export interface DictEntity {
  id: string;
  name: string;
  kind: EntityKind;
  /** People: the party their description names first (conservative, labour, …), for role phrases with a party word. */
  party?: string;
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
export const AMBIGUOUS = 8; // also an ordinary word or another field's abbreviation: links only on a page with health context
export const CLASS_TRIGGER = 16; // the end (or start) of a longer name of a class the KB explains ("… NHS Foundation Trust"); yields nothing alone
export const CONTEXT_WORD = 32; // a health word ("patients", "hospital"): counts towards health context, never a mark
export const FOREIGN_WORD = 64; // another country's name or capital ("Australia", "Ottawa"): counts towards a page about another country
export const UK_WORD = 128; // a UK place or institution ("Britain", "Westminster"): counts against it

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

/** A class of body or thing the KB explains, whose individual members it need not know ("an NHS foundation trust"). */
export interface DictClass {
  /** The entity that explains the class. */
  entity: number;
  /** How a member is described on its card: "an NHS foundation trust". */
  label: string;
  /** Canonical name endings ("NHS Foundation Trust", "Act") and starts ("Royal College of") that make a longer name a member. */
  endings: string[];
  starts: string[];
}

export interface Dictionary {
  version: string;
  entities: DictEntity[];
  patterns: DictPattern[];
  holders: DictHolder[];
  classes?: DictClass[];
  /** The patterns' automaton, compiled by the KB build so that pages do not compile it. */
  automaton?: CompiledAutomaton;
}
