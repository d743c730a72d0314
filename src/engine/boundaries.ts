// Where a hit may stand: on word boundaries, and, for words that are ordinary English at
// the start of a sentence ("Monitor the data"), not there.

import { isWordChar, visibleUnit } from './chars';

/** True when [start, end) neither begins nor ends inside a word; invisible characters (a soft hyphen inside a word) are not there. */
export function onWordBoundaries(text: string, start: number, end: number): boolean {
  if (isWordChar(text.charCodeAt(start)) && isWordChar(visibleUnit(text, start, -1))) return false;
  if (isWordChar(text.charCodeAt(end - 1)) && isWordChar(visibleUnit(text, end, 1))) return false;
  return true;
}

/** True when nothing but opening quotes/brackets and white space stand between `start` and a sentence boundary. */
export function atSentenceStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const ch = text.charAt(i);
    if (ch === '\n' || ch === '\u2029' || ch === '•') return true;
    if (/[\s"“‘'([]/.test(ch)) continue;
    return /[.!?:]/.test(ch);
  }
  return true;
}
