// Property-based: thousands of random and malformed messages, from our pages and from
// strangers, through the router. Each is answered {ok:true,data} or {ok:false,error} with
// a non-empty error; nothing throws, nothing is left unhandled; a refused message leaves
// the reader's data and the KB's meta exactly as they were.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { DEFAULT_PREFS } from '../../src/shared/prefs';
import { REQUESTS } from '../../src/shared/protocol';
import type { Reply } from '../../src/shared/reply';
import { bundle, EXTENSION_ID, freshIndexedDb, ORIGIN, popup, setup, snapshot } from './fault-harness';

// Every message the protocol lists, so a new one is fuzzed as soon as it exists.
const TYPES = Object.keys(REQUESTS);
// The card menu's requests change the sender's site and the prefs too.
const MUTATING = new Set(['site:set', 'sites:reset', 'prefs:set', 'settings:import', 'page:site-off', 'page:site-undo', 'page:ignore']);
const FIELDS = [
  'type',
  'url',
  'id',
  'date',
  'site',
  'enabled',
  'prefs',
  'data',
  'format',
  'version',
  'sites',
  'kinds',
  'text',
  'lang',
  'known',
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then'];

const key = fc.oneof(fc.constantFrom(...FIELDS, ...HOSTILE_KEYS), fc.string({ maxLength: 12 }));
const anything = fc.anything({
  key,
  maxDepth: 3,
  maxKeys: 6,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withBoxedValues: true,
  withObjectString: true,
});
const huge = fc
  .tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.constantFrom(10_000, 100_000, 1_200_000))
  .map(([s, n]) => s.repeat(Math.ceil(n / s.length)));
const deep = fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean(), fc.jsonValue({ maxDepth: 1 })).map(([n, asArray, leaf]) => {
  let v: unknown = leaf;
  for (let i = 0; i < n; i++) v = asArray ? [v] : { type: 'card', data: v };
  return v;
});
/** Objects with an own "__proto__" (as JSON.parse makes them) or other prototype keys. */
const polluted = fc
  .tuple(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...TYPES))
  .map(([k, v, type]) => JSON.parse(`{"type":${JSON.stringify(type)},${JSON.stringify(k)}:${JSON.stringify(v)}}`) as unknown);
