// Context rules that look at the words around a hit: longer proper names a hit sits in,
// and the words before a role phrase (former, shadow, a party, a country). They run on
// the automaton's hits only, reading a few words either side.

import { canonicalText, isUpperStart, isWordChar } from './chars';

/** Words that join the capitalised words of one name: "Guy's and St Thomas'", "Royal College of Nursing". */
const CONNECTORS = new Set(['and', 'of', 'the', '&', 'for', 'upon']);
/** Capitalised words a name does not run on into on its right: titles of posts ("NHS England Chief Executive"), honours. */
const RIGHT_STOP = new Set(
  (
    'Chief Executive Chair Chairman Chairwoman Director Secretary Minister President Officer CEO Head Leader Spokesperson Spokesman ' +
    'Spokeswoman Medical MP MPs MSP MS AM KC QC OBE CBE MBE DBE Said Says I January February March April May June July August ' +
    'September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
  ).split(' '),
);
/** Capitalised words a name does not run back into on its left. */
const LEFT_STOP = new Set(
  (
    'A An And As At But By For From He Her His How If In It Its Meanwhile Now Of On Or Said Says She So Than That The Then There These ' +
    'They This Those Though To Today Tonight Under Until We What When Where Whether Which While Who Why With Yesterday Yet Also After ' +
    'Although Because Before Both Despite During Either Even Here However Indeed Instead Later Like Mostly Next Once Only Perhaps Since ' +
    'Still Thus Every Each Many Some Most All No Not Its Our Their Your My I Former Mr Mrs Ms Dr Prof Professor Sir Dame Lord Lady ' +
    'NHS UK New Read Follow Everyone Everybody Latest More Watch See Join Subscribe Sign Download Exclusive Breaking Analysis Comment ' +
    'Opinion Editorial Live Update Updated Top Best Local National Regional Other Two Three Four Several Senior Leading Why How ' +
    'Find Get Click Share Listen Explore Discover Meet Inside Exclusive Revealed Poll Labour Tory Conservative Government'
  ).split(' '),
);
/** Nationality words that qualify a plural ("Australian GPs" are doctors; "the Australian GP" is a race). */
const NATIONALITIES = new Set('British English Scottish Welsh Irish Australian Canadian American US New Zealand Indian'.split(' '));

export interface Run {
  start: number;
  end: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 9 || c === 0x202f;
}
function isNameChar(c: number): boolean {
  // Letters and digits, and the apostrophes and hyphens inside a word (Guy's, Made-up).
  return isWordChar(c) || c === 39 || c === 0x2019 || c === 45 || c === 0x2010 || c === 0x2011;
}

/** The word starting at `i` (after spaces only; a line or block break ends the run): [start, end) or null. */
function wordAfter(text: string, i: number, limit: number): [number, number] | null {
  const from = i;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  if (i === from || i >= limit) return null;
  if (text.charCodeAt(i) === 38) return [i, i + 1]; // &
  const s = i;
  while (i < limit && isNameChar(text.charCodeAt(i))) i++;
  while (i > s && !isWordChar(text.charCodeAt(i - 1))) i--; // a closing quote or trailing hyphen is not part of it
  return i > s ? [s, i] : null;
}

function wordBefore(text: string, i: number, floor: number): [number, number] | null {
  const to = i;
  while (i > floor && isSpace(text.charCodeAt(i - 1))) i--;
  if (i === to || i <= floor) return null;
  if (text.charCodeAt(i - 1) === 38) return [i - 1, i];
  const e = i;
  while (i > floor && isNameChar(text.charCodeAt(i - 1))) i--;
  while (i < e && !isWordChar(text.charCodeAt(i))) i++;
  return i < e ? [i, e] : null;
}

