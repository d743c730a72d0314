// Shapes of incoming messages and imported settings, checked before anything is done.

import { z } from 'zod';
import {
  DEFAULT_PREFS,
  DWELL_MAX_MS,
  DWELL_MIN_MS,
  MAX_IGNORED,
  MAX_IGNORED_ID,
  MAX_IGNORED_NAME,
  TRIGGERS,
  type Prefs,
} from '../shared/prefs';
import type { ReaderSettings, Request } from '../shared/messages';
import { siteKey } from '../shared/sites';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
// Names an object already has: never a reader's site, whatever a file or message says.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** A site as the extension stores it: a host name as browsers write it, without "www.". */
export const siteSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, 'must be a host name')
  .refine((s) => !RESERVED.has(s) && canonicalSite(s) === s, 'must be a host name as the extension stores it');

function canonicalSite(s: string): string | undefined {
  try {
    return siteKey(new URL(`http://${s}/`).hostname);
  } catch {
    return undefined;
  }
}

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
  kinds: z.strictObject({ person: z.boolean(), body: z.boolean(), term: z.boolean() }),
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

export const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('page:setup'), url: z.string().max(8192), load: z.boolean().optional() }),
  z.strictObject({
    type: z.literal('card'),
    id: z.string().min(1).max(200),
    date: isoDay.nullable(),
    instance: z.string().min(1).max(300).optional(),
  }),
  z.strictObject({ type: z.literal('pledges') }),
  z.strictObject({ type: z.literal('pledge:open'), id: z.string().regex(/^[a-z0-9-]{1,100}$/) }),
  z.strictObject({ type: z.literal('kb:info') }),
  z.strictObject({ type: z.literal('site:get'), url: z.string().max(8192) }),
  z.strictObject({ type: z.literal('site:set'), site: siteSchema, enabled: z.boolean() }),
  z.strictObject({ type: z.literal('sites:list') }),
  z.strictObject({ type: z.literal('sites:reset') }),
  z.strictObject({ type: z.literal('prefs:get') }),
  z.strictObject({ type: z.literal('sample:setup') }),
  z.strictObject({ type: z.literal('prefs:set'), prefs: prefsSchema }),
  z.strictObject({ type: z.literal('settings:export') }),
  z.strictObject({ type: z.literal('settings:import'), data: z.unknown() }),
  // The site is never part of the message: it is the sender's own (see page-menu.ts).
  z.strictObject({ type: z.literal('page:site-off') }),
  z.strictObject({ type: z.literal('page:site-undo') }),
  z.strictObject({ type: z.literal('page:ignore'), ...ignoredNameSchema.shape }),
  z.strictObject({ type: z.literal('page:open-options') }),
]) satisfies z.ZodType<Request>;

export const MAX_IMPORT_SITES = 10_000;
export const MAX_IMPORT_BYTES = 1_000_000;

export const settingsSchema = z.strictObject({
  format: z.literal('health-policy-annotator-settings'),
  version: z.literal(1),
  sites: z.record(siteSchema, z.boolean()).refine((s) => Object.keys(s).length <= MAX_IMPORT_SITES, `at most ${MAX_IMPORT_SITES} sites`),
  prefs: filePrefsSchema,
}) satisfies z.ZodType<ReaderSettings, unknown>;

/**
 * Why `data` cannot be imported whatever its shape, if so: too big, not JSON, or carrying
 * a key that rewrites prototypes (zod drops a "__proto__" key silently, so look first).
 */
export function importProblem(data: unknown): string | undefined {
  let json: string | undefined;
  let hostile: string | undefined;
  try {
    json = JSON.stringify(data, (key, value: unknown) => {
      if (RESERVED.has(key)) hostile ??= key;
      return value;
    });
  } catch {
    return 'it is not plain JSON data';
  }
  if (json === undefined) return 'it is empty';
  if (hostile) return `it contains the key "${hostile}"`;
  if (json.length > MAX_IMPORT_BYTES) return `the file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB`;
  const sites = data && typeof data === 'object' ? (data as { sites?: unknown }).sites : undefined;
  if (sites && typeof sites === 'object' && Object.keys(sites).length > MAX_IMPORT_SITES) return `sites: at most ${MAX_IMPORT_SITES} sites`;
  return undefined;
}

/** One readable line naming where and what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const where = i.path.length ? i.path.map((p) => String(p).slice(0, 60)).join('.') + ': ' : '';
      // A bad record key: say what a key must be, not just that it is invalid.
      const why = i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message;
      return where + why;
    })
    .join('; ');
}
