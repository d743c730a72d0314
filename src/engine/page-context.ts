// What a whole page says about how to read its hits: whether it is about health (ambiguous
// aliases link only then), and whether it is about another country (its role phrases are
// then not the UK's).

import { foreignEnglish } from './context';
import { AMBIGUOUS, CLASS_TRIGGER, CONTEXT_WORD, NEEDS_PRIOR, NOT_THIS_ROLE, type DictEntity, type DictPattern } from './dictionary';

/** A page has health context with this many distinct unambiguous KB entities on it, or this many health words. */
export const CONTEXT_ENTITIES = 2;
export const CONTEXT_WORDS = 2;
/** A page naming other countries' places at least this often, and more often than UK ones, is about another country. */
export const FOREIGN_PAGE_PLACES = 2;

/**
 * Whether the page is about health: `healthWords` health words, or enough distinct KB
 * entities among the candidates that are neither ambiguous, class endings, short forms,
 * listed longer phrases nor roles, or enough entities the surrounding page already named (`known`).
 */
export function hasHealthContext(
  candidates: readonly { pattern: number }[],
  patterns: readonly DictPattern[],
  entities: readonly DictEntity[],
  known: ReadonlySet<string> | undefined,
  healthWords: number,
): boolean {
  if (healthWords >= CONTEXT_WORDS) return true;
  let words = healthWords;
  const seen = new Set<number>();
  for (const c of candidates) {
    const p = patterns[c.pattern]!;
    if (p.flags & CONTEXT_WORD) {
      if (++words >= CONTEXT_WORDS) return true;
    } else if (!(p.flags & (AMBIGUOUS | CLASS_TRIGGER | NEEDS_PRIOR | NOT_THIS_ROLE)) && entities[p.entity]!.kind !== 'role') {
      seen.add(p.entity);
      if (seen.size >= CONTEXT_ENTITIES) return true;
    }
  }
  return (known?.size ?? 0) >= CONTEXT_ENTITIES;
}

/** Whether the page is another country's: another English locale (`lang`), or its places named more often than the UK's, at least twice. */
export function isForeignPage(lang: string | null | undefined, foreignPlaces: number, ukPlaces: number): boolean {
  return foreignEnglish(lang) || (foreignPlaces >= FOREIGN_PAGE_PLACES && foreignPlaces > ukPlaces);
}