const isNameWord = (w: string, stop: Set<string>) => (isUpperStart(w) || /^\d{4}$/.test(w)) && !stop.has(w);
const possessive = (w: string) => /['\u2019]s?$/.test(w);

/**
 * The run of capitalised words, joined by and/of/the/&, that a hit at [start, end) sits in:
 * "Borsetshire Hospitals NHS Foundation Trust" around "NHS". Never reaches back before
 * `floor` (the end of the previous mark) nor into `stopAt` (where a person's name starts); a
 * connector never joins on a word where another KB name starts (`nameAt`): "NHS England and NHS
 * Improvement" are two names; nor after a complete class name (`endsClass`).
 */
export function capitalRun(
  text: string,
  start: number,
  end: number,
  floor: number,
  stopAt: (at: number) => boolean,
  plural: boolean,
  nameAt: (at: number) => boolean = () => false,
  endsClass: (end: number) => boolean = () => false,
): Run {
  let e = end;
  for (let words = 0; words < 8; words++) {
    const w = wordAfter(text, e, text.length);
    if (!w || stopAt(w[0])) break;
    const word = text.slice(w[0], w[1]);
    if (isNameWord(word, RIGHT_STOP) && !(/^\d{4}$/.test(word) && !/\bAct$/.test(text.slice(start, e)))) {
      e = w[1];
      continue;
    }
    // A connector after a complete class name starts a list, not a longer name: "X Hospital and Y LMC".
    // Nor after a plural ("GPs and Scottish GPs"): a plural ends a name.
    if (!CONNECTORS.has(word) || endsClass(e) || plural) break;
    const next = wordAfter(text, w[1], text.length);
    if (!next || stopAt(next[0]) || nameAt(next[0]) || !isNameWord(text.slice(next[0], next[1]), RIGHT_STOP)) break;
    e = next[1];
  }
  let s = start;
  for (let words = 0; words < 8; words++) {
    const w = wordBefore(text, s, floor);
    if (!w) break;
    const word = text.slice(w[0], w[1]);
    if (isNameWord(word, LEFT_STOP) && !possessive(word) && !/^\d/.test(word) && !(plural && NATIONALITIES.has(word))) {
      s = w[0];
      continue;
    }
    if (!CONNECTORS.has(word) || word === 'the') break;
    const prev = wordBefore(text, w[0], floor);
    if (!prev || !isNameWord(text.slice(prev[0], prev[1]), LEFT_STOP) || endsClass(prev[1])) break;
    s = prev[0];
  }
  return { start: s, end: e };
}

/**
 * Whether the line around `at` is set in title case (a headline: "Streeting Tells NHS England
 * to Halve Corporate Costs"), where capitals say nothing about names. Reads at most 160
 * characters either side, and only for a hit that a longer name would otherwise drop.
 */
export function inTitleCaseLine(text: string, at: number): boolean {
  const isBreak = (c: number) => c === 10 || c === 13 || c === 0x2029;
  let s = at;
  while (s > 0 && at - s < 160 && !isBreak(text.charCodeAt(s - 1))) s--;
  let e = at;
  while (e < text.length && e - at < 160 && !isBreak(text.charCodeAt(e))) e++;
  let upper = 0;
  let lower = 0;
  for (const w of text.slice(s, e).match(/[\p{L}][\p{L}'’-]{3,}/gu) ?? []) {
    if (isUpperStart(w)) upper++;
    else lower++;
  }
  return upper >= 3 && upper >= 4 * lower;
}

/** Whether canonical `name` ends with the canonical `ending` as whole words, with something before it. */
export function endsWithWords(name: string, ending: string): boolean {
  return name.length > ending.length && name.endsWith(ending) && name.charCodeAt(name.length - ending.length - 1) === 32;
}
export function startsWithWords(name: string, start: string): boolean {
  return name.length > start.length && name.startsWith(start) && name.charCodeAt(start.length) === 32;
}

export function canonicalName(text: string, start: number, end: number): string {
  return canonicalText(text.slice(start, end));
}

// --- role phrases -------------------------------------------------------------------------

export type RoleReading =
  /** The holder at the date. */
  | { mode: 'now' }
  /** The holder before the date: "former", "ex-", "then", "previous", "last", "past". */
  | { mode: 'past' }
  /** Someone else's role (shadow, deputy, acting), or another country's: no one. */
  | { mode: 'none' }
  /** A devolved government's holder: the role with this id. */
  | { mode: 'devolved'; role: string };

const PAST = new Set(['former', 'ex', 'then', 'previous', 'last', 'past', 'erstwhile', 'one-time']);
const OTHER_ROLE = new Set([
  'shadow',
  'deputy',
  'junior',
  'acting',
  'interim',
  'assistant',
  'vice',
  'opposition',
  'next',
  'future',
  'incoming',
  'would-be',
]);
const PARTY_WORDS: Record<string, string> = {
  conservative: 'conservative',
  tory: 'conservative',
  labour: 'labour',
  snp: 'snp',
  'lib dem': 'liberal-democrat',
  'liberal democrat': 'liberal-democrat',
};
/** Country words: the role is that country's, not the UK's. Scotland, Wales and Northern Ireland map to their own roles. */
const DEVOLVED: Record<string, string> = {
  scottish: 'scotland-health-secretary',
  scotland: 'scotland-health-secretary',
  "scotland's": 'scotland-health-secretary',
  welsh: 'wales-health-minister',
  wales: 'wales-health-minister',
  "wales's": 'wales-health-minister',
  "wales'": 'wales-health-minister',
  'northern ireland': 'northern-ireland-health-minister',
  "northern ireland's": 'northern-ireland-health-minister',
  ni: 'northern-ireland-health-minister',
  stormont: 'northern-ireland-health-minister',
  holyrood: 'scotland-health-secretary',
};
const FOREIGN = new Set(
  (
    "australian australia australia's canadian canada canada's irish ireland ireland's us american america america's u.s. " +
    "new zealand new zealand's indian india india's french france's german germany's italian spanish dutch chinese china's japanese " +
    "israeli israel's south african ontario ontario's quebec"
  ).split(' '),
);
const UK_WORDS = new Set(['uk', 'british', "britain's", "uk's", 'westminster']);
/** Roles that have devolved counterparts and so read a nation word as "that nation's holder". */
const HAS_DEVOLVED = new Set(['health-secretary']);

/** The words before a role phrase in the same sentence, as written, nearest last (up to 12). */
function wordsBefore(text: string, start: number): string[] {
  let i = start;
  const out: string[] = [];
  while (out.length < 12 && i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 46 || c === 33 || c === 63 || c === 10 || c === 0x2029 || c === 59) break; // . ! ? ; line, block
    if (!isNameChar(c)) {
      i--;
      continue;
    }
    const e = i;
    while (i > 0 && isNameChar(text.charCodeAt(i - 1))) i--;
    out.unshift(text.slice(i, e).replace(/\u2019/g, "'"));
  }
  return out;
}

/** Lower case, except "US" (the country), which stays apart from "us". */
const fold = (w: string) => (w === 'US' || w === 'U.S' ? 'US' : w.toLowerCase());
const isForeign = (w: string) => w === 'US' || (w !== 'us' && FOREIGN.has(w));

export interface RoleContext {
  reading: RoleReading;
  /** A party the phrase names ("the former Conservative health secretary"). */
  party?: string;
}

/**
 * How to read a role phrase from the words right before it (modifiers, a party, a country),
 * the sentence it is in (a nation named earlier in it), and the page's language.
 * `phrase` is the phrase as written, for modifiers inside a listed longer phrase ("former health secretary");
 * `ownPhrase` says it is one of the role's own aliases instead.
 */
export function readRole(
  text: string,
  start: number,
  roleId: string,
  phrase: string,
  pageForeign: boolean,
  ownPhrase = false,
): RoleContext {
  const sentence = [...wordsBefore(text, start), ...phrase.split(/\s+/)].map(fold);
  const before = sentence.length - phrase.split(/\s+/).length;
  // The words that qualify the phrase: those right before it that are modifiers, party or nation
  // words ("the former Conservative", "Canada's"), and the phrase's own first words.
  const qualifiers: string[] = [];
  const pairAt = (k: number) => (k > 0 ? `${sentence[k - 1]} ${sentence[k]}` : '');
  for (let k = before - 1; k >= 0; k--) {
    const w = sentence[k]!;
    const pair = pairAt(k);
    if (PARTY_WORDS[pair] || DEVOLVED[pair] || isForeign(pair)) {
      qualifiers.push(pair);
      k--;
      continue;
    }
    if (PAST.has(w) || OTHER_ROLE.has(w) || PARTY_WORDS[w] || DEVOLVED[w] || isForeign(w) || UK_WORDS.has(w)) qualifiers.push(w);
    else break;
  }
  // The phrase's own first words qualify it when it is a listed longer phrase ("former health
  // secretary"), not when they are the role's own name ("shadow health secretary" for the shadow role).
  if (!ownPhrase)
    for (const w of sentence.slice(before, before + 2)) {
      for (const part of w.split('-')) qualifiers.push(part);
      qualifiers.push(w);
    }
  let party: string | undefined;
  for (const w of qualifiers) if (PARTY_WORDS[w]) party = PARTY_WORDS[w];
  const ctx = (reading: RoleReading): RoleContext => (party ? { reading, party } : { reading });
  if (qualifiers.some((w) => OTHER_ROLE.has(w))) return ctx({ mode: 'none' });
  const past = qualifiers.some((w) => PAST.has(w)) || /\b(ex|then)-$/i.test(text.slice(Math.max(0, start - 5), start));
  // A nation or country among the qualifiers or earlier in the sentence ("In Scotland, the health secretary").
  const words = [...sentence.map((_, k) => pairAt(k)), ...sentence].filter(Boolean);
  for (const w of words) {
    if (isForeign(w)) return ctx({ mode: 'none' });
    const devolved = DEVOLVED[w];
    if (devolved) {
      if (devolved === roleId) break; // the devolved role's own phrase
      return HAS_DEVOLVED.has(roleId) && !past ? ctx({ mode: 'devolved', role: devolved }) : ctx({ mode: 'none' });
    }
  }
  if (pageForeign && !sentence.some((w) => UK_WORDS.has(w))) return ctx({ mode: 'none' });
  return ctx({ mode: past ? 'past' : 'now' });
}

/** Whether a page's `lang` is an English locale other than British ("en-AU", "en-US"): its role phrases are not the UK's. */
export function foreignEnglish(lang: string | null | undefined): boolean {
  const l = (lang ?? '').trim().toLowerCase();
  return /^en[-_](au|ca|us|nz|ie|in|za|sg|ph)\b/.test(l);
}