const pollutedIn = (field: string, type: string) =>
  fc
    .tuple(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 2 }))
    .map(([k, v]) => ({ type, [field]: JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v)}}`) }));

const isoDay = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const url = fc.oneof(
  { weight: 4, arbitrary: fc.webUrl() },
  fc.constantFrom(
    'http://localhost:8000/x',
    'https://www.hsj.co.uk/news/a',
    'https://www.bbc.co.uk/news/health-1',
    'http://constructor/',
    'http://__proto__/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'chrome://settings',
    '',
  ),
  fc.string(),
  huge,
);
const site = fc.oneof(
  { weight: 4, arbitrary: fc.domain() },
  fc.constantFrom('example.org', 'hsj.co.uk', 'constructor', '__proto__', 'www.example.org', '1', '[::1]', '<b>x</b>'),
  fc.string(),
  huge,
);
const entityId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...bundle().entities.map((e) => e.id)) },
  fc.constantFrom(
    ...bundle()
      .entities.slice(0, 10)
      .map((e) => e.id),
    'no-such',
    '__proto__',
    'constructor',
  ),
  fc.string({ minLength: 0, maxLength: 250 }),
  huge,
);
const pledgeId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...bundle().pledges.map((p) => p.id)) },
  fc.constantFrom(...bundle().pledges.map((p) => p.id), 'no-such', '__proto__', 'constructor'),
  fc.stringMatching(/^[a-z0-9-]{1,100}$/),
  fc.string(),
);
const prefs = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kinds: fc.record({ person: fc.boolean(), body: fc.boolean(), term: fc.boolean() }),
      dwellMs: fc.integer({ min: 100, max: 2000 }),
      frequent: fc.constantFrom('first-per-section', 'every'),
    }),
  },
  fc.record({
    kinds: fc.record({ person: fc.boolean(), body: fc.boolean(), term: fc.boolean() }),
    dwellMs: fc.oneof(fc.integer({ min: 100, max: 2000 }), fc.integer(), fc.double()),
    frequent: fc.oneof(fc.constantFrom('first-per-section', 'every'), fc.string()),
  }),
  anything,
);
const validSettings = fc.record({
  format: fc.constant('health-policy-annotator-settings'),
  version: fc.constant(1),
  sites: fc.dictionary(fc.domain(), fc.boolean(), { maxKeys: 20 }),
  prefs: fc.constant(DEFAULT_PREFS),
});
const settings = fc.oneof(
  { weight: 2, arbitrary: validSettings },
  fc.record({
    format: fc.oneof(fc.constant('health-policy-annotator-settings'), fc.string()),
    version: fc.oneof(fc.constant(1), anything),
    sites: fc.oneof(fc.dictionary(fc.oneof(fc.domain(), fc.string()), fc.oneof(fc.boolean(), anything), { maxKeys: 20 }), anything),
    prefs: fc.oneof(fc.constant(DEFAULT_PREFS), prefs),
  }),
  anything,
  huge,
  deep,
  pollutedIn('sites', 'x').map((o) => ({ format: 'health-policy-annotator-settings', version: 1, sites: o.sites, prefs: DEFAULT_PREFS })),
);

/** Messages of a known type, well-formed or nearly: right and wrong fields, and sometimes one too many. */
const nearlyValid = fc
  .tuple(
    fc.oneof(
      fc.record({ type: fc.constant('page:setup'), url }),
      fc.record({ type: fc.constant('site:get'), url }),
      fc.record({
        type: fc.constant('card'),
        id: entityId,
        date: fc.oneof({ weight: 3, arbitrary: fc.oneof(fc.constant(null), isoDay) }, fc.string(), anything),
      }),
      fc.record({ type: fc.constant('pledge:open'), id: pledgeId }),
      fc.record({ type: fc.constant('site:set'), site, enabled: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, anything) }),
      fc.record({ type: fc.constant('prefs:set'), prefs }),
      fc.record({ type: fc.constant('settings:import'), data: settings }),
      pollutedIn('prefs', 'prefs:set'),
      pollutedIn('data', 'settings:import'),
      fc.constantFrom(...TYPES).map((type) => ({ type })),
      fc
        .record({ type: fc.constantFrom(...TYPES) })
        .chain((m) => fc.dictionary(key, anything, { maxKeys: 4 }).map((extra) => ({ ...extra, ...m }))),
    ),
    fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, fc.tuple(key, anything)),
  )
  .map(([m, extra]) => (extra ? { ...m, [extra[0]]: extra[1] } : m));

const garbage = fc.oneof(
  anything,
  fc.jsonValue(),
  huge,
  deep,
  polluted,
  fc.record({ type: fc.oneof(anything, huge) }),
  fc.constant(undefined),
);

const sender = fc.oneof(
  { weight: 8, arbitrary: fc.constant<object | undefined>(popup) },
  { weight: 3, arbitrary: fc.constant<object | undefined>({ id: EXTENSION_ID, tab: { id: 3 }, url: 'https://www.hsj.co.uk/x' }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<object | undefined>(
      { id: 'other', url: 'chrome-extension://other/popup.html' },
      { id: EXTENSION_ID, url: 'https://evil.example/chrome-extension://abc/' },
      { id: EXTENSION_ID, url: 'chrome-extension://abcd/x.html' },
      { id: EXTENSION_ID },
      { id: 'other', tab: { id: 1 } },
      {},
      undefined,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { id: fc.oneof(fc.string(), anything), url: fc.oneof(fc.webUrl(), fc.constant(`${ORIGIN}x`), anything), tab: anything },
      { requiredKeys: [] },
    ),
  },
);

function fromUs(s: unknown): boolean {
  const o = s as { id?: unknown; url?: unknown; tab?: unknown } | undefined;
  return !!o && o.id === EXTENSION_ID && (!!o.tab || (typeof o.url === 'string' && o.url.startsWith(ORIGIN)));
}

let harness: ReturnType<typeof setup>;
let before: Awaited<ReturnType<typeof snapshot>>;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
const counts = { answered: 0, refused: 0, mutated: 0 };

beforeAll(async () => {
  freshIndexedDb();
  process.on('unhandledRejection', onUnhandled);
  harness = setup();
  await harness.data({ type: 'site:set', site: 'example.org', enabled: true });
  await harness.data({ type: 'prefs:set', prefs: { ...DEFAULT_PREFS, dwellMs: 700 } });
  await harness.data({ type: 'kb:info' });
  before = await snapshot();
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

async function check(message: unknown, from: object | undefined): Promise<void> {
  const reply: Reply<unknown> = await harness.route(message, from);
  // Exactly one of the two shapes, an explicit error, and nothing that cannot cross the wire.
  if (reply.ok) expect(Object.keys(reply).sort()).toEqual(['data', 'ok']);
  else {
    expect(Object.keys(reply).sort()).toEqual(['error', 'ok']);
    expect(typeof reply.error).toBe('string');
    expect(reply.error.trim()).not.toBe('');
    expect(reply.error.length).toBeLessThan(1000);
  }
  expect(JSON.parse(JSON.stringify(reply))).toEqual(reply);
  if (!fromUs(from)) expect(reply).toEqual({ ok: false, error: 'messages are accepted from this extension only' });

  const type = (message as { type?: unknown } | undefined)?.type;
  if (reply.ok && type === 'settings:import') {
    // An accepted import keeps every site it was given: none dropped on the way.
    const sent = (message as { data: { sites: object } }).data.sites;
    expect(Object.keys((reply.data as { sites: object }).sites).sort()).toEqual(Object.keys(sent).sort());
  }
  const after = await snapshot();
  if (reply.ok && typeof type === 'string' && MUTATING.has(type)) counts.mutated++;
  else expect(after).toEqual(before);
  before = after;
  counts[reply.ok ? 'answered' : 'refused']++;
}

it('answers or refuses thousands of random messages, and what it refuses changes nothing', { timeout: 180_000 }, async () => {
  const logged = vi.spyOn(console, 'error');
  await fc.assert(fc.asyncProperty(garbage, sender, check), { numRuns: 2000 });
  await fc.assert(fc.asyncProperty(nearlyValid, sender, check), { numRuns: 3000 });
  await new Promise((r) => setTimeout(r, 20));
  // Every refusal was a deliberate one: no handler failed unexpectedly.
  expect(logged).not.toHaveBeenCalled();
  expect(unhandled).toEqual([]);
  // The run exercised all three outcomes.
  expect(counts.answered).toBeGreaterThan(300);
  expect(counts.refused).toBeGreaterThan(2000);
  expect(counts.mutated).toBeGreaterThan(50);
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  // And the service still works.
  expect(await harness.ask({ type: 'card', id: 'cqc', date: null })).toMatchObject({ ok: true });
});
