// The reader's preferences and their defaults.

import { perKind, type MarkKind } from './mark-kinds';

/**
 * What opens a card from the pointer: resting on a mark (`dwell`), resting while Alt or
 * Shift is held, or a click/tap only. The keyboard stepping opens cards in every mode.
 */
export type Trigger = 'dwell' | 'alt' | 'shift' | 'click';

export const TRIGGERS: readonly Trigger[] = ['dwell', 'alt', 'shift', 'click'];

/** A name the reader chose not to have marked: its entity id, and the name shown in the options page. */
export interface IgnoredName {
  id: string;
  name: string;
}

export interface Prefs {
  /** Which kinds of name are marked; role phrases count as people. */
  kinds: Record<MarkKind, boolean>;
  /** How long the pointer rests on a mark before its card opens (the dwell modes). */
  dwellMs: number;
  /** Very frequent terms (NHS, GP): marked at their first use in each section, or every time. */
  frequent: 'first-per-section' | 'every';
  trigger: Trigger;
  /** A tap on a marked word inside a link opens its card instead of following the link. */
  tapInLinks: boolean;
  /** Names not marked, most recent last. */
  ignored: IgnoredName[];
}

export const DEFAULT_PREFS: Prefs = {
  kinds: perKind(() => true),
  dwellMs: 400,
  frequent: 'first-per-section',
  trigger: 'dwell',
  tapInLinks: false,
  ignored: [],
};

export const DWELL_MIN_MS = 100;
export const DWELL_MAX_MS = 2000;

/** Bounds of the ignore list: enough for any reader, small enough to send to every tab. */
export const MAX_IGNORED = 500;
export const MAX_IGNORED_ID = 300;
export const MAX_IGNORED_NAME = 200;

/** Whether the trigger opens cards by resting the pointer (the dwell time applies). */
export function usesDwell(trigger: Trigger): boolean {
  return trigger !== 'click';
}

/** The prefs with one more name ignored (once; the oldest dropped past the bound). */
export function withIgnored(prefs: Prefs, name: IgnoredName): Prefs {
  const rest = prefs.ignored.filter((n) => n.id !== name.id);
  return { ...prefs, ignored: [...rest, name].slice(-MAX_IGNORED) };
}

/** The prefs with a name marked again. */
export function withoutIgnored(prefs: Prefs, id: string): Prefs {
  return { ...prefs, ignored: prefs.ignored.filter((n) => n.id !== id) };
}

/** Terms so common in health news that marking each use would be noise. */
export const FREQUENT_ENTITY_IDS: ReadonlySet<string> = new Set(['nhs', 'gp', 'a-and-e']);
