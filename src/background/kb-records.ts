// Shapes of the knowledge base as stored in IndexedDB, checked when it is read back: a
// record that storage corrupted (or an edit in the developer tools) must not reach a card.

import { z } from 'zod';
import type { Dictionary } from '../engine/dictionary';
import type { Evidence, KbArticle, KbEntity, KbPledge, KbRole } from '../shared/kb-bundle';
import { MARK_KINDS } from '../shared/mark-kinds';
import { markKindSchema } from '../shared/schemas';
import type { KbMeta } from './store';

const str = z.string();
const evidence = z.union([
  z.object({ article: str, quote: str }),
  z.object({ url: str, title: str, quote: str.optional(), publisher: str, category: str }),
]) satisfies z.ZodType<Evidence>;
const evidenceList = z.array(evidence);
const mention = z.object({ article: str, start: z.number(), end: z.number(), text: str, sentence: str });

const article = z.object({
  id: str,
  file: str,
  title: str,
  publisher: str,
  author: str.nullable(),
  kind: str,
  date: str,
  datePrecision: z.enum(['day', 'estimate']),
  dateNote: str.optional(),
  url: str,
}) satisfies z.ZodType<KbArticle>;

export const metaRecord = z.object({
  version: str,
  schemaVersion: z.number(),
  asOf: str.nullable(),
  articles: z.array(article),
  installedAt: str,
}) satisfies z.ZodType<KbMeta>;

export const dictionaryRecord = z
  .object({
    version: str,
    entities: z.array(z.object({ id: str, name: str, kind: z.enum([...MARK_KINDS, 'role']) })),
    patterns: z.array(
      z.object({
        text: str,
        entity: z.number().int().min(0),
        case: z.union([z.literal(0), z.literal(1), z.literal(2)]),
        flags: z.number().int(),
        notFollowedBy: z.array(str).optional(),
        notPrecededBy: z.array(str).optional(),
      }),
    ),
    holders: z.array(z.object({ role: z.number().int().min(0), person: z.number().int().min(0), start: str, end: str.nullable() })),
    // Checked in full where it is loaded (a damaged one is compiled afresh from the patterns).
    automaton: z
      .object({
        format: z.number(),
        alphabetSize: z.number().int(),
        spaceSymbol: z.number().int(),
        units: z.array(z.number().int()),
        edges: z.string(),
        ends: z.array(z.number().int()),
        lengths: z.array(z.number().int()),
      })
      .optional(),
  })
  // The page-side engine indexes entities by these numbers.
  .refine(
    (d) =>
      d.patterns.every((p) => p.entity < d.entities.length) &&
      d.holders.every((h) => h.role < d.entities.length && h.person < d.entities.length),
    'entity index out of range',
  ) satisfies z.ZodType<Dictionary>;

export const entityRecord = z.object({
  id: str,
  kind: markKindSchema,
  name: str,
  description: str,
  evidence: evidenceList,
  aliases: z.array(str),
  roles: z.array(
    z.object({
      title: str,
      role: str.optional(),
      start: str.optional(),
      end: str.optional(),
      currentAsOf: str.optional(),
      note: str.optional(),
      evidence: evidenceList,
    }),
  ),
  lifecycle: z.array(z.object({ event: str, date: str, text: str, successor: str.optional(), evidence: evidenceList })),
  related: z.array(str),
  corrections: z.array(z.object({ text: str, evidence: evidenceList })),
  pledges: z.array(str),
  mentions: z.array(mention),
}) satisfies z.ZodType<KbEntity>;

export const roleRecord = z.object({
  id: str,
  name: str,
  description: str,
  evidence: evidenceList,
  aliases: z.array(str),
  holders: z.array(z.object({ person: str, title: str, start: str, end: str.nullable() })),
  mentions: z.array(mention),
}) satisfies z.ZodType<KbRole>;

export const pledgeRecord = z.object({
  id: str,
  title: str,
  who: str,
  alsoWho: z.array(str).optional(),
  made: str,
  madeWhere: str.optional(),
  words: evidenceList,
  deadline: str.optional(),
  timeline: z.array(z.object({ date: str, text: str, evidence: evidenceList })),
  status: str,
  statusAsOf: str,
  statusNote: str,
  statusEvidence: evidenceList,
  statusHistory: z.array(z.object({ date: str, status: str, note: str, evidence: evidenceList })).optional(),
  related: z.array(str),
}) satisfies z.ZodType<KbPledge>;

/** The records of `all` that have the shape, and how many did not. */
export function validRecords<T>(schema: z.ZodType<T>, all: unknown[]): { valid: T[]; invalid: number } {
  const valid = all.filter((r): r is T => schema.safeParse(r).success);
  return { valid, invalid: all.length - valid.length };
}
