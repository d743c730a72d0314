// The text engine: finds the knowledge base's people, bodies, terms and role phrases in
// running text. No browser globals: the same code runs in the content script, the KB
// build, the annotate command and the tests. This module assembles the passes: the scan
// with the hit rules (hit-rules.ts), the page's context (page-context.ts), two selection
// passes (select.ts, selection-order.ts) and the acronyms the text defines (acronyms.ts).

import { learnedAcronyms } from './acronyms';
import { compileAutomaton, loadAutomaton, newScanState, scan, type Automaton, type CompiledAutomaton } from './automaton';
import { classNames } from './class-names';
import { AMBIGUOUS, CONTEXT_WORD, FOREIGN_WORD, NEEDS_PRIOR, UK_WORD, type DictPattern, type Dictionary } from './dictionary';
import { passesHitRules, preparePatterns } from './hit-rules';
import type { Match } from './match';
import { hasHealthContext, isForeignPage } from './page-context';
import { nameStarts, personStarts, select, type SelectContext, type SelectionKb } from './select';
import { compareSpans, type Candidate } from './selection-order';
import { todayIso } from './today';

export type { Match } from './match';
export { CONTEXT_ENTITIES, CONTEXT_WORDS, FOREIGN_PAGE_PLACES } from './page-context';

export interface AnnotateOptions {
  /** The text's date, YYYY-MM-DD; roles resolve at this date. Defaults to today. */
  date?: string | null;
  /** Ids of entities the surrounding page already named in full (text added to a live page). */
  known?: ReadonlySet<string>;
  /** The page's language (`<html lang>`): another English locale (en-AU, en-US, …) resolves no UK role unless the phrase says UK. */
  lang?: string | null;
}

export interface Engine {
  readonly dictionary: Dictionary;
  annotate(text: string, options?: AnnotateOptions): Match[];
  /** The same, reading a long text in pieces of `piece` characters and awaiting `pause` between them. */
  annotateInPieces(text: string, options: AnnotateOptions, pause: () => Promise<void>, piece?: number): Promise<Match[]>;
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

/** Health words and place names are only counted (they are never marked): no candidate is kept for them. */
interface WordCounts {
  health: number;
  foreign: number;
  uk: number;
}

export function createEngine(dictionary: Dictionary): Engine {
  const patterns = preparePatterns(dictionary.patterns);
  const automaton = automatonFor(dictionary);
  const entities = dictionary.entities;
  const roleIndex = new Map<string, number>();
  entities.forEach((e, i) => {
    if (e.kind === 'role') roleIndex.set(e.id, i);
  });
  const kb: SelectionKb = { patterns, entities, holders: dictionary.holders, classes: classNames(dictionary.classes ?? []), roleIndex };
  const addLearnedAcronyms = learnedAcronyms(patterns, entities);

  /** The scan's callback: each hit that passes the hit rules is counted (health words, places) or kept as a candidate. */
  function collector(text: string, candidates: Candidate[], counts: WordCounts) {
    return (pattern: number, start: number, end: number) => {
      const p = patterns[pattern]!;
      if (!passesHitRules(p, text, start, end)) return;
      const f = p.flags;
      if (f & (CONTEXT_WORD | FOREIGN_WORD | UK_WORD)) {
        if (f & CONTEXT_WORD) counts.health++;
        if (f & FOREIGN_WORD) counts.foreign++;
        if (f & UK_WORD) counts.uk++;
        return;
      }
      candidates.push({ pattern, start, end });
    };
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
    const health = hasHealthContext(allCandidates, patterns, entities, options.known, counts.health);
    // Ambiguous aliases link only on a page with health context.
    const candidates = health ? allCandidates : allCandidates.filter((c) => !(patterns[c.pattern]!.flags & AMBIGUOUS));
    candidates.sort(compareSpans);
    const ctx: SelectContext = {
      date: options.date ?? todayIso(),
      pageForeign: isForeignPage(options.lang, counts.foreign, counts.uk),
      personStarts: personStarts(kb, candidates),
      nameStarts: nameStarts(kb, candidates),
      roleReadings: new Map(),
    };

    // Pass 1 finds who is named in full anywhere; pass 2 lets surnames link to them, so a
    // live blog's later-in-time (earlier-on-page) "Mr McLellan" still finds "Alastair McLellan".
    const hasPriorOnly = candidates.some((c) => patterns[c.pattern]!.flags & NEEDS_PRIOR);
    // When a second pass follows, the first only finds who is named: it makes no matches.
    const first = select(kb, text, candidates, ctx, null, !hasPriorOnly);
    if (hasPriorOnly && options.known?.size)
      entities.forEach((e, i) => {
        if (options.known!.has(e.id) && !first.firstMention.has(i)) first.firstMention.set(i, 0);
      });
    const out = hasPriorOnly ? select(kb, text, candidates, ctx, first.firstMention).matches : first.matches;
    return addLearnedAcronyms(text, out);
  }

  return { dictionary, annotate, annotateInPieces };
}
