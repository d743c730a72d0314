// Whether a hit's letters are cased as its alias requires: the automaton matches without
// regard to case, so "nice" reaches here for NICE.

import { SKIP, canonicalUnit } from './chars';
import { CASE_ANY, CASE_FIRST, type DictPattern } from './dictionary';

/**
 * Compares the text's letters in [start, end) with the pattern's (canonical text, see
 * `canonicalText`) under its case mode, without allocating: exact, first letter either
 * case (CASE_FIRST), or any case (CASE_ANY).
 */
export function caseMatches(p: Pick<DictPattern, 'text' | 'case'>, text: string, start: number, end: number): boolean {
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
