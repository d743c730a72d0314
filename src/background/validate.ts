// Shapes of incoming messages and imported settings, checked before anything is done.

import { z } from 'zod';
import { DWELL_MAX_MS, DWELL_MIN_MS, type Prefs } from '../shared/prefs';
import { MAX_MATCH_CHARS, type ReaderSettings, type Request } from '../shared/messages';
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

export const prefsSchema = z.strictObject({
  kinds: z.strictObject({ person: z.boolean(), body: z.boolean(), term: z.boolean() }),
  dwellMs: z.number().int().min(DWELL_MIN_MS).max(DWELL_MAX_MS),
  frequent: z.enum(['first-per-section', 'every']),
}) satisfies z.ZodType<Prefs>;

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
  z.strictObject({
    type: z.literal('page:match'),
    text: z.string().max(MAX_MATCH_CHARS, `must be at most ${MAX_MATCH_CHARS} characters`),
    date: isoDay.nullable(),
    lang: z.string().max(100).nullable(),
    known: z.array(z.string().min(1).max(500)).max(100_000).optional(),
  }),
]) satisfies z.ZodType<Request>;

export const MAX_IMPORT_SITES = 10_000;
export const MAX_IMPORT_BYTES = 1_000_000;

export const settingsSchema = z.strictObject({
  format: z.literal('health-policy-annotator-settings'),
  version: z.literal(1),
  sites: z.record(siteSchema, z.boolean()).refine((s) => Object.keys(s).length <= MAX_IMPORT_SITES, `at most ${MAX_IMPORT_SITES} sites`),
  prefs: prefsSchema,
}) satisfies z.ZodType<ReaderSettings>;

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
