// The text engine: finds the knowledge base's people, bodies, terms and role phrases in
// running text. No browser globals: the same code runs in the content script, the KB
// build, the annotate command and the tests.

import { findAcronymDefinitions } from './acronyms';
import { compileAutomaton, loadAutomaton, newScanState, scan, type Automaton, type CompiledAutomaton } from './automaton';
import { SKIP, canonicalText, canonicalUnit, isUpperStart, isWordChar, visibleUnit } from './chars';
import {
  canonicalName,
  capitalRun,
  endsWithWords,
  foreignEnglish,
  inTitleCaseLine,
  readRole,
  startsWithWords,
  type RoleContext,
} from './context';
import {
  AMBIGUOUS,
  CASE_ANY,
  CASE_FIRST,
  CLASS_TRIGGER,
  CONTEXT_WORD,
  FOREIGN_WORD,
  NEEDS_PRIOR,
  UK_WORD,
  NOT_THIS_ROLE,
  NO_SENTENCE_START,
  type DictEntity,
  type DictHolder,
  type DictPattern,
  type Dictionary,
  type EntityKind,
} from './dictionary';

export interface Match {
  start: number;
  end: number;
  text: string;
  /** Entity id; for a role phrase, the person it resolves to. */
  id: string;
  name: string;
  kind: EntityKind;
  /** For a role phrase: the role's id. */
  role?: string;
  /** Set when the entity was learned from a definition in this text. */
  learned?: boolean;
  /**
   * Set for a longer name the KB does not know individually but whose class it explains
   * ("Borsetshire Hospitals NHS Foundation Trust"): the class entity's id. `id` is then
   * `class:<class id>:<name as written>`, `name` the name as written, `kind` the class's.
   */
  classOf?: string;
}

export interface AnnotateOptions {
  /** The text's date, YYYY-MM-DD; roles resolve at this date. Defaults to today. */
  date?: string | null;
  /** Ids of entities the surrounding page already named in full (text added to a live page). */
  known?: ReadonlySet<string>;
  /** The page's language (`<html lang>`): another English locale (en-AU, en-US, …) resolves no UK role unless the phrase says UK. */
  lang?: string | null;
}

/** A page has health context with this many distinct unambiguous KB entities on it, or this many health words. */
export const CONTEXT_ENTITIES = 2;
export const CONTEXT_WORDS = 2;
/** A page naming other countries' places at least this often, and more often than UK ones, is about another country. */
export const FOREIGN_PAGE_PLACES = 2;
/** Words after a term that make a compound of their own: "the GP contract" is not the GP. */
/** Between a person's name and a role phrase after it: "Sajid Javid, the former health secretary". */
const APPOSITION_BEFORE = /^,\s+(?:the\s+)?(?:(?:former|ex-|then|previous|last|past|current|Conservative|Tory|Labour)\s+)*$/i;
const COMPOUND_HEADS = new Set(['contract', 'contracts', 'committee', 'committees']);

export interface Engine {
  readonly dictionary: Dictionary;
  annotate(text: string, options?: AnnotateOptions): Match[];
  /** The same, reading a long text in pieces of `piece` characters and awaiting `pause` between them. */
  annotateInPieces(text: string, options: AnnotateOptions, pause: () => Promise<void>, piece?: number): Promise<Match[]>;
}

// Words that may stand capitalised before a surname without making it part of another name.
export const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Professor', 'Sir', 'Dame', 'Lord', 'Lady', 'Baroness', 'Mx']);
const FUNCTION_WORDS = new Set(
  (
    'A An And As At But By For From He Her His How If In It Its Meanwhile Now Of On Or Said Says She So Than That The Then There These ' +
    'They This Those Though To Today Tonight Under Until Usually We What When Where Whether Which While Who Why With Yesterday Yet Also ' +
    'After Although Because Before Both Despite During Either Even Here However Indeed Instead Last Later Like Mostly Next Once Only Perhaps ' +
    'Since Still Thus Whatever Whoever Asked Says Adding Adds Writing Speaking'
  ).split(' '),
);

interface Candidate {
  pattern: number;
  start: number;
  end: number;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function previousWord(text: string, start: number): { word: string; gapIsSpace: boolean } {
  let i = start - 1;
  let gapIsSpace = true;
  while (i >= 0 && !isWordChar(text.charCodeAt(i))) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && c !== 9) gapIsSpace = false;
    i--;
  }
  const end = i + 1;
  while (i >= 0 && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i--;
  return { word: text.slice(i + 1, end).replace(/\.$/, ''), gapIsSpace: gapIsSpace && end < start };
}

