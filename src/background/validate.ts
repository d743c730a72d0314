// Shapes of incoming messages and imported settings, checked before anything is done.

import { z } from 'zod';
import { DWELL_MAX_MS, DWELL_MIN_MS, type Prefs } from '../shared/prefs';
import type { ReaderSettings, Request } from '../shared/messages';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const site = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, 'must be a host name');

export const prefsSchema = z.strictObject({
  kinds: z.strictObject({ person: z.boolean(), body: z.boolean(), term: z.boolean() }),
  dwellMs: z.number().int().min(DWELL_MIN_MS).max(DWELL_MAX_MS),
  frequent: z.enum(['first-per-section', 'every']),
}) satisfies z.ZodType<Prefs>;

export const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('page:setup'), url: z.string().max(8192) }),
  z.strictObject({ type: z.literal('card'), id: z.string().min(1).max(200), date: isoDay.nullable() }),
  z.strictObject({ type: z.literal('pledges') }),
  z.strictObject({ type: z.literal('pledge:open'), id: z.string().regex(/^[a-z0-9-]{1,100}$/) }),
  z.strictObject({ type: z.literal('kb:info') }),
  z.strictObject({ type: z.literal('site:get'), url: z.string().max(8192) }),
  z.strictObject({ type: z.literal('site:set'), site, enabled: z.boolean() }),
  z.strictObject({ type: z.literal('sites:list') }),
  z.strictObject({ type: z.literal('sites:reset') }),
  z.strictObject({ type: z.literal('prefs:get') }),
  z.strictObject({ type: z.literal('prefs:set'), prefs: prefsSchema }),
  z.strictObject({ type: z.literal('settings:export') }),
  z.strictObject({ type: z.literal('settings:import'), data: z.unknown() }),
]) satisfies z.ZodType<Request>;

export const MAX_IMPORT_SITES = 10_000;

export const settingsSchema = z.strictObject({
  format: z.literal('health-policy-annotator-settings'),
  version: z.literal(1),
  sites: z
    .record(site, z.boolean())
    .refine((s) => Object.keys(s).length <= MAX_IMPORT_SITES, `at most ${MAX_IMPORT_SITES} sites`),
  prefs: prefsSchema,
}) satisfies z.ZodType<ReaderSettings>;

/** One readable line naming where and what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
    .join('; ');
}
