// A hit inside a longer proper name is not that name: "Borsetshire Hospitals NHS Foundation
// Trust" is not the NHS. This rule reads the run of capitalised words around a body's or a
// term's hit and says what the hit is part of.

import type { ClassNames } from './class-names';
import { canonicalName, capitalRun, inTitleCaseLine } from './context';

export interface LongerNameInput {
  text: string;
  /** The hit. */
  start: number;
  end: number;
  /** Where the last mark ends: a longer name never reaches back before it. */
  floor: number;
  /** Whether the hit names an entity (false: it is only a class's ending or start, "Hospital"). */
  names: boolean;
  /** Whether the hit names a body (then "NHS Kent and Medway ICB" is still that body). */
  isBody: boolean;
  /** Where a person's full name starts: a longer name never runs into one. */
  personStarts: ReadonlySet<number>;
  /** Where any KB name starts (class endings aside). */
  nameStarts: ReadonlySet<number>;
  classes: ClassNames;
}

type LongerNameVerdict =
  /** No longer name around the hit, or one that does not count (a headline in title case): the hit stands alone. */
  | { is: 'alone' }
  /** The known body itself, named with its class's ending or the NHS prefix ("NHS Kent and Medway ICB"): marked as the body over [start, end). */
  | { is: 'body'; start: number; end: number }
  /** A member of a class the KB explains, [start, end) as written: marked as the class. */
  | { is: 'class'; start: number; end: number; cls: number }
  /** Part of a name the KB does not know: nothing is marked up to `end`. */
  | { is: 'unknown'; end: number };

export function readLongerName(h: LongerNameInput): LongerNameVerdict {
  const { text, start, end, floor, classes } = h;
  const plural = /[A-Z]s$/.test(text.slice(start, end));
  const isName = (at: number) => h.nameStarts.has(at);
  const ends = (at: number) => classes.endsClass(text, at);
  const run = capitalRun(text, start, end, floor, (at) => h.personStarts.has(at), plural, isName, ends);
  if (run.start === start && run.end === end) return { is: 'alone' };
  const left = canonicalName(text, run.start, start).trim();
  const right = canonicalName(text, end, run.end).trim();
  if (h.names && h.isBody && (left === '' || left === 'NHS') && (right === '' || classes.isEnding(right)))
    return { is: 'body', start: run.start, end: run.end };
  const name = canonicalName(text, run.start, run.end);
  const cls = classes.classOf(name);
  if (cls !== undefined) return { is: 'class', start: run.start, end: run.end, cls };
  // In a headline set in title case capitals name nothing: the hit stands alone, unless
  // part of a class's name is in its run ("… Hospitals NHS Foundation Trust Rated Inadequate").
  if (inTitleCaseLine(text, start) && h.names && !classes.hasClassWords(name)) return { is: 'alone' };
  // No class: the name ends where another KB name starts ("NHS ALBs" are two names side by side).
  const own = capitalRun(text, start, end, floor, (at) => h.personStarts.has(at) || isName(at), plural, isName, ends);
  if (own.start !== start || own.end !== end) return { is: 'unknown', end: own.end };
  return { is: 'alone' };
}
