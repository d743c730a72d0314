// Which candidate wins where candidates overlap. Selection reads the candidates in
// `compareSpans` order and keeps a candidate only if it starts at or after the end of the
// last one kept (leftmost, then longest). Candidates of one span (same start and end:
// "Johnson" for two people) are then decided by `outranks`.

/** A candidate's place in the text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The selection order: leftmost first, and at one start the longest first, so that "NHS
 * England" is read before the "NHS" inside it and the shorter hit is then dropped as
 * overlapping. Candidates of one span keep their order (the sort is stable): dictionary order.
 */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

/** A hit that passed the hit rules: which pattern, where. */
export interface Candidate extends Span {
  pattern: number;
}

/** How a candidate claims a span that others claim too. */
export interface Claim {
  /** A short form that links only to an entity named in full ("Hunt", "Mr Hunt"); false for a plain name. */
  needsPrior: boolean;
  /** For a short form: how recently its entity was named, from `namingRecency` (higher is more recent). */
  recency: number;
}

/**
 * How recently an entity was named, for ranking short forms at one span: named in full
 * before the span, the offset of the latest such naming (the most recent wins: after "Alan
 * Johnson … Boris Johnson", "Johnson" is Boris); named only later in the text (a live blog,
 * newest first), a negative rank below any earlier naming, higher for a naming nearer the
 * top. Undefined when the entity is not named at all: the short form claims nothing.
 */
export function namingRecency(before: number | undefined, later: number | undefined, textLength: number): number | undefined {
  return before ?? (later !== undefined ? -1 - later / (textLength + 1) : undefined);
}

/**
 * The comparator for one span: whether `challenger`, met after `holder` in selection order,
 * takes the span from it (`holder` undefined: nothing holds it yet, so it does).
 * - A plain name holds its span: a short form never takes it from one, and of two plain
 *   names the first in dictionary order stays.
 * - A plain name never takes a span from a short form either: once a short form claims the
 *   span, the span is read as a short form of someone named.
 * - Between short forms the entity named more recently wins (`namingRecency`); on a tie, the first.
 */
export function outranks(challenger: Claim, holder: Claim | undefined): boolean {
  if (!holder) return true;
  if (!challenger.needsPrior || !holder.needsPrior) return false;
  return challenger.recency > holder.recency;
}
