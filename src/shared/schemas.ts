// The zod shapes of values that cross the message boundary or come from a settings file;
// the protocol (protocol.ts) builds its requests from them.

import { z } from 'zod';
import { MARK_KINDS } from './mark-kinds';
import { DWELL_MAX_MS, DWELL_MIN_MS, type Prefs } from './prefs';
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

export const prefsSchema = z.strictObject({
  // An enum-keyed record is exhaustive and strict: every kind, nothing else.
  kinds: z.record(markKindSchema, z.boolean()),
  dwellMs: z.number().int().min(DWELL_MIN_MS).max(DWELL_MAX_MS),
  frequent: z.enum(['first-per-section', 'every']),
}) satisfies z.ZodType<Prefs>;

export const MAX_IMPORT_SITES = 10_000;

export const settingsSchema = z.strictObject({
  format: z.literal('health-policy-annotator-settings'),
  version: z.literal(1),
  sites: z.record(siteSchema, z.boolean()).refine((s) => Object.keys(s).length <= MAX_IMPORT_SITES, `at most ${MAX_IMPORT_SITES} sites`),
  prefs: prefsSchema,
}) satisfies z.ZodType<ReaderSettings>;
