// Turns the curated aliases into the engine's compact dictionary, ahead of time:
// generated title forms ("Mr Hunt") and acronym plurals ("CCGs") included.

import { isAcronym } from '../shared/acronym';
import { canonicalText } from '../engine/chars';
import { compileDictionaryAutomaton } from '../engine/engine';
import { TITLES } from '../engine/neighbours';
import {
  AMBIGUOUS,
  CASE_ANY,
  CASE_EXACT,
  CLASS_TRIGGER,
  CONTEXT_WORD,
  FOREIGN_WORD,
  UK_WORD,
  CASE_FIRST,
  NEEDS_PRIOR,
  NOT_THIS_ROLE,
  NO_SENTENCE_START,
  type CaseMode,
  type DictPattern,
  type Dictionary,
  type DictClass,
  type DictEntity,
} from '../engine/dictionary';
import { endOfPeriodExclusive, startOfPeriod } from './dates';
import type { Alias } from './schema';
import type { Sources } from './sources';

// The engine's titles that stand before a surname alone ("Dr Wollaston"; never "Sir Stevens",
// and no KB person is "Mx"), the abbreviated ones also with a full stop ("Dr. Wollaston").
const NOT_BEFORE_SURNAME = new Set(['Sir', 'Dame', 'Lord', 'Lady', 'Baroness', 'Mx']);
const SURNAME_TITLES = [...TITLES].filter((t) => !NOT_BEFORE_SURNAME.has(t));
const TITLES_BEFORE_SURNAME = [...SURNAME_TITLES, ...SURNAME_TITLES.filter((t) => t !== 'Miss' && t !== 'Professor').map((t) => `${t}.`)];

function caseMode(a: Alias): CaseMode {
  return a.case === 'any' ? CASE_ANY : a.case === 'first' ? CASE_FIRST : CASE_EXACT;
}

/**
 * Whether an alias is also an ordinary word or another field's abbreviation, so that it
 * links only on a page with health context: marked `ambiguous: true`, or a two-letter
 * acronym (GP, FT, PM), or one word that is an ordinary English word capitalised (an
 * alias kept off sentence starts, like Monitor, or one any case may match, like trust).
 */
function isAmbiguous(a: Alias): boolean {
  if (a.ambiguous) return true;
  const t = a.text.trim();
  if (/^[A-Z]{2}$/.test(t)) return true;
  if (t.includes(' ') || a.needs === 'prior') return false;
  return /^[A-Za-z]+$/.test(t) && !isAcronym(t) && (a.sentence_start === false || a.case === 'any');
}

/**
 * Health words: each use on a page counts towards its health context (design: "Precision
 * before recall"). Never marked. Lower case, any case on the page.
 */
const HEALTH_WORDS = (
  'healthcare patient patients hospital hospitals doctor doctors nurse nurses nursing clinician clinicians clinic clinics ' +
  'ambulance ambulances paramedic paramedics midwife midwives maternity pharmacist pharmacists pharmacy vaccine vaccines vaccination|' +
  'waiting list|waiting lists|social care|care home|care homes|mental health|general practice|public health'
).split(/[ |]/);

export function compileDictionary(s: Sources, version: string): Dictionary {
  const entities: DictEntity[] = [
    ...s.entities.map((e) => {
      const d: DictEntity = { id: e.value.id, name: e.value.name, kind: e.value.kind };
      const party = e.value.kind === 'person' ? partyOf(e.value.description) : undefined;
      if (party) d.party = party;
      return d;
    }),
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
      flags:
        (a.needs === 'prior' ? NEEDS_PRIOR : 0) |
        (a.sentence_start === false ? NO_SENTENCE_START : 0) |
        (extraFlags & (CLASS_TRIGGER | CONTEXT_WORD) || !isAmbiguous(a) ? 0 : AMBIGUOUS) |
        extraFlags,
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
        for (const t of TITLES_BEFORE_SURNAME) add(i, `${t} ${a.text}`, { ...a, not_preceded_by: undefined });
    }
  }
  for (const r of s.roles) {
    const i = index.get(r.value.id)!;
    for (const a of r.value.aliases as Alias[]) add(i, a.text, a);
    for (const a of (r.value.not_this_role ?? []) as Alias[]) add(i, a.text, a, NOT_THIS_ROLE);
  }

  // Classes: the ends (and starts) of longer names that make them members, matched case-exact.
  const classes: DictClass[] = [];
  for (const e of s.entities) {
    const inst = e.value.instances;
    if (!inst) continue;
    const i = index.get(e.value.id)!;
    const endings = (inst.endings ?? []).map((t) => canonicalText(t.trim()));
    const starts = (inst.starts ?? []).map((t) => canonicalText(t.trim()));
    for (const t of [...endings, ...starts]) add(i, t, { text: t }, CLASS_TRIGGER);
    classes.push({ entity: i, label: inst.label, endings, starts });
  }
  // Health words count towards a page's health context; they belong to no entity in particular (the first).
  for (const w of HEALTH_WORDS) add(0, w, { text: w, case: 'any' }, CONTEXT_WORD);
  // Places that tell whether a page is about another country (its role phrases are not the UK's).
  for (const w of FOREIGN_PLACES) add(0, w, { text: w }, FOREIGN_WORD);
  for (const w of UK_PLACES) add(0, w, { text: w }, UK_WORD);

  const holders: Dictionary['holders'] = [];
  for (const e of s.entities)
    for (const r of e.value.roles ?? []) {
      if (!r.role || !r.start) continue;
      holders.push({
        role: index.get(r.role)!,
        person: index.get(e.value.id)!,
        start: startOfPeriod(r.start),
        end: r.end ? endOfPeriodExclusive(r.end) : null,
      });
    }
  holders.sort((a, b) => a.role - b.role || a.start.localeCompare(b.start));
  return { version, entities, patterns, holders, classes, automaton: compileDictionaryAutomaton(patterns) };
}

/** Other countries and their capitals, case-exact: a page naming them more than UK places is about another country. */
const FOREIGN_PLACES = (
  'Australia|Australian|Australians|Canberra|Canada|Canadian|Canadians|Ottawa|America|American|Americans|Washington|' +
  'New Zealand|Wellington|Ireland|Irish|Dublin|India|Indian|Delhi|United States|US|White House|Congress|Medicare|Medicaid|' +
  'France|Paris|Germany|Berlin'
).split('|');
/** UK places and institutions, case-exact: they count against a page being about another country. */
const UK_PLACES =
  'UK|Britain|British|England|English|Westminster|Whitehall|Downing Street|London|Scotland|Wales|Northern Ireland|NHS'.split('|');

const PARTIES: [RegExp, string][] = [
  [/\b(Conservative|Tory)\b/, 'conservative'],
  [/\bLabour\b/, 'labour'],
  [/\bLiberal Democrats?\b|\bLib Dem\b/, 'liberal-democrat'],
  [/\bSNP\b|Scottish National Party/, 'snp'],
  [/\bPlaid Cymru\b/, 'plaid-cymru'],
  [/\bDUP\b|\bSinn F[eé]in\b/, 'ni-party'],
];

/** The party a person's description names first, if any ("Conservative health secretary from …"). */
function partyOf(description: string): string | undefined {
  let best: { at: number; party: string } | undefined;
  for (const [re, party] of PARTIES) {
    const m = re.exec(description);
    if (m && (!best || m.index < best.at)) best = { at: m.index, party };
  }
  return best?.party;
}
