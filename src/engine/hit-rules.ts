// The rules every raw hit of the automaton must pass before it is a candidate: they look
// at the hit and a word either side only, so they run during the scan.

import { atSentenceStart, onWordBoundaries } from './boundaries';
import { caseMatches } from './case';
import { canonicalText } from './chars';
import { NEEDS_PRIOR, NO_SENTENCE_START, type DictPattern } from './dictionary';
import { followedByOneOf, precededByOneOf, surnameOfAnotherName } from './neighbours';

/** A dictionary pattern as the engine uses it: canonical text, and its word lists as sets. */
export interface EnginePattern extends DictPattern {
  /** A surname alone ("Hunt"): one word that needs a prior full naming. */
  surname: boolean;
  notFollowed: ReadonlySet<string> | null;
  notPreceded: ReadonlySet<string> | null;
}

export function preparePatterns(patterns: readonly DictPattern[]): EnginePattern[] {
  return patterns.map((p) => {
    const text = canonicalText(p.text);
    return {
      ...p,
      text,
      surname: (p.flags & NEEDS_PRIOR) !== 0 && !text.includes(' '),
      notFollowed: p.notFollowedBy ? new Set(p.notFollowedBy) : null,
      notPreceded: p.notPrecededBy ? new Set(p.notPrecededBy) : null,
    };
  });
}

/** Whether a hit of `p` at [start, end) is a candidate: boundaries, case, sentence start, excluded neighbours, a surname in another name. */
export function passesHitRules(p: EnginePattern, text: string, start: number, end: number): boolean {
  if (!onWordBoundaries(text, start, end)) return false;
  if (!caseMatches(p, text, start, end)) return false;
  if (p.flags & NO_SENTENCE_START && atSentenceStart(text, start)) return false;
  if (p.notFollowed && followedByOneOf(text, end, p.notFollowed)) return false;
  if (p.notPreceded && precededByOneOf(text, start, p.notPreceded)) return false;
  if (p.surname && surnameOfAnotherName(text, start)) return false;
  return true;
}
