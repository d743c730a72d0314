// The reader's preferences and their defaults.

import { perKind, type MarkKind } from './mark-kinds';

export interface Prefs {
  /** Which kinds of name are marked; role phrases count as people. */
  kinds: Record<MarkKind, boolean>;
  /** How long the pointer rests on a mark before its card opens. */
  dwellMs: number;
  /** Very frequent terms (NHS, GP): marked at their first use in each section, or every time. */
  frequent: 'first-per-section' | 'every';
}

export const DEFAULT_PREFS: Prefs = {
  kinds: perKind(() => true),
  dwellMs: 400,
  frequent: 'first-per-section',
};

export const DWELL_MIN_MS = 100;
export const DWELL_MAX_MS = 2000;

/** Terms so common in health news that marking each use would be noise. */
export const FREQUENT_ENTITY_IDS: ReadonlySet<string> = new Set(['nhs', 'gp', 'a-and-e']);
