// Coverage of the seeds: every all-caps token and every capitalised multi-word name is
// either linked to an entity or on the ignore list with a reason.

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

const TOKEN = /[\p{L}\p{N}&]+(?:['’\-][\p{L}\p{N}]+)*/gu;
const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'upon', 'de', '&']);
// Capitalised words that start sentences or headings without being names.
const LEADING = new Set(
  'A An And As At But By For From He Her His How If In It Its Meanwhile Mondays Now Of On Or She So That The Then There These They This Those To Today We What When Where Which While Who Why With Yesterday After Already Although Asked Before Both Each Even Every However Instead Led Much Only Readers Running Senior Six Some Summarising Talking Therefore Initially In Meeting Leave Fill Log Change Connecting Google Facebook Twitter Watch Skip Just First Second Third Most'.split(' '),
);

function isCapitalised(w: string): boolean {
  const c = w.charAt(0);
  return c !== c.toLowerCase();
}

export function isAcronymToken(w: string): boolean {
  const core = /[A-Z]s$/.test(w) ? w.slice(0, -1) : w;
  return /^[A-Z0-9&]+$/.test(core) && (core.match(/[A-Z]/g) ?? []).length >= 2;
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

    const tokens = [...text.matchAll(TOKEN)].map((m) => ({ w: m[0], s: m.index!, e: m.index! + m[0].length }));
    for (const t of tokens)
      if (isAcronymToken(t.w)) {
        seenAcronyms.add(t.w);
        if (!isCovered(t.s, t.e)) miss('acronym', t.w);
      }
    // Runs of capitalised words joined by single spaces (connectors allowed inside).
    for (let i = 0; i < tokens.length; ) {
      if (!isCapitalised(tokens[i]!.w)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < tokens.length && text.slice(tokens[j]!.e, tokens[j + 1]!.s) === ' ') {
        const nw = tokens[j + 1]!.w;
        if (isCapitalised(nw)) j++;
        else if (CONNECTORS.has(nw) && j + 2 < tokens.length && text.slice(tokens[j + 1]!.e, tokens[j + 2]!.s) === ' ' && isCapitalised(tokens[j + 2]!.w)) j += 2;
        else break;
      }
      let first = i;
      while (first <= j && LEADING.has(tokens[first]!.w)) first++;
      const words = tokens.slice(first, j + 1).filter((t) => isCapitalised(t.w));
      if (words.length >= 2) {
        const name = text.slice(tokens[first]!.s, tokens[j]!.e);
        seenNames.add(name);
        if (!words.every((t) => isCovered(t.s, t.e))) miss('name', name);
      }
      i = j + 1;
    }
  }
  return { acronyms: seenAcronyms.size, names: seenNames.size, uncovered: [...uncovered.values()] };
}
