// What an article names that the KB might want: capitalised names, acronyms (with the
// long form the article gives), role phrases and pledge-like sentences. Spans the engine
// already linked, and texts the KB or its ignore list already holds, are left out.

import { findAcronymDefinitions } from '../engine/acronyms';
import { isAcronymToken, singularAcronym } from '../shared/acronym';
import { sentences, tokens, type Span } from './propose-sentences';

export type CandidateKind = 'name' | 'acronym' | 'role' | 'pledge';

export interface Candidate {
  kind: CandidateKind;
  text: string;
  /** For an acronym the article defines: its long form. */
  long?: string;
  sentence: string;
}

interface Known {
  /** Offsets [start, end) the engine linked in this text. */
  linked: readonly { start: number; end: number }[];
  /** Is this text (an alias, an ignored name) already in the KB? */
  has: (text: string) => boolean;
  /** Does this sentence quote a pledge the KB holds? */
  quotesPledge: (sentence: string) => boolean;
}

const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'upon', 'de', '&']);
// Capitalised but not names by themselves: function words, titles, days and months.
const NOT_NAME = new Set(
  (
    'A An And As At But By For From He Her His How I If In It Its Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Baroness Of On Or ' +
    'She So That The Then There These They This Those To We What When Where Which While Who Why With Yet Our Their Your My You ' +
    'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
  ).split(' '),
);
// What may stand right before a word that opens a sentence or a heading's tail: a colon,
// an opening quote or bracket, a bullet, a dash, a live blog's time stamp ("6.06pm").
const OPENER_BEFORE = /(?:[:“"‘(•–—]|\d[ap]m)\s*$/;
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const withoutPossessive = (s: Span): Span => {
  const m = s.text.match(/['’]s$|(?<=s)['’]$/);
  return m ? { text: s.text.slice(0, -m[0].length), start: s.start, end: s.end - m[0].length } : s;
};

const ROLE =
  'chief executive officer|chief executive|chief operating officer|chief medical officer|chief nursing officer|medical director|national director|director general|director|chairman|chairwoman|chair|president|general secretary|secretary of state|secretary|minister|commissioner';
const CAP_RUN = "[A-Z][\\w’'&-]*(?: (?:of |and |for |the )?[A-Z][\\w’'&-]*)*";
const ROLE_PATTERNS = [
  // "NHS Providers chief executive"
  new RegExp(`\\b${CAP_RUN} (?:${ROLE})\\b`, 'g'),
  // "chair of the Health Select Committee", "chief executive at NHS England"
  new RegExp(`\\b(?:${ROLE}) (?:of|at) (?:the )?${CAP_RUN}`, 'g'),
  // "health minister", "shadow health secretary", "public health minister"
  /\b(?:shadow )?(?:[a-z]+ )?[a-z]+ (?:minister|secretary)\b/g,
];
// Words that may stand before "minister"/"secretary" without naming a brief.
const NOT_A_BRIEF = new Set(
  'the a an said says his her their its our new former then junior senior current previous next this that as and or to of by with for from was is be been influential outgoing incoming embattled beleaguered veteran powerful respected'.split(
    ' ',
  ),
);

const COMMITMENT =
  /\b(?:will|shall|pledge[sd]?|pledging|promise[sd]?|promising|commit(?:s|ted|ting|ment|ments)?|vow(?:s|ed)?|guarantee[sd]?)\b|\bby (?:the end of )?(?:19|20)\d\d\b|\bwithin (?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:years?|months?|weeks?|days?)\b/i;
const DATE_OR_NUMBER =
  /\b(?:19|20)\d\d\b|\d|£|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion)\b/i;

export function findCandidates(text: string, known: Known): Candidate[] {
  const covered = new Uint8Array(text.length + 1);
  for (const m of known.linked) covered.fill(1, m.start, m.end);
  const isLinked = (s: { start: number; end: number }) => covered.subarray(s.start, s.end).some((x) => x === 1);
  const out: Candidate[] = [];
  const definitions = new Map(findAcronymDefinitions(text).map((d) => [d.short, d.long]));

  for (const sentence of sentences(text)) {
    const add = (kind: CandidateKind, span: Span, long?: string) => {
      if (isLinked(span) || known.has(span.text)) return;
      out.push(long ? { kind, text: span.text, long, sentence: sentence.text } : { kind, text: span.text, sentence: sentence.text });
    };
    const words = tokens(sentence.text, sentence.start);

    for (const w of words)
      if (isAcronymToken(w.text)) {
        const text = singularAcronym(w.text);
        const core = { ...w, text, end: w.end - (w.text.length - text.length) };
        add('acronym', core, definitions.get(core.text));
      }

    // Runs of capitalised words joined by single spaces (connectors allowed inside); a
    // linked word or an acronym on its own breaks the run.
    const nameWord = (w: Span) => isCapitalised(w.text) && !isLinked(w) && !isAcronymToken(w.text);
    const gap = (a: Span, b: Span) => text.slice(a.end, b.start) === ' ';
    for (let i = 0; i < words.length;) {
      if (!nameWord(words[i]!)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < words.length && gap(words[j]!, words[j + 1]!)) {
        const next = words[j + 1]!;
        if (nameWord(next)) j++;
        else if (CONNECTORS.has(next.text) && j + 2 < words.length && gap(next, words[j + 2]!) && nameWord(words[j + 2]!)) j += 2;
        else break;
      }
      let run = words.slice(i, j + 1);
      while (run.length && (NOT_NAME.has(run[0]!.text) || CONNECTORS.has(run[0]!.text))) run = run.slice(1);
      while (run.length && (NOT_NAME.has(run[run.length - 1]!.text) || CONNECTORS.has(run[run.length - 1]!.text))) run = run.slice(0, -1);
      const opensSentence =
        run.length > 0 &&
        (run[0] === words[0] || OPENER_BEFORE.test(text.slice(Math.max(sentence.start, run[0]!.start - 12), run[0]!.start)));
      // A handle or a hashtag (@HSJNews, #NHSLecture) and "I’ll" are not names.
      if (run.length > 0 && (/[@#]$/.test(text.slice(0, run[0]!.start)) || /^I['’]/.test(run[0]!.text))) run = run.slice(1);
      // A single capitalised word that opens a sentence is just how sentences start.
      if (run.length > 1 || (run.length === 1 && !opensSentence)) {
        const last = withoutPossessive(run[run.length - 1]!);
        add('name', { text: text.slice(run[0]!.start, last.end), start: run[0]!.start, end: last.end });
      }
      i = j + 1;
    }

    for (const pattern of ROLE_PATTERNS)
      for (const m of sentence.text.matchAll(pattern)) {
        let phrase = m[0];
        let start = sentence.start + m.index;
        const first = phrase.split(' ')[0]!;
        if (NOT_A_BRIEF.has(first.toLowerCase())) {
          phrase = phrase.slice(first.length + 1);
          start += first.length + 1;
        }
        if (phrase.split(' ').length < 2 || NOT_A_BRIEF.has(phrase.split(' ')[0]!.toLowerCase())) continue;
        add('role', { text: phrase, start, end: start + phrase.length });
      }

    if (COMMITMENT.test(sentence.text) && DATE_OR_NUMBER.test(sentence.text) && !known.quotesPledge(sentence.text)) add('pledge', sentence);
  }
  return out;
}

export interface Proposal extends Candidate {
  count: number;
  file: string;
}

/** Candidates across files, one per kind and text, most frequent first, with the first sentence each came from. */
export function rankCandidates(perFile: { file: string; candidates: Candidate[] }[]): Proposal[] {
  const byKey = new Map<string, Proposal>();
  for (const { file, candidates } of perFile)
    for (const c of candidates) {
      const key = `${c.kind}\u0000${c.kind === 'role' ? c.text.toLowerCase() : c.text}`;
      const seen = byKey.get(key);
      if (seen) {
        seen.count++;
        if (!seen.long && c.long) seen.long = c.long;
      } else byKey.set(key, { ...c, count: 1, file });
    }
  // Stable sort: equal counts keep the order of first appearance.
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}
