// Rules on the words right next to a hit: the word before or after it that the alias lists
// as excluded, a surname inside another person's name ("Tristram Hunt"), a compound that
// begins with a term ("the GP contract"), and a name set off before a role phrase
// ("Sajid Javid, the former health secretary").

import { isUpperStart, isWordChar } from './chars';

/** Words that may stand capitalised before a surname without making it part of another name. */
export const TITLES: ReadonlySet<string> = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Dr',
  'Prof',
  'Professor',
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'Baroness',
  'Mx',
]);
/** Capitalised words that begin sentences rather than names. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'A An And As At But By For From He Her His How If In It Its Meanwhile Now Of On Or Said Says She So Than That The Then There These ' +
    'They This Those Though To Today Tonight Under Until Usually We What When Where Whether Which While Who Why With Yesterday Yet Also ' +
    'After Although Because Before Both Despite During Either Even Here However Indeed Instead Last Later Like Mostly Next Once Only Perhaps ' +
    'Since Still Thus Whatever Whoever Asked Says Adding Adds Writing Speaking'
  ).split(' '),
);
/** Words after a term that make a compound of their own: "the GP contract" is not the GP. */
const COMPOUND_HEADS: ReadonlySet<string> = new Set(['contract', 'contracts', 'committee', 'committees']);
/** Between a person's name and a role phrase after it: "Sajid Javid, the former health secretary". */
const APPOSITION_BEFORE = /^,\s+(?:the\s+)?(?:(?:former|ex-|then|previous|last|past|current|Conservative|Tory|Labour)\s+)*$/i;

interface PreviousWord {
  /** The word (dots inside kept, a final dot dropped: "Dr." is "Dr"); '' at the text's start. */
  word: string;
  /** Whether only spaces or tabs (no punctuation, no line break) separate it from the hit. */
  gapIsSpace: boolean;
}

/** The word before `start`. */
export function previousWord(text: string, start: number): PreviousWord {
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

/** The word after `end` in the same line; '' when a line break comes first or the text ends. */
export function nextWord(text: string, end: number): string {
  let i = end;
  while (i < text.length && !isWordChar(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 0x2029) return '';
    i++;
  }
  const s = i;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return text.slice(s, i);
}

/** Whether the word after a hit ending at `end` is one of `words` (an alias's notFollowedBy, case as written). */
export function followedByOneOf(text: string, end: number, words: ReadonlySet<string>): boolean {
  return words.has(nextWord(text, end));
}

/** Whether the word before a hit starting at `start` is one of `words` (an alias's notPrecededBy, case as written). */
export function precededByOneOf(text: string, start: number, words: ReadonlySet<string>): boolean {
  return words.has(previousWord(text, start).word);
}

/**
 * Whether a surname at `start` is the end of someone else's name: right after another
 * capitalised word ("Tristram Hunt" is not Jeremy Hunt), unless that word is a title
 * ("Mr Hunt") or a word that starts sentences ("Yesterday Hunt said").
 */
export function surnameOfAnotherName(text: string, start: number): boolean {
  const prev = previousWord(text, start);
  return prev.gapIsSpace && isUpperStart(prev.word) && !TITLES.has(prev.word) && !FUNCTION_WORDS.has(prev.word);
}

/** Whether a term ending at `end` is the first word of a compound ("the GP contract", "the BMA's GP committee"). */
export function startsCompound(text: string, end: number): boolean {
  return COMPOUND_HEADS.has(nextWord(text, end).toLowerCase());
}

/** Whether the text between a person's name and a role phrase sets the phrase off as the person's post ("Sajid Javid, the former"). */
export function isApposition(between: string): boolean {
  return APPOSITION_BEFORE.test(between);
}