function nextWord(text: string, end: number): string {
  let i = end;
  while (i < text.length && !isWordChar(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 0x2029) return '';
    i++;
  }
  const s = i;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return text.slice(s, i);
}

/** True when nothing but opening quotes/brackets and white space stand between `start` and a sentence boundary. */
function atSentenceStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const ch = text.charAt(i);
    if (ch === '\n' || ch === '\u2029' || ch === '•') return true;
    if (/[\s"“‘'([]/.test(ch)) continue;
    return /[.!?:]/.test(ch);
  }
  return true;
}

/** Compares the text's letters with the pattern's under its case mode, without allocating. */
function caseMatches(p: DictPattern, text: string, start: number, end: number): boolean {
  if (p.case === CASE_ANY) return true;
  const want = p.text;
  let k = 0;
  let lastSpace = false;
  for (let i = start; i < end; i++) {
    const u = canonicalUnit(text.charCodeAt(i));
    if (u === SKIP) continue;
    if (u === 32) {
      if (lastSpace) continue;
      lastSpace = true;
    } else lastSpace = false;
    const w = want.charCodeAt(k);
    if (u !== w) {
      if (k !== 0 || p.case !== CASE_FIRST) return false;
      const a = String.fromCharCode(u).toLowerCase();
      if (a !== String.fromCharCode(w).toLowerCase()) return false;
    }
    k++;
  }
  return k === want.length;
}

function resolveHolder(holders: readonly DictHolder[], role: number, date: string): DictHolder | undefined {
  return holders.find((h) => h.role === role && h.start <= date && (h.end === null || date < h.end));
}

/** The dictionary's automaton, compiled from its patterns (the KB build does this once, ahead of time). */
export function compileDictionaryAutomaton(patterns: readonly DictPattern[]): CompiledAutomaton {
  return compileAutomaton(patterns.map((p) => p.text));
}

/** The automaton the dictionary brings, or, if it brings none or a damaged one, one compiled here. */
function automatonFor(dictionary: Dictionary): Automaton {
  const compiled = dictionary.automaton;
  if (compiled && compiled.ends.length === dictionary.patterns.length) {
    try {
      return loadAutomaton(compiled);
    } catch {
      // Damaged, or of another format: the patterns are the source of truth.
    }
  }
  return loadAutomaton(compileDictionaryAutomaton(dictionary.patterns));
}

