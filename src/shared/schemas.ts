// The zod shapes of values that cross the message boundary or come from a settings file;
// the protocol (protocol.ts) builds its requests from them.

import { z } from 'zod';
import { MARK_KINDS } from './mark-kinds';
import { DEFAULT_PREFS, DWELL_MAX_MS, DWELL_MIN_MS, MAX_IGNORED, MAX_IGNORED_ID, MAX_IGNORED_NAME, TRIGGERS, type Prefs } from './prefs';
import type { ReaderSettings } from './messages';
import { siteKey } from './sites';

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
/** Names an object already has: never a reader's site, whatever a file or message says. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A site as the extension stores it: a host name as browsers write it, without "www.". */
export const siteSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, 'must be a host name')
  .refine((s) => !RESERVED_KEYS.has(s) && canonicalSite(s) === s, 'must be a host name as the extension stores it');

function canonicalSite(s: string): string | undefined {
  try {
    return siteKey(new URL(`http://${s}/`).hostname);
  } catch {
    return undefined;
  }
}

export const markKindSchema = z.enum(MARK_KINDS);

const triggerSchema = z.enum(TRIGGERS as ['dwell', 'alt', 'shift', 'click']);

/** An entity id as marks carry it (KB ids, class cards' "class:…", acronyms learned on the page). */
export const entityIdSchema = z.string().min(1).max(MAX_IGNORED_ID);

export const ignoredNameSchema = z.strictObject({
  id: entityIdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(MAX_IGNORED_NAME),
});

const ignoredSchema = z
  .array(ignoredNameSchema)
  .max(MAX_IGNORED, `at most ${MAX_IGNORED} names`)
  .refine((names) => new Set(names.map((n) => n.id)).size === names.length, 'each name at most once');

export const prefsSchema = z.strictObject({
  // An enum-keyed record is exhaustive and strict: every kind, nothing else.
  kinds: z.record(markKindSchema, z.boolean()),
  dwellMs: z.number().int().min(DWELL_MIN_MS).max(DWELL_MAX_MS),
  frequent: z.enum(['first-per-section', 'every']),
  trigger: triggerSchema,
  tapInLinks: z.boolean(),
  ignored: ignoredSchema,
}) satisfies z.ZodType<Prefs>;

/** Prefs in a settings file: a file written before a field existed still imports, with its default. */
const filePrefsSchema = prefsSchema.extend({
  trigger: triggerSchema.default(DEFAULT_PREFS.trigger),
  tapInLinks: z.boolean().default(DEFAULT_PREFS.tapInLinks),
  ignored: ignoredSchema.default(() => [...DEFAULT_PREFS.ignored]),
});

export const MAX_IMPORT_SITES = 10_000;

export const settingsSchema = z.strictObject({
  format: z.literal('health-policy-annotator-settings'),
  version: z.literal(1),
  sites: z.record(siteSchema, z.boolean()).refine((s) => Object.keys(s).length <= MAX_IMPORT_SITES, `at most ${MAX_IMPORT_SITES} sites`),
  prefs: filePrefsSchema,
}) satisfies z.ZodType<ReaderSettings, unknown>;
