// Character classes shared by the matcher and everything that compares text with aliases.
// Page text is matched as if curly apostrophes were straight, dash variants were '-',
// any run of white space (line breaks, non-breaking spaces) were one space, and
// invisible characters (soft hyphen, zero-width space) were not there.

export const SKIP = -1;
/** Joins blocks of text (paragraphs, list items) so that no name is matched across them. */
export const BLOCK_BREAK = '\u2029';

const APOSTROPHES = '\u2018\u2019\u02BC\u2032\uFF07';
const DASHES = '\u2010\u2011\u2012\u2013\u2212\uFE63\uFF0D';
const SPACES = ' \t\n\r\f\v\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u202F\u205F\u3000';
const INVISIBLE = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';

/** The code unit a character stands for when matching: ' - space, itself, or SKIP. */
export function canonicalUnit(code: number): number {
  if (code < 128) return code === 9 || code === 10 || code === 13 || code === 12 || code === 11 ? 32 : code;
  const ch = String.fromCharCode(code);
  if (APOSTROPHES.includes(ch)) return 39;
  if (DASHES.includes(ch)) return 45;
  if (SPACES.includes(ch)) return 32;
  if (INVISIBLE.includes(ch)) return SKIP;
  return code;
}

/** Every code unit that canonicalUnit maps onto `unit` (for building lookup tables). */
export function variantsOf(unit: number): number[] {
  const out = [unit];
  const extra = unit === 39 ? APOSTROPHES : unit === 45 ? DASHES : unit === 32 ? SPACES : '';
  for (const ch of extra) if (ch.charCodeAt(0) !== unit) out.push(ch.charCodeAt(0));
  return out;
}

export const INVISIBLE_UNITS: readonly number[] = [...INVISIBLE].map((c) => c.charCodeAt(0));

/** The nearest code unit before `at` (step -1) or from `at` on (step 1) that is not invisible; NaN at the text's end. */
const INVISIBLE_SET = new Set(INVISIBLE_UNITS);
export function visibleUnit(text: string, at: number, step: 1 | -1): number {
  for (let i = step < 0 ? at - 1 : at; i >= 0 && i < text.length; i += step) {
    const c = text.charCodeAt(i);
    if (c < 0xad || !INVISIBLE_SET.has(c)) return c;
  }
  return NaN;
}

/** Text as the matcher sees it: canonical units, white space folded to one space, invisibles dropped. */
export function canonicalText(s: string): string {
  let out = '';
  let lastSpace = false;
  for (let i = 0; i < s.length; i++) {
    const u = canonicalUnit(s.charCodeAt(i));
    if (u === SKIP) continue;
    if (u === 32) {
      if (lastSpace) continue;
      lastSpace = true;
    } else lastSpace = false;
    out += String.fromCharCode(u);
  }
  return out;
}

/** Also folds double quotes, for comparing evidence quotes with seed text. */
export function canonicalQuote(s: string): string {
  return canonicalText(s.replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')).trim();
}

const WORD_RE = /[\p{L}\p{N}]/u;
// Beyond Latin-1 the answer comes from a Unicode regex: remembered per code unit (0 unknown, 1 no, 2 yes).
const wordCache = new Uint8Array(65536);
export function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (code < 0xc0) return code === 0xaa || code === 0xb5 || code === 0xba;
  const known = wordCache[code];
  if (known) return known === 2;
  if (!(code < 65536)) return false; // NaN: past the text's end
  const word = WORD_RE.test(String.fromCharCode(code));
  wordCache[code] = word ? 2 : 1;
  return word;
}

export function isUpperStart(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}
