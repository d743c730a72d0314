// Every message, in one table per direction: who may send it, its request's zod shape (the
// request types are inferred from it, never declared twice), its reply's type and what it
// is for. Every request and tab message is answered with a Reply<T> (reply.ts).
//
// Adding a message is one entry here plus its handler: the background's `handlers` in
// service.ts (or the page's serveTab handlers for a tab message) are typed over these
// tables, so typecheck fails until the handler exists. See docs/architecture.md.

import { z } from 'zod';
import {
  MAX_MATCH_CHARS,
  type FoundEntity,
  type PageMatches,
  type PagePartReceived,
  type PageSetup,
  type ReaderSettings,
  type SiteState,
} from './messages';
import type { Prefs } from './prefs';
import { ignoredNameSchema, isoDay, prefsSchema, siteSchema } from './schemas';
import type { CardData, KbInfo, PledgeView } from './views';

/**
 * Who sent a request: a content script in a web page's frame, the welcome page's sample
 * article (an extension page in a frame, annotated like a web page) or one of this
 * extension's own pages (popup, options, pledge history).
 */
export type SenderKind = 'content' | 'sample' | 'extension';

/** The welcome page's sample frame, relative to the extension's origin. */
export const SAMPLE_PAGE = 'sample.html';

/** One message: its request's fields besides `type`, and (as a type only) its reply. */
interface MessageDef<S extends z.ZodRawShape, R> {
  doc: string;
  shape: S;
  /** Never set: carries the reply's type. */
  reply?: R;
}

function message<R>() {
  return <const S extends z.ZodRawShape>(doc: string, shape: S): MessageDef<S, R> => ({ doc, shape });
}
const none = {};
const url = z.string().max(8192);

const PAGE: readonly SenderKind[] = ['content'];
const PAGE_OR_SAMPLE: readonly SenderKind[] = ['content', 'sample'];
const SAMPLE: readonly SenderKind[] = ['sample'];
const EXTENSION: readonly SenderKind[] = ['extension'];

/** Requests to the background. */
export const REQUESTS = {
  // page → background
  'page:setup': {
    from: PAGE,
    ...message<PageSetup>()('Whether the page is annotated, with the prefs and the KB version; `load`: put the annotator into its frame.', {
      url,
      load: z.boolean().optional(),
    }),
  },
  'sample:setup': {
    from: SAMPLE,
    ...message<PageSetup>()('The welcome page’s sample article: set up as a page on a site that is on.', none),
  },
  card: {
    from: PAGE_OR_SAMPLE,
    ...message<CardData>()('The card of an entry as of the article’s date; `instance`: a name the KB explains by its class `id`.', {
      id: z.string().min(1).max(200),
      date: isoDay.nullable(),
      instance: z.string().min(1).max(300).optional(),
    }),
  },
  'page:match': {
    from: PAGE_OR_SAMPLE,
    ...message<PageMatches | PagePartReceived>()(
      'A page’s text, matched by the background’s warm engine; `known`: ids the page already named in full; `part`: one of a long text’s parts, in order (the last one is answered with the matches); `from`: only the matches starting there or later are answered (the text before it was matched already, and is matched again as its context).',
      {
        text: z.string().max(MAX_MATCH_CHARS, `must be at most ${MAX_MATCH_CHARS} characters`),
        date: isoDay.nullable(),
        lang: z.string().max(100).nullable(),
        known: z.array(z.string().min(1).max(500)).max(100_000).optional(),
        from: z.number().int().min(0).max(MAX_MATCH_CHARS, `must be at most ${MAX_MATCH_CHARS} characters`).optional(),
        part: z
          .strictObject({
            id: z.string().regex(/^[0-9a-z]{1,64}$/, 'must be 1–64 lower-case letters and digits'),
            at: z.number().int().min(0),
            total: z.number().int().min(1).max(MAX_MATCH_CHARS, `must be at most ${MAX_MATCH_CHARS} characters`),
          })
          .optional(),
      },
    ),
  },
  // The card menu. The site is never part of the message: it is the sender's own (background/page-menu.ts).
  'page:site-off': {
    from: PAGE,
    ...message<SiteState>()('The card menu: switch off the sender’s own site, as the popup’s switch does.', none),
  },
  'page:site-undo': {
    from: PAGE,
    ...message<SiteState>()('Restore the sender’s site to the choice before its page:site-off.', none),
  },
  'page:ignore': {
    from: PAGE,
    ...message<Prefs>()('Stop marking a name (the reader’s ignore list, in the prefs); open tabs follow.', ignoredNameSchema.shape),
  },
  'page:card-ui': {
    from: PAGE,
    ...message<null>()('Put the card’s UI (card-ui.js) into the asking frame: the annotator loads it on its first card.', none),
  },
  'page:open-options': {
    from: PAGE,
    ...message<{ opened: true }>()('Open the options page (content scripts cannot call runtime.openOptionsPage).', none),
  },
  // extension page → background
  pledges: { from: EXTENSION, ...message<PledgeView[]>()('Every pledge with its rating and deadline.', none) },
  'pledge:open': {
    from: EXTENSION,
    ...message<{ opened: true }>()('Open the pledge history at one pledge, in a tab of its own.', {
      id: z.string().regex(/^[a-z0-9-]{1,100}$/),
    }),
  },
  'kb:info': {
    from: EXTENSION,
    ...message<KbInfo>()('The installed knowledge base: version, counts, articles, or why it is not installed.', none),
  },
  'site:get': { from: EXTENSION, ...message<SiteState>()('Whether the site of a web address is annotated, and why.', { url }) },
  'site:set': {
    from: EXTENSION,
    ...message<SiteState>()('Switch a site on or off; open tabs of the site follow.', { site: siteSchema, enabled: z.boolean() }),
  },
  'sites:list': { from: EXTENSION, ...message<SiteState[]>()('The default sites and every site the reader chose for.', none) },
  'sites:reset': { from: EXTENSION, ...message<SiteState[]>()('Forget the reader’s site choices; answers the list as it is then.', none) },
  'prefs:get': { from: EXTENSION, ...message<Prefs>()('The reader’s preferences.', none) },
  'prefs:set': { from: EXTENSION, ...message<Prefs>()('Store the reader’s preferences; open tabs follow.', { prefs: prefsSchema }) },
  'settings:export': {
    from: EXTENSION,
    ...message<ReaderSettings>()('The reader’s site choices and preferences, as a settings file.', none),
  },
  'settings:import': {
    from: EXTENSION,
    ...message<ReaderSettings>()('Replace the reader’s settings with a settings file’s (checked by the handler, with a reason).', {
      data: z.unknown(),
    }),
  },
};