export function createEngine(dictionary: Dictionary): Engine {
  const patterns = dictionary.patterns.map((p) => ({ ...p, text: canonicalText(p.text) }));
  const automaton = automatonFor(dictionary);
  const entities = dictionary.entities;
  const isSurname = patterns.map((p) => (p.flags & NEEDS_PRIOR) !== 0 && !p.text.includes(' '));
  const notFollowed = patterns.map((p) => (p.notFollowedBy ? new Set(p.notFollowedBy) : null));
  const notPreceded = patterns.map((p) => (p.notPrecededBy ? new Set(p.notPrecededBy) : null));
  // Acronym short forms already in the KB, so a text's own definition can confirm or override
  // them; made on first need (most pages define no acronym).
  let aliasesByEntity: Map<number, Set<string>> | undefined;
  function aliasesOf(entity: number): Set<string> | undefined {
    if (!aliasesByEntity) {
      const byEntity = new Map<number, Set<string>>();
      patterns.forEach((p) => {
        if (p.flags & (CLASS_TRIGGER | CONTEXT_WORD | FOREIGN_WORD | UK_WORD)) return; // not the entity's names
        let set = byEntity.get(p.entity);
        if (!set) byEntity.set(p.entity, (set = new Set()));
        set.add(p.text.toLowerCase());
      });
      aliasesByEntity = byEntity;
    }
    return aliasesByEntity.get(entity);
  }

  /** Whether a long form names the entity: one of its aliases or its name, singular or plural. */
  function namesEntity(entity: number, long: string): boolean {
    const singular = (x: string) => x.replace(/s$/, '');
    const l = singular(canonicalText(long).toLowerCase());
    const names = aliasesOf(entity);
    return singular(entities[entity]!.name.toLowerCase()) === l || [...(names ?? [])].some((a) => singular(a) === l);
  }

  function passesLocalRules(text: string, c: Candidate): boolean {
    const p = patterns[c.pattern]!;
    // Word boundaries, with invisible characters (a soft hyphen inside a word) not there.
    if (isWordChar(text.charCodeAt(c.start)) && isWordChar(visibleUnit(text, c.start, -1))) return false;
    if (isWordChar(text.charCodeAt(c.end - 1)) && isWordChar(visibleUnit(text, c.end, 1))) return false;
    if (!caseMatches(p, text, c.start, c.end)) return false;
    if (p.flags & NO_SENTENCE_START && atSentenceStart(text, c.start)) return false;
    const nf = notFollowed[c.pattern];
    if (nf && nf.has(nextWord(text, c.end))) return false;
    const np = notPreceded[c.pattern];
    if (np || isSurname[c.pattern]) {
      const prev = previousWord(text, c.start);
      if (np && np.has(prev.word)) return false;
      // "Tristram Hunt" is not Jeremy Hunt: a surname right after another capitalised name word.
      if (isSurname[c.pattern] && prev.gapIsSpace && isUpperStart(prev.word) && !TITLES.has(prev.word) && !FUNCTION_WORDS.has(prev.word))
        return false;
    }
    return true;
  }

  /** Health words and place names are only counted (they are never marked): no candidate is kept for them. */
  interface WordCounts {
    health: number;
    foreign: number;
    uk: number;
  }

  function collector(text: string, candidates: Candidate[], counts: WordCounts) {
    return (pattern: number, start: number, end: number) => {
      const c = { pattern, start, end };
      if (!passesLocalRules(text, c)) return;
      const f = patterns[pattern]!.flags;
      if (f & (CONTEXT_WORD | FOREIGN_WORD | UK_WORD)) {
        if (f & CONTEXT_WORD) counts.health++;
        if (f & FOREIGN_WORD) counts.foreign++;
        if (f & UK_WORD) counts.uk++;
        return;
      }
      candidates.push(c);
    };
  }

  const classes = dictionary.classes ?? [];
  const roleIndex = new Map<string, number>();
  entities.forEach((e, i) => {
    if (e.kind === 'role') roleIndex.set(e.id, i);
  });

  /** Whether the page is about health: enough distinct unambiguous KB entities, or health words. */
  function hasHealthContext(candidates: Candidate[], known: ReadonlySet<string> | undefined, healthWords: number): boolean {
    if (healthWords >= CONTEXT_WORDS) return true;
    let words = healthWords;
    const seen = new Set<number>();
    for (const c of candidates) {
      const p = patterns[c.pattern]!;
      if (p.flags & CONTEXT_WORD) {
        if (++words >= CONTEXT_WORDS) return true;
      } else if (!(p.flags & (AMBIGUOUS | CLASS_TRIGGER | NEEDS_PRIOR | NOT_THIS_ROLE)) && entities[p.entity]!.kind !== 'role') {
        seen.add(p.entity);
        if (seen.size >= CONTEXT_ENTITIES) return true;
      }
    }
    return (known?.size ?? 0) >= CONTEXT_ENTITIES;
  }

  /** The class a longer name belongs to, by its ending (longest first; a year after it aside) or its start. */
  function classOfName(written: string): number | undefined {
    const name = written.replace(/ \d{4}$/, ''); // "… Act 2019"
    let best: number | undefined;
    let bestLen = 0;
    for (const k of classes) {
      for (const e of k.endings)
        if (e.length > bestLen && endsWithWords(name, e)) {
          best = k.entity;
          bestLen = e.length;
        }
      for (const st of k.starts)
        if (st.length > bestLen && startsWithWords(name, st)) {
          best = k.entity;
          bestLen = st.length;
        }
    }
    return best;
  }
  const isClassEnding = (words: string) => classes.some((k) => k.endings.includes(words));
  const allEndings = [...new Set(classes.flatMap((k) => k.endings))];
  const allClassWords = [...allEndings, ...classes.flatMap((k) => k.starts)];
  /** Whether a name holds a class's ending or start as whole words anywhere. */
  const hasClassWords = (name: string) => allClassWords.some((w) => ` ${name} `.includes(` ${w} `));
  /** Whether the text just before `end` is a class name's ending, as a whole word ("… Hospital"). */
  function endsClass(text: string, end: number): boolean {
    for (const e of allEndings) {
      const s = end - e.length;
      if (s > 0 && text.startsWith(e, s) && !isWordChar(text.charCodeAt(s - 1))) return true;
    }
    return false;
  }

  function annotate(text: string, options: AnnotateOptions = {}): Match[] {
    const candidates: Candidate[] = [];
    const counts: WordCounts = { health: 0, foreign: 0, uk: 0 };
    scan(automaton, text, collector(text, candidates, counts));
    return decide(text, candidates, options, counts);
  }

  async function annotateInPieces(text: string, options: AnnotateOptions, pause: () => Promise<void>, piece = 400_000): Promise<Match[]> {
    const candidates: Candidate[] = [];
    const counts: WordCounts = { health: 0, foreign: 0, uk: 0 };
    const hit = collector(text, candidates, counts);
    const st = newScanState();
    for (let from = 0; from < text.length; from += piece) {
      if (from > 0) await pause();
      scan(automaton, text, hit, from, from + piece, st);
    }
    if (text.length > piece) await pause(); // the rules on a long text's hits are a piece of work too
    return decide(text, candidates, options, counts);
  }

  /** From raw hits to mentions: the context rules, roles, and acronyms the text defines. */
  function decide(text: string, allCandidates: Candidate[], options: AnnotateOptions, counts: WordCounts): Match[] {
    const date = options.date ?? todayIso();
    const health = hasHealthContext(allCandidates, options.known, counts.health);
    // Ambiguous aliases link only on a page with health context.
    const foreign = counts.foreign;
    const uk = counts.uk;
    const candidates = health ? allCandidates : allCandidates.filter((c) => !(patterns[c.pattern]!.flags & AMBIGUOUS));
    candidates.sort((a, b) => a.start - b.start || b.end - a.end);
    // A page in another English locale, or about another country (its places named more often than the UK's, at least twice).
    const pageForeign = foreignEnglish(options.lang) || (foreign >= FOREIGN_PAGE_PLACES && foreign > uk);
    const ctx: SelectContext = {
      date,
      pageForeign,
      personStarts: personStarts(candidates),
      nameStarts: nameStarts(candidates),
      roleReadings: new Map(),
    };

    // Pass 1 finds who is named in full anywhere; pass 2 lets surnames link to them, so a
    // live blog's later-in-time (earlier-on-page) "Mr McLellan" still finds "Alastair McLellan".
    const hasPriorOnly = candidates.some((c) => patterns[c.pattern]!.flags & NEEDS_PRIOR);
    // When a second pass follows, the first only finds who is named: it makes no matches.
    const first = select(text, candidates, ctx, null, !hasPriorOnly);
    if (hasPriorOnly && options.known?.size)
      entities.forEach((e, i) => {
        if (options.known!.has(e.id) && !first.firstMention.has(i)) first.firstMention.set(i, 0);
      });
    const out = hasPriorOnly ? select(text, candidates, ctx, first.firstMention).matches : first.matches;
    return addLearnedAcronyms(text, out);
  }

  interface SelectContext {
    date: string;
    pageForeign: boolean;
    /** Where a person's full name starts: a longer name never runs into one. */
    personStarts: Set<number>;
    /** Where any KB name starts (class endings aside). */
    nameStarts: Set<number>;
    /** Role phrases already read, by start and entity: the second selection pass reads none again. */
    roleReadings: Map<number, RoleContext>;
  }

  function personStarts(candidates: Candidate[]): Set<number> {
    const out = new Set<number>();
    for (const c of candidates) {
      const p = patterns[c.pattern]!;
      if (entities[p.entity]!.kind === 'person' && !(p.flags & NEEDS_PRIOR)) out.add(c.start);
    }
    return out;
  }

  function nameStarts(candidates: Candidate[]): Set<number> {
    const out = new Set<number>();
    for (const c of candidates) if (!(patterns[c.pattern]!.flags & CLASS_TRIGGER)) out.add(c.start);
    return out;
  }

  /** Previous holder of a role before `date` (of `party`, if given): the one whose term ended last. */
  function previousHolder(role: number, date: string, party: string | undefined): DictHolder | undefined {
    let best: DictHolder | undefined;
    for (const h of dictionary.holders) {
      if (h.role !== role || h.end === null || h.end > date) continue;
      if (party && entities[h.person]!.party !== party) continue;
      if (!best || h.end > best.end!) best = h;
    }
    return best;
  }

  interface Selection {
    matches: Match[];
    firstMention: Map<number, number>;
  }

  /**
   * Leftmost-longest selection of candidates with the context rules. With `named` null,
   * surname-only candidates are left out; otherwise they link to an entity named in full
   * before them, or failing that anywhere in `named`.
   */
  function select(
    text: string,
    candidates: Candidate[],
    sc: SelectContext,
    named: Map<number, number> | null,
    makeMatches = true,
  ): Selection {
    const date = sc.date;
    const firstMention = new Map<number, number>();
    const mention = (entity: number, at: number) => {
      lastFullMention.set(entity, at);
      if (!firstMention.has(entity)) firstMention.set(entity, at);
    };
    const out: Match[] = [];
    const lastFullMention = new Map<number, number>();
    const emit = (c: { start: number; end: number }, entity: DictEntity, kind: EntityKind, role?: string) => {
      if (!makeMatches) return;
      const m: Match = { start: c.start, end: c.end, text: text.slice(c.start, c.end), id: entity.id, name: entity.name, kind };
      if (role) m.role = role;
      out.push(m);
    };
    const emitClass = (r: { start: number; end: number }, cls: number) => {
      if (!makeMatches) return;
      const written = canonicalName(text, r.start, r.end);
      const e = entities[cls]!;
      out.push({
        start: r.start,
        end: r.end,
        text: text.slice(r.start, r.end),
        id: `class:${e.id}:${written}`,
        name: written,
        kind: e.kind,
        classOf: e.id,
      });
    };
    let lastEnd = 0;
    for (let i = 0; i < candidates.length;) {
      const c = candidates[i]!;
      if (c.start < lastEnd) {
        i++;
        continue;
      }
      // Same span claimed by several entities ("Johnson"): the one named most recently wins.
      let j = i + 1;
      while (j < candidates.length && candidates[j]!.start === c.start && candidates[j]!.end === c.end) j++;
      let best: Candidate | undefined;
      let bestSeen = -Infinity;
      let trigger: Candidate | undefined;
      for (let k = i; k < j; k++) {
        const ck = candidates[k]!;
        const p = patterns[ck.pattern]!;
        if (p.flags & CLASS_TRIGGER) {
          trigger ??= ck;
          continue;
        }
        if (p.flags & NEEDS_PRIOR) {
          if (!named) continue;
          // Named before: the latest such naming wins; named only later: ranks below any earlier naming.
          const before = lastFullMention.get(p.entity);
          const later = named.get(p.entity);
          const seen = before ?? (later !== undefined ? -1 - later / (text.length + 1) : undefined);
          if (seen === undefined || seen <= bestSeen) continue;
          best = ck;
          bestSeen = seen;
        } else if (!best) {
          best = ck;
          bestSeen = Number.MAX_SAFE_INTEGER;
        }
      }
      i = j;
      const head = best ?? trigger;
      if (!head) continue;
      // A hit inside a longer proper name is not that name: "Borsetshire Hospitals NHS Foundation
      // Trust" is not the NHS. The whole name links to its class when the KB explains one.
      const headEntity = entities[patterns[head.pattern]!.entity]!;
      if (headEntity.kind === 'body' || headEntity.kind === 'term') {
        const plural = /[A-Z]s$/.test(text.slice(head.start, head.end));
        const isName = (at: number) => sc.nameStarts.has(at);
        const ends = (at: number) => endsClass(text, at);
        const run = capitalRun(text, head.start, head.end, lastEnd, (at) => sc.personStarts.has(at), plural, isName, ends);
        if (run.start !== head.start || run.end !== head.end) {
          const left = canonicalName(text, run.start, head.start).trim();
          const right = canonicalName(text, head.end, run.end).trim();
          // A known body named with its class's ending or the NHS prefix ("NHS Kent and Medway ICB") is still that body.
          if (best && headEntity.kind === 'body' && (left === '' || left === 'NHS') && (right === '' || isClassEnding(right))) {
            lastEnd = run.end;
            mention(patterns[best.pattern]!.entity, run.start);
            emit(run, headEntity, 'body');
            continue;
          }
          const cls = classOfName(canonicalName(text, run.start, run.end));
          if (cls !== undefined) {
            lastEnd = run.end;
            emitClass(run, cls);
            continue;
          }
          // In a headline set in title case capitals name nothing: the hit stands alone, unless
          // part of a class's name is in its run ("… Hospitals NHS Foundation Trust Rated Inadequate").
          if (!(inTitleCaseLine(text, head.start) && best && !hasClassWords(canonicalName(text, run.start, run.end)))) {
            // No class: the name ends where another KB name starts ("NHS ALBs" are two names side by side).
            const own = capitalRun(
              text,
              head.start,
              head.end,
              lastEnd,
              (at) => sc.personStarts.has(at) || isName(at),
              plural,
              isName,
              ends,
            );
            if (own.start !== head.start || own.end !== head.end) {
              lastEnd = own.end;
              continue;
            }
          }
        }
        if (!best) continue; // a class's ending alone ("Hospital") is no name
        // "the GP contract": a term followed by a compound's head word is that compound, not the term.
        if (headEntity.kind === 'term' && COMPOUND_HEADS.has(nextWord(text, head.end).toLowerCase())) {
          lastEnd = head.end;
          continue;
        }
      }
      if (!best) continue;
      const p = patterns[best.pattern]!;
      const entity = entities[p.entity]!;
      lastEnd = best.end;

      if (entity.kind !== 'role') {
        if (!(p.flags & NEEDS_PRIOR)) mention(p.entity, best.start);
        emit(best, entity, entity.kind);
        continue;
      }
      // The words around a role phrase: former, shadow, a party, a country, the page's language.
      const roleKey = best.start * 8192 + p.entity;
      let rc = sc.roleReadings.get(roleKey);
      if (!rc) {
        rc = readRole(text, best.start, entity.id, text.slice(best.start, best.end), sc.pageForeign, (p.flags & NOT_THIS_ROLE) === 0);
        sc.roleReadings.set(roleKey, rc);
      }
      let reading = rc.reading;
      // A listed longer phrase ("former health secretary", "US health secretary") reads only as past or devolved.
      if (p.flags & NOT_THIS_ROLE && reading.mode === 'now') reading = { mode: 'none' };
      if (reading.mode === 'none') continue;
      // A body inside the phrase ("NHS England chief executive") is linked as the body, the rest as the role.
      const parts = splitBody(text, candidates, j, best);
      // Apposition: "Health Secretary Matt Hancock", "the health secretary, Wes Streeting,", "Simon Stevens, chief executive of NHS England".
      const last = out[out.length - 1];
      const namedPerson =
        namedPersonAfter(text, candidates, j, best.end) ??
        (last && last.kind === 'person' && last.end <= best.start && APPOSITION_BEFORE.test(text.slice(last.end, best.start))
          ? entities.findIndex((e) => e.id === last.id)
          : undefined);
      let person: number | undefined;
      if (namedPerson !== undefined && namedPerson >= 0) person = namedPerson;
      else {
        const role = reading.mode === 'devolved' ? roleIndex.get(reading.role) : p.entity;
        if (role === undefined) continue;
        const holder = reading.mode === 'past' ? previousHolder(role, date, rc.party) : resolveHolder(dictionary.holders, role, date);
        if (!holder) continue;
        if (rc.party && entities[holder.person]!.party && entities[holder.person]!.party !== rc.party) continue;
        person = holder.person;
        mention(holder.person, best.start);
      }
      const roleId = reading.mode === 'devolved' ? reading.role : entity.id;
      if (!parts) emit(best, entities[person]!, 'role', roleId);
      else
        for (const part of parts)
          if (part.body === undefined) emit(part, entities[person]!, 'role', roleId);
          else {
            mention(part.body, part.start);
            emit(part, entities[part.body]!, 'body');
          }
    }
    return { matches: out, firstMention };
  }

  /** The body named inside a role phrase, and the phrase's other words: [role part, body] in text order; null if none. */
  function splitBody(
    text: string,
    candidates: Candidate[],
    from: number,
    role: Candidate,
  ): { start: number; end: number; body?: number }[] | null {
    let body: Candidate | undefined;
    for (let k = from; k < candidates.length && candidates[k]!.start < role.end; k++) {
      const c = candidates[k]!;
      const p = patterns[c.pattern]!;
      if (c.end > role.end || p.flags & (NEEDS_PRIOR | CLASS_TRIGGER) || entities[p.entity]!.kind !== 'body') continue;
      if (!body || c.end - c.start > body.end - body.start) body = c;
    }
    // Also a body at the very start of the phrase (same start as the role phrase, sorted before it).
    for (let k = from - 1; k >= 0 && candidates[k]!.start === role.start; k--) {
      const c = candidates[k]!;
      const p = patterns[c.pattern]!;
      if (c.end >= role.end || p.flags & (NEEDS_PRIOR | CLASS_TRIGGER) || entities[p.entity]!.kind !== 'body') continue;
      if (!body || c.end - c.start > body.end - body.start) body = c;
    }
    if (!body) return null;
    const b = patterns[body.pattern]!.entity;
    if (body.start === role.start) {
      const rest = /^(?:['\u2019]s)?\s+/.exec(text.slice(body.end, role.end));
      const rs = body.end + (rest ? rest[0].length : 0);
      return rs < role.end
        ? [
            { start: body.start, end: body.end, body: b },
            { start: rs, end: role.end },
          ]
        : null;
    }
    const lead = /\s+(?:of|at)?\s*$/.exec(text.slice(role.start, body.start));
    const re = body.start - (lead ? lead[0].length : 0);
    return re > role.start
      ? [
          { start: role.start, end: re },
          { start: body.start, end: body.end, body: b },
        ]
      : null;
  }

  function namedPersonAfter(text: string, candidates: Candidate[], from: number, end: number): number | undefined {
    for (let k = from; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.start < end) continue;
      const gap = text.slice(end, c.start);
      const comma = /^,[ \u00A0]+$/.test(gap);
      if (!comma && !/^[ \u00A0]+$/.test(gap)) return undefined;
      const p = patterns[c.pattern]!;
      // "the health secretary, Wes Streeting, said": after a comma, the name is set off by another.
      if (entities[p.entity]!.kind === 'person' && !(p.flags & NEEDS_PRIOR) && (!comma || /^[,)]|^$/.test(text.charAt(c.end))))
        return p.entity;
      if (c.start > end + 3) return undefined;
    }
    return undefined;
  }

  function addLearnedAcronyms(text: string, matches: Match[]): Match[] {
    const defs = findAcronymDefinitions(text);
    if (defs.length === 0) return matches;
    let result = matches;
    const seen = new Set<string>();
    for (const def of defs) {
      if (seen.has(def.short)) continue; // the first definition holds for the whole text
      seen.add(def.short);
      // What the long form was matched as, if anything.
      const longMatch =
        result.find((m) => m.start <= def.longStart && m.end >= def.longEnd) ??
        result.find((m) => m.start >= def.longStart && m.end === def.longEnd);
      let target: { id: string; name: string; kind: EntityKind; learned?: boolean };
      if (longMatch && longMatch.kind !== 'role') target = { id: longMatch.id, name: longMatch.name, kind: longMatch.kind };
      else {
        const known = result.find((m) => m.start === def.shortStart);
        const knownEntity = known ? entities.findIndex((e) => e.id === known.id) : -1;
        if (known && knownEntity >= 0 && namesEntity(knownEntity, def.long)) continue;
        target = { id: `learned:${def.short}`, name: canonicalText(def.long).trim(), kind: 'term', learned: true };
      }
      const uses = findShortFormUses(text, def.short, def.shortStart);
      if (uses.length === 0) continue;
      const useStarts = new Set(uses.map((u) => u[0]));
      // A text's own definition beats the KB's reading of the same letters from here on.
      const kept = result.filter((m) => !(useStarts.has(m.start) && m.start >= def.shortStart));
      const added: Match[] = [];
      for (const [s, e] of uses) {
        if (kept.some((m) => m.start < e && s < m.end)) continue;
        const m: Match = { start: s, end: e, text: text.slice(s, e), id: target.id, name: target.name, kind: target.kind };
        if (target.learned) m.learned = true;
        added.push(m);
      }
      result = kept.concat(added).sort((a, b) => a.start - b.start);
    }
    return result;
  }

  return { dictionary, annotate, annotateInPieces };
}

/** Case-exact uses of a short form (and its plural) from `from` on, on word boundaries. */
function findShortFormUses(text: string, short: string, from: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = text.indexOf(short, from); i >= 0; i = text.indexOf(short, i + 1)) {
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) continue;
    let e = i + short.length;
    if (text.charAt(e) === 's' && !isWordChar(text.charCodeAt(e + 1))) e++;
    if (e < text.length && isWordChar(text.charCodeAt(e))) continue;
    out.push([i, e]);
  }
  return out;
}
