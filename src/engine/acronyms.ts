// Acronyms a text defines for itself, "Local Health and Care Record Exemplar (LHCRE)",
// found with the Schwartz & Hearst (2003) abbreviation-definition algorithm.

import { isWordChar } from './chars';

export interface AcronymDefinition {
  /** The short form without a plural 's'. */
  short: string;
  long: string;
  longStart: number;
  longEnd: number;
  /** Offsets of the short form inside the parentheses (plural 's' included). */
  shortStart: number;
  shortEnd: number;
}

const SHORT_FORM = /^[A-Z][A-Za-z0-9&-]*$/;

function isAlnum(ch: string): boolean {
  return ch !== '' && isWordChar(ch.charCodeAt(0));
}

/** Schwartz & Hearst's findBestLongForm: match the short form's characters right to left. */
export function bestLongForm(short: string, long: string): string | null {
  let s = short.length - 1;
  let l = long.length - 1;
  while (s >= 0) {
    const c = short.charAt(s).toLowerCase();
    if (!isAlnum(c)) {
      s--;
      continue;
    }
    while ((l >= 0 && long.charAt(l).toLowerCase() !== c) || (s === 0 && l > 0 && isAlnum(long.charAt(l - 1)))) l--;
    if (l < 0) return null;
    l--;
    s--;
  }
  l = long.lastIndexOf(' ', l) + 1;
  return long.slice(l);
}

export function findAcronymDefinitions(text: string): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
    const close = text.indexOf(')', open + 1);
    if (close < 0) break;
    if (close - open > 12) continue;
    const inner = text.slice(open + 1, close);
    const raw = inner.trim();
    if (!SHORT_FORM.test(raw)) continue;
    const short = /[A-Z]s$/.test(raw) ? raw.slice(0, -1) : raw;
    if (short.length < 2 || (short.match(/[A-Z]/g) ?? []).length < 2) continue;
    // Candidate long form: the words before the parenthesis in the same sentence.
    const maxWords = Math.min(short.length + 5, short.length * 2);
    let windowStart = open;
    let words = 0;
    let i = open - 1;
    while (i >= 0 && text.charAt(i) === ' ') i--;
    for (; i >= 0; i--) {
      const ch = text.charAt(i);
      if (/[.!?;:\n\r\u2028\u2029()"“”]/.test(ch)) break; // a sentence's or a block's end
      if (ch === ' ' && i + 1 < open && text.charAt(i + 1) !== ' ') {
        words++;
        if (words >= maxWords) break;
      }
      windowStart = i;
    }
    // Trimmed of spaces and breaks at both ends: a long form never starts or ends with one.
    while (windowStart < open && /\s/.test(text.charAt(windowStart))) windowStart++;
    const window = text.slice(windowStart, open).replace(/\s+$/, '');
    const found = bestLongForm(short, window);
    const long = found?.replace(/^\s+/, '') ?? null;
    if (!long || long.length <= short.length || long.split(/\s+/).length < 2) continue;
    if (long.includes(short)) continue;
    const longStart = windowStart + window.length - long.length;
    const shortStart = open + 1 + inner.indexOf(raw);
    out.push({ short, long, longStart, longEnd: longStart + long.length, shortStart, shortEnd: shortStart + raw.length });
  }
  return out;
}
