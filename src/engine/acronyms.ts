// Acronyms a text defines for itself, "Local Health and Care Record Exemplar (LHCRE)",
// found with the Schwartz & Hearst (2003) abbreviation-definition algorithm, and the pass
// that links the short form's uses after the definition to what the long form names.

import { canonicalText, isWordChar } from './chars';
import { CLASS_TRIGGER, CONTEXT_WORD, FOREIGN_WORD, UK_WORD, type DictEntity, type DictPattern, type EntityKind } from './dictionary';
import type { Match } from './match';

interface AcronymDefinition {
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

/** Case-exact uses of a short form (and its plural) from `from` on, on word boundaries: [start, end) each. */
export function findShortFormUses(text: string, short: string, from: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = text.indexOf(short, from); i >= 0; i = text.indexOf(short, i + 1)) {
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) continue;
    let e = i + short.length;
    if (text.charAt(e) === 's' && !isWordChar(text.charCodeAt(e + 1))) e++;
    if (e < text.length && isWordChar(text.charCodeAt(e))) continue;
    out.push([i, e]);
  }
  return out;
}

/** Whether a long form names an entity: its name or one of its aliases (lower-case canonical), singular or plural alike. */
export function longFormNames(long: string, name: string, aliases: Iterable<string> | undefined): boolean {
  const singular = (x: string) => x.replace(/s$/, '');
  const l = singular(canonicalText(long).toLowerCase());
  return singular(name.toLowerCase()) === l || [...(aliases ?? [])].some((a) => singular(a) === l);
}

/** Adds to a text's matches the uses of the acronyms it defines; returns them sorted by start. */
type AcronymPass = (text: string, matches: Match[]) => Match[];

/**
 * The learned-acronym pass for one dictionary (`patterns` with canonical text). For each
 * short form a text defines (the first definition holds), its uses from the definition on
 * link to what the long form was matched as (a role phrase aside), or else to a term learned
 * from the text (`learned:<short>`), unless the KB already reads the short form as an entity
 * the long form names. A text's own definition beats the KB's reading of the same letters
 * from the definition on; uses overlapping other matches are left alone.
 */
export function learnedAcronyms(patterns: readonly DictPattern[], entities: readonly DictEntity[]): AcronymPass {
  // The KB's own names per entity, made on first need (most pages define no acronym).
  let aliasesByEntity: Map<number, Set<string>> | undefined;
  function aliasesOf(entity: number): Set<string> | undefined {
    if (!aliasesByEntity) {
      const byEntity = new Map<number, Set<string>>();
      patterns.forEach((p) => {
        if (p.flags & (CLASS_TRIGGER | CONTEXT_WORD | FOREIGN_WORD | UK_WORD)) return; // not the entity's names
        let set = byEntity.get(p.entity);
        if (!set) byEntity.set(p.entity, (set = new Set()));
        set.add(p.text.toLowerCase());
      });
      aliasesByEntity = byEntity;
    }
    return aliasesByEntity.get(entity);
  }

  return (text, matches) => {
    const defs = findAcronymDefinitions(text);
    if (defs.length === 0) return matches;
    let result = matches;
    const seen = new Set<string>();
    for (const def of defs) {
      if (seen.has(def.short)) continue; // the first definition holds for the whole text
      seen.add(def.short);
      // What the long form was matched as, if anything.
      const longMatch =
        result.find((m) => m.start <= def.longStart && m.end >= def.longEnd) ??
        result.find((m) => m.start >= def.longStart && m.end === def.longEnd);
      let target: { id: string; name: string; kind: EntityKind; learned?: boolean };
      if (longMatch && longMatch.kind !== 'role') target = { id: longMatch.id, name: longMatch.name, kind: longMatch.kind };
      else {
        const known = result.find((m) => m.start === def.shortStart);
        const knownEntity = known ? entities.findIndex((e) => e.id === known.id) : -1;
        if (known && knownEntity >= 0 && longFormNames(def.long, entities[knownEntity]!.name, aliasesOf(knownEntity))) continue;
        target = { id: `learned:${def.short}`, name: canonicalText(def.long).trim(), kind: 'term', learned: true };
      }
      const uses = findShortFormUses(text, def.short, def.shortStart);
      if (uses.length === 0) continue;
      const useStarts = new Set(uses.map((u) => u[0]));
      const kept = result.filter((m) => !(useStarts.has(m.start) && m.start >= def.shortStart));
      const added: Match[] = [];
      for (const [s, e] of uses) {
        if (kept.some((m) => m.start < e && s < m.end)) continue;
        const m: Match = { start: s, end: e, text: text.slice(s, e), id: target.id, name: target.name, kind: target.kind };
        if (target.learned) m.learned = true;
        added.push(m);
      }
      result = kept.concat(added).sort((a, b) => a.start - b.start);
    }
    return result;
  };
}