/** Messages the background or the popup sends to a tab's page side (the loader, the annotator). */
export const TAB_MESSAGES = {
  'tab:site-changed': message<{ enabled: boolean }>()('The tab’s site was switched on or off; answers whether the page is annotated now.', {
    enabled: z.boolean(),
  }),
  'tab:prefs-changed': message<null>()('The reader’s preferences changed.', { prefs: prefsSchema }),
  'tab:found': message<FoundEntity[]>()('What the page has marked, by entry.', none),
  'tab:reveal': message<{ revealed: boolean }>()('Scroll to the first mark of an entry and open its card.', { id: z.string().min(1) }),
  'tab:next-mark': message<null>()('The next-mark keyboard command: step to the next mark.', none),
};

type Requests = typeof REQUESTS;
type TabMessages = typeof TAB_MESSAGES;
// A message without fields is just its `type` (zod infers `{}` as a record of nothing).
type Fields<D> = D extends MessageDef<infer S, unknown> ? ([keyof S] extends [never] ? unknown : z.infer<z.ZodObject<S>>) : never;
type ReplyOf<D> = D extends MessageDef<z.ZodRawShape, infer R> ? R : never;

export type RequestType = keyof Requests;
export type RequestOf<K extends RequestType> = { type: K } & Fields<Requests[K]>;
export type ResponseOf<K extends RequestType> = ReplyOf<Requests[K]>;

export type TabMessageType = keyof TabMessages;
export type TabMessageOf<K extends TabMessageType> = { type: K } & Fields<TabMessages[K]>;
export type TabReplyOf<K extends TabMessageType> = ReplyOf<TabMessages[K]>;

function schemas<T extends Record<string, MessageDef<z.ZodRawShape, unknown>>>(defs: T): Map<string, z.ZodType> {
  return new Map(Object.entries(defs).map(([type, def]) => [type, z.strictObject({ ...def.shape, type: z.literal(type) })]));
}
const requestSchemas = schemas(REQUESTS);
const tabSchemas = schemas(TAB_MESSAGES);

export function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(REQUESTS, type);
}

/** The full schema of a request (with its `type`), strict: unknown fields are refused. */
export function requestSchema<K extends RequestType>(type: K): z.ZodType<RequestOf<K>> {
  return requestSchemas.get(type) as z.ZodType<RequestOf<K>>;
}

/** The full schema of a tab message (used where zod is loaded anyway: tests, the background). */
export function tabMessageSchema<K extends TabMessageType>(type: K): z.ZodType<TabMessageOf<K>> {
  return tabSchemas.get(type) as z.ZodType<TabMessageOf<K>>;
}
