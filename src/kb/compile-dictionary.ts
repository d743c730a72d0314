// Turns the curated aliases into the engine's compact dictionary, ahead of time:
// generated title forms ("Mr Hunt") and acronym plurals ("CCGs") included.

import { canonicalText } from '../engine/chars';
import { compileDictionaryAutomaton } from '../engine/engine';
import {
  CASE_ANY,
  CASE_EXACT,
  CASE_FIRST,
  NEEDS_PRIOR,
  NOT_THIS_ROLE,
  NO_SENTENCE_START,
  type CaseMode,
  type DictPattern,
  type Dictionary,
  type DictEntity,
} from '../engine/dictionary';
import { endOfPeriodExclusive, startOfPeriod } from './dates';
import type { Alias } from './schema';
import type { Sources } from './sources';

const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Professor', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.'];
const ACRONYM = /^[A-Z0-9&]+$/;

function caseMode(a: Alias): CaseMode {
  return a.case === 'any' ? CASE_ANY : a.case === 'first' ? CASE_FIRST : CASE_EXACT;
}

export function isAcronym(text: string): boolean {
  return ACRONYM.test(text) && (text.match(/[A-Z]/g) ?? []).length >= 2;
}

export function compileDictionary(s: Sources, version: string): Dictionary {
  const entities: DictEntity[] = [
    ...s.entities.map((e) => ({ id: e.value.id, name: e.value.name, kind: e.value.kind })),
    ...s.roles.map((r) => ({ id: r.value.id, name: r.value.name, kind: 'role' as const })),
  ];
  const index = new Map(entities.map((e, i) => [e.id, i]));
  const patterns: DictPattern[] = [];
  const seen = new Set<string>();
  const add = (entity: number, text: string, a: Alias, extraFlags = 0) => {
    const canonical = canonicalText(text.trim());
    const key = `${entity}\u0000${canonical}\u0000${extraFlags}`;
    if (seen.has(key)) return;
    seen.add(key);
    const p: DictPattern = {
      text: canonical,
      entity,
      case: caseMode(a),
      flags: (a.needs === 'prior' ? NEEDS_PRIOR : 0) | (a.sentence_start === false ? NO_SENTENCE_START : 0) | extraFlags,
    };
    if (a.not_followed_by?.length) p.notFollowedBy = a.not_followed_by;
    if (a.not_preceded_by?.length) p.notPrecededBy = a.not_preceded_by;
    patterns.push(p);
  };

  for (const e of s.entities) {
    const i = index.get(e.value.id)!;
    for (const a of e.value.aliases as Alias[]) {
      add(i, a.text, a);
      if ((a.case ?? 'exact') === 'exact' && isAcronym(a.text)) add(i, `${a.text}s`, a);
      if (e.value.kind === 'person' && a.needs === 'prior' && !a.text.includes(' '))
        for (const t of TITLES) add(i, `${t} ${a.text}`, { ...a, not_preceded_by: undefined });
    }
  }
  for (const r of s.roles) {
    const i = index.get(r.value.id)!;
    for (const a of r.value.aliases as Alias[]) add(i, a.text, a);
    for (const a of (r.value.not_this_role ?? []) as Alias[]) add(i, a.text, a, NOT_THIS_ROLE);
  }

  const holders: Dictionary['holders'] = [];
  for (const e of s.entities)
    for (const r of e.value.roles ?? []) {
      if (!r.role || !r.start) continue;
      holders.push({ role: index.get(r.role)!, person: index.get(e.value.id)!, start: startOfPeriod(r.start), end: r.end ? endOfPeriodExclusive(r.end) : null });
    }
  holders.sort((a, b) => a.role - b.role || a.start.localeCompare(b.start));
  return { version, entities, patterns, holders, automaton: compileDictionaryAutomaton(patterns) };
}
