// Who a role phrase names: the holder at the text's date or before it, or the person the
// text names right beside the phrase; and the body named inside a phrase ("NHS England
// chief executive").

import { CLASS_TRIGGER, NEEDS_PRIOR, type DictEntity, type DictHolder, type DictPattern } from './dictionary';
import type { Candidate, Span } from './selection-order';

/** Who held `role` at `date` (start inclusive, end exclusive). */
export function resolveHolder(holders: readonly DictHolder[], role: number, date: string): DictHolder | undefined {
  return holders.find((h) => h.role === role && h.start <= date && (h.end === null || date < h.end));
}

/** Previous holder of a role before `date` (of `party`, if given): the one whose term ended last. */
export function previousHolder(
  holders: readonly DictHolder[],
  entities: readonly DictEntity[],
  role: number,
  date: string,
  party: string | undefined,
): DictHolder | undefined {
  let best: DictHolder | undefined;
  for (const h of holders) {
    if (h.role !== role || h.end === null || h.end > date) continue;
    if (party && entities[h.person]!.party !== party) continue;
    if (!best || h.end > best.end!) best = h;
  }
  return best;
}

/** The pieces of a role phrase that names a body: the body's, and the rest (the role's). */
interface PhrasePart extends Span {
  /** The body's entity; absent for the role's part. */
  body?: number;
}

/**
 * The body named inside a role phrase, and the phrase's other words: [role part, body] in
 * text order; null if none. Looks at the candidates from `from` on that lie inside the
 * phrase, and at those before `from` that start with it (a body at the phrase's very start,
 * sorted before it); the longest body wins.
 */
export function splitBody(
  text: string,
  candidates: readonly Candidate[],
  from: number,
  role: Span,
  patterns: readonly DictPattern[],
  entities: readonly DictEntity[],
): PhrasePart[] | null {
  const isBody = (c: Candidate) => {
    const p = patterns[c.pattern]!;
    return !(p.flags & (NEEDS_PRIOR | CLASS_TRIGGER)) && entities[p.entity]!.kind === 'body';
  };
  let body: Candidate | undefined;
  for (let k = from; k < candidates.length && candidates[k]!.start < role.end; k++) {
    const c = candidates[k]!;
    if (c.end > role.end || !isBody(c)) continue;
    if (!body || c.end - c.start > body.end - body.start) body = c;
  }
  for (let k = from - 1; k >= 0 && candidates[k]!.start === role.start; k--) {
    const c = candidates[k]!;
    if (c.end >= role.end || !isBody(c)) continue;
    if (!body || c.end - c.start > body.end - body.start) body = c;
  }
  if (!body) return null;
  const b = patterns[body.pattern]!.entity;
  if (body.start === role.start) {
    const rest = /^(?:['\u2019]s)?\s+/.exec(text.slice(body.end, role.end));
    const rs = body.end + (rest ? rest[0].length : 0);
    return rs < role.end
      ? [
          { start: body.start, end: body.end, body: b },
          { start: rs, end: role.end },
        ]
      : null;
  }
  const lead = /\s+(?:of|at)?\s*$/.exec(text.slice(role.start, body.start));
  const re = body.start - (lead ? lead[0].length : 0);
  return re > role.start
    ? [
        { start: role.start, end: re },
        { start: body.start, end: body.end, body: b },
      ]
    : null;
}

/**
 * The person named right after a role phrase ending at `end` ("Health Secretary Matt
 * Hancock", "the health secretary, Wes Streeting, said"): a full name after a space, or
 * after a comma when another comma, a bracket or the text's end sets it off. Reads the
 * candidates from `from` on; undefined when none.
 */
export function namedPersonAfter(
  text: string,
  candidates: readonly Candidate[],
  from: number,
  end: number,
  patterns: readonly DictPattern[],
  entities: readonly DictEntity[],
): number | undefined {
  for (let k = from; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c.start < end) continue;
    const gap = text.slice(end, c.start);
    const comma = /^,[ \u00A0]+$/.test(gap);
    if (!comma && !/^[ \u00A0]+$/.test(gap)) return undefined;
    const p = patterns[c.pattern]!;
    if (entities[p.entity]!.kind === 'person' && !(p.flags & NEEDS_PRIOR) && (!comma || /^[,)]|^$/.test(text.charAt(c.end))))
      return p.entity;
    if (c.start > end + 3) return undefined;
  }
  return undefined;
}
