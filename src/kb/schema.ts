// Schema of the curated knowledge-base sources in seeds/kb/*.yaml (see seeds/kb/FORMAT.md).

import { z } from 'zod';
import { startOfPeriod } from './dates';

const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date: YYYY-MM-DD, YYYY-MM or YYYY')
  .refine((d) => !Number.isNaN(Date.parse(startOfPeriod(d))), 'is not a real date');
const dateLike = z.union([isoDate, z.number().int().min(1000).max(2999).transform(String)]);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const seedQuote = z.strictObject({
  article: z.union([z.string(), z.number()]).transform((a) => String(a).padStart(3, '0')),
  quote: nonEmpty,
});
const publicSource = z.strictObject({ url: z.url({ protocol: /^https?$/ }), title: nonEmpty, quote: nonEmpty.optional() });
export const evidence = z.union([seedQuote, publicSource]);
export const evidenceList = z.array(evidence).min(1, 'needs at least one source');

const word = z.string().min(1);
export const alias = z.union([
  nonEmpty.transform((text) => ({ text })),
  z.strictObject({
    text: nonEmpty,
    case: z.enum(['exact', 'first', 'any']).optional(),
    needs: z.literal('prior').optional(),
    sentence_start: z.literal(false).optional(),
    not_followed_by: z.array(word).optional(),
    not_preceded_by: z.array(word).optional(),
    ambiguous: z.literal(true).optional(),
    note: z.string().optional(),
  }),
]);
export type Alias = {
  text: string;
  case?: 'exact' | 'first' | 'any';
  needs?: 'prior';
  sentence_start?: false;
  not_followed_by?: string[];
  not_preceded_by?: string[];
  ambiguous?: true;
  note?: string;
};

/** A class of bodies or things: longer names ending (or starting) so are members the KB need not know one by one. */
export const instances = z.strictObject({
  label: nonEmpty,
  endings: z.array(nonEmpty).optional(),
  starts: z.array(nonEmpty).optional(),
});

const roleHeld = z.strictObject({
  title: nonEmpty,
  role: id.optional(),
  start: dateLike.optional(),
  end: dateLike.optional(),
  current_as_of: dateLike.optional(),
  note: z.string().optional(),
  evidence: evidenceList,
});

const lifecycleEvent = z.strictObject({
  event: z.enum(['created', 'renamed', 'merged', 'replaced', 'abolished', 'operational', 'published', 'other']),
  date: dateLike,
  text: nonEmpty,
  successor: id.optional(),
  evidence: evidenceList,
});

export const correction = z.strictObject({ text: nonEmpty, evidence: evidenceList });

export const entity = z.strictObject({
  id,
  name: nonEmpty,
  description: nonEmpty,
  evidence: evidenceList,
  aliases: z.array(alias).min(1, 'needs at least one alias'),
  roles: z.array(roleHeld).optional(),
  lifecycle: z.array(lifecycleEvent).optional(),
  related: z.array(id).optional(),
  corrections: z.array(correction).optional(),
  instances: instances.optional(),
  note: z.string().optional(),
});
export type EntitySource = z.output<typeof entity>;

export const role = z.strictObject({
  id,
  name: nonEmpty,
  description: nonEmpty,
  evidence: evidenceList,
  aliases: z.array(alias).min(1, 'needs at least one alias'),
  not_this_role: z.array(alias).optional(),
  note: z.string().optional(),
});
export type RoleSource = z.output<typeof role>;

/** The vocabulary pledge trackers use (PolitiFact, Full Fact, the Institute for Government). Rate outcomes, not intentions:
 * `unmeasurable` only for words that set no test (a slogan). */
const PLEDGE_STATUSES = ['not-yet-rated', 'in-progress', 'kept', 'partly-kept', 'broken', 'abandoned', 'unclear', 'unmeasurable'] as const;
const pledgeStatus = z.enum(PLEDGE_STATUSES);
const statusChange = z.strictObject({ date: dateLike, status: pledgeStatus, note: nonEmpty, evidence: evidenceList });
export const pledge = z.strictObject({
  id,
  title: nonEmpty,
  /** Whoever made it: a person id, or a list (a manifesto pledge repeated by the prime minister and the health secretary). The first is shown as its owner. */
  who: z.union([id.transform((w) => [w]), z.array(id).min(1)]),
  made: dateLike,
  made_where: nonEmpty.optional(),
  words: z.array(evidence).min(1, 'needs the words used, quoted with a source'),
  deadline: dateLike.optional(),
  timeline: z.array(z.strictObject({ date: dateLike, text: nonEmpty, evidence: evidenceList })).min(1, 'needs at least one dated step'),
  status: pledgeStatus,
  status_as_of: dateLike,
  status_note: nonEmpty,
  status_evidence: evidenceList,
  /** Earlier ratings, oldest first; the status fields above are the rating today. */
  status_history: z.array(statusChange).optional(),
  related: z.array(id).optional(),
  note: z.string().optional(),
});
export type PledgeSource = z.output<typeof pledge>;

/** Who may be cited: seeds/kb/publishers.yaml. A URL's host must be a listed domain or a sub-domain of one. */
const PUBLISHER_CATEGORIES = [
  'official',
  'parliamentary',
  'party',
  'nhs',
  'regulator',
  'professional',
  'think-tank',
  'charity',
  'news',
  'trade-press',
  'reference',
  'academic',
  'legal',
] as const;
export const publisher = z.strictObject({
  domain: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a lower-case host name without scheme or path (gov.uk)'),
  name: nonEmpty,
  category: z.enum(PUBLISHER_CATEGORIES),
});
export type PublisherSource = z.output<typeof publisher>;

const ignoreEntry = z.strictObject({ text: nonEmpty, reason: nonEmpty });

export const article = z.strictObject({
  id: z.string().regex(/^\d{3}$/),
  file: nonEmpty,
  title: nonEmpty,
  publisher: nonEmpty,
  author: z.string().nullable(),
  authorNote: z.string().optional(),
  kind: z.enum(['leader', 'blog', 'news report', 'live coverage']),
  date: isoDate,
  datePrecision: z.enum(['day', 'estimate']),
  dateNote: z.string().optional(),
  url: z.url(),
  urlNote: z.string().optional(),
  dateSources: z.array(z.url()).optional(),
});
export type ArticleSource = z.output<typeof article>;

/** Each kind lives in a folder of small YAML files (one entity or one small group a file), so a reviewer reads one group alone and sees what changed in a diff. */
export const KB_FOLDERS = {
  people: { kind: 'person', schema: entity },
  bodies: { kind: 'body', schema: entity },
  terms: { kind: 'term', schema: entity },
  roles: { kind: 'role', schema: role },
  pledges: { kind: 'pledge', schema: pledge },
  ignore: { kind: 'ignore', schema: ignoreEntry },
} as const;
