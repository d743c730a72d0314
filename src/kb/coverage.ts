// Coverage of the seeds: every all-caps token and every capitalised multi-word name is
// either linked to an entity or on the ignore list with a reason.

import { isAcronymToken } from '../shared/acronym';
import type { SeedAnnotation } from './mentions';

export interface Uncovered {
  article: string;
  text: string;
  kind: 'acronym' | 'name';
  count: number;
}

export interface CoverageReport {
  acronyms: number;
  names: number;
  uncovered: Uncovered[];
}

const TOKEN = /[\p{L}\p{N}&]+(?:['’-][\p{L}\p{N}]+)*/gu;
const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'upon', 'de', '&']);
// Titles and capitalised function words are not names themselves.
const NOT_NAME = new Set('Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Baroness The A An'.split(' '));
// Capitalised but never names: "From April 2016".
const CALENDAR = new Set(
  'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(
    ' ',
  ),
);
// A sentence ends at . ! ? : a line break, a bullet, or a live blog's time stamp ("2.50pm").
const SENTENCE_END = /(?:[.!?:\n\u2029•]|\d[ap]m)\s*["“‘']?\s*$/;

function isCapitalised(w: string): boolean {
  const c = w.charAt(0);
  return c !== c.toLowerCase();
}

/** Where a token ends without its possessive ('s, ’s, s'). */
function coreEnd(t: { w: string; e: number }): number {
  const m = t.w.match(/(['’]s|s['’])$/);
  return m ? t.e - (m[0].startsWith('s') ? 1 : 2) : t.e;
}

export function coverage(annotations: SeedAnnotation[], texts: Map<string, string>, ignore: string[]): CoverageReport {
  const uncovered = new Map<string, Uncovered>();
  const seenAcronyms = new Set<string>();
  const seenNames = new Set<string>();
  for (const { article, matches } of annotations) {
    const text = texts.get(article)!;
    const covered = new Uint8Array(text.length + 1);
    for (const m of matches) covered.fill(1, m.start, m.end);
    const folded = text.replace(/[‘’]/g, "'");
    for (const ig of ignore) {
      const needle = ig.replace(/[‘’]/g, "'");
      for (let i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + 1)) covered.fill(1, i, i + needle.length);
    }
    const isCovered = (s: number, e: number) => covered.subarray(s, e).every((x) => x === 1);
    const miss = (kind: Uncovered['kind'], t: string) => {
      const key = `${article}\u0000${kind}\u0000${t}`;
      const u = uncovered.get(key) ?? { article, text: t, kind, count: 0 };
      u.count++;
      uncovered.set(key, u);
    };

    const tokens = [...text.matchAll(TOKEN)].map((m) => ({ w: m[0], s: m.index, e: m.index + m[0].length }));
    for (const t of tokens)
      if (isAcronymToken(t.w)) {
        seenAcronyms.add(t.w);
        if (!isCovered(t.s, coreEnd(t))) miss('acronym', t.w);
      }
    // Runs of capitalised words joined by single spaces (connectors allowed inside).
    for (let i = 0; i < tokens.length;) {
      if (!isCapitalised(tokens[i]!.w)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < tokens.length && text.slice(tokens[j]!.e, tokens[j + 1]!.s) === ' ') {
        const nw = tokens[j + 1]!.w;
        if (isCapitalised(nw)) j++;
        else if (
          CONNECTORS.has(nw) &&
          j + 2 < tokens.length &&
          text.slice(tokens[j + 1]!.e, tokens[j + 2]!.s) === ' ' &&
          isCapitalised(tokens[j + 2]!.w)
        )
          j += 2;
        else break;
      }
      const run = tokens.slice(i, j + 1);
      const words = run.filter((t) => isCapitalised(t.w) && !NOT_NAME.has(t.w) && !CALENDAR.has(t.w));
      if (words.length + run.filter((t) => NOT_NAME.has(t.w)).length >= 2 && words.length >= 1) {
        const name = text.slice(run[0]!.s, run[run.length - 1]!.e);
        seenNames.add(name);
        // A capitalised word that only opens a sentence ("Read HSJ's") need not be a name.
        const opensSentence = (t: { s: number }) => t.s === 0 || SENTENCE_END.test(text.slice(Math.max(0, t.s - 8), t.s));
        const mustCover = words.filter(
          (t, k) => !(k === 0 && t === run[0] && opensSentence(t) && !isCovered(t.s, t.e) && words.length > 1),
        );
        if (!mustCover.every((t) => isCovered(t.s, coreEnd(t)))) miss('name', name);
      }
      i = j + 1;
    }
  }
  return { acronyms: seenAcronyms.size, names: seenNames.size, uncovered: [...uncovered.values()] };
}
