// The reader's data survives faults: the database deleted or closed while running, an
// upgrade blocked by an older connection, no space left while installing the KB, damaged
// records in the KB's and the reader's stores, hostile or oversized imports.
import { forceCloseDatabase, IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, openStore } from '../../src/background/store';
import { MAX_IMPORT_SITES } from '../../src/shared/schemas';
import { DEFAULT_PREFS, type Prefs } from '../../src/shared/prefs';
import type { ReaderSettings } from '../../src/shared/messages';
import type { KbInfo } from '../../src/shared/views';
import { bundle, deleteDatabase, freshIndexedDb, raw, readerData, setup, snapshot, unwrap } from './fault-harness';

type Put = (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) => IDBRequest<IDBValidKey>;
/** fake-indexeddb's own put, for spies that fail some writes and pass the others on. */
const realPut = Object.getOwnPropertyDescriptor(FakeObjectStore.prototype, 'put')!.value as Put;

const PREFS: Prefs = { ...DEFAULT_PREFS, kinds: { person: true, body: false, term: true }, dwellMs: 900, frequent: 'every' };

/** A service in use: the KB installed and cached, and some of the reader's choices. */
async function running(opts: Parameters<typeof setup>[0] = {}) {
  const s = setup(opts);
  await s.data({ type: 'site:set', site: 'example.org', enabled: true });
  await s.data({ type: 'site:set', site: 'hsj.co.uk', enabled: false });
  await s.data({ type: 'prefs:set', prefs: PREFS });
  expect(await s.ask({ type: 'card', id: 'cqc', date: '2015-10-29' })).toMatchObject({ ok: true });
  return s;
}

beforeEach(freshIndexedDb);
afterEach(() => vi.restoreAllMocks());

describe('the database deleted while running', () => {
  it('steps aside for the deletion; the next requests answer and the KB is rebuilt from the bundle', async () => {
    const { ask, data } = await running();
    expect(await deleteDatabase()).toEqual({ blocked: false }); // our connection closed itself
    // The reader's data went with the database: defaults, not a crash.
    expect(await data({ type: 'prefs:get' })).toEqual(DEFAULT_PREFS);
    expect(await data({ type: 'site:get', url: 'https://www.hsj.co.uk/x' })).toMatchObject({ enabled: true, chosen: false });
    // The KB is back, in storage too.
    expect(await ask({ type: 'card', id: 'cqc', date: null })).toMatchObject({ ok: true, data: { id: 'cqc' } });
    expect(await snapshot()).toMatchObject({ meta: { version: bundle().version }, entities: bundle().entities.length });
    // And the service keeps working normally afterwards.
    await data({ type: 'site:set', site: 'example.org', enabled: true });
    expect(await data({ type: 'site:get', url: 'https://example.org/' })).toMatchObject({ enabled: true, chosen: true });
  });

  it('answers requests sent while the deletion happens', async () => {
    const { ask } = await running();
    const during = [
      ask({ type: 'prefs:get' }),
      ask({ type: 'sites:list' }),
      ask({ type: 'card', id: 'cqc', date: null }),
      ask({ type: 'page:setup', url: 'http://localhost:8000/' }),
    ];
    const deleted = deleteDatabase();
    const after = [ask({ type: 'kb:info' }), ask({ type: 'prefs:get' }), ask({ type: 'card', id: 'nhs-england', date: null })];
    await deleted;
    for (const r of await Promise.all([...during, ...after])) expect(r).toMatchObject({ ok: true });
    expect(await ask({ type: 'card', id: 'cqc', date: null })).toMatchObject({ ok: true });
    expect(await snapshot()).toMatchObject({ meta: { version: bundle().version } });
  });

  it('reopens after the browser closes the connection (close event, cleared site data)', async () => {
    const { ask, connections } = await running();
    forceCloseDatabase(unwrap(connections.at(-1)!) as never);
    expect(await ask({ type: 'prefs:get' })).toEqual({ ok: true, data: PREFS });
    expect(await ask({ type: 'card', id: 'cqc', date: null })).toMatchObject({ ok: true });
    expect(connections).toHaveLength(2);
  });

  it('reopens when the connection is closing under a request (InvalidStateError)', async () => {
    const { ask, connections } = await running();
    connections.at(-1)!.close(); // closed without any event: the next transaction throws InvalidStateError
    expect(await ask({ type: 'prefs:get' })).toEqual({ ok: true, data: PREFS });
    expect(await ask({ type: 'site:set', site: 'example.net', enabled: true })).toMatchObject({ ok: true });
    expect(connections).toHaveLength(2);
  });
});

describe('an upgrade of the database', () => {
  it('does not wait for our own older connection: it closes itself on versionchange', async () => {
    const old = await running();
    const before = await readerData();
    let blocked = false;
    const newer = await openStore({ blocked: () => (blocked = true) }, 2);
    expect(blocked).toBe(false);
    expect(newer.version).toBe(2);
    newer.close();
    // The old code cannot open the newer database: it says so instead of failing obscurely.
    expect(await old.ask({ type: 'prefs:get' })).toEqual({ ok: false, error: expect.stringMatching(/newer version of the extension/) });
    const upgraded = setup({ dbVersion: 2 });
    expect(await upgraded.data({ type: 'prefs:get' })).toEqual(PREFS);
    expect(await readerData()).toEqual(before);
  });

  it('blocked by an older connection that does not close: a clear answer, then proceeds once it closes', async () => {
    await running();
    const before = await readerData();
    // Another page of an older build, which ignores versionchange.
    const holder = await openDB(DB_NAME, 1);
    const versionchange = vi.fn();
    unwrap(holder).addEventListener('versionchange', versionchange);

    const upgraded = setup({ dbVersion: 2 });
    const r = await upgraded.ask({ type: 'prefs:get' });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/being upgraded.*waits for another page of the extension.*to close/) });
    expect(versionchange).toHaveBeenCalled();
    const info = (await upgraded.data<KbInfo>({ type: 'kb:info' })).installError;
    expect(info).toMatch(/being upgraded/);

    holder.close();
    await vi.waitFor(async () => expect(await upgraded.ask({ type: 'prefs:get' })).toEqual({ ok: true, data: PREFS }));
    expect(upgraded.connections.map((c) => c.version)).toEqual([2]);
    expect(await upgraded.ask({ type: 'card', id: 'cqc', date: null })).toMatchObject({ ok: true });
    expect(await readerData()).toEqual(before);
  });
});

describe('no space left while installing the KB', () => {
  /** Makes writes to the KB's entity store fail the way a full disk does. */
  function quota(how: 'put throws' | 'commit aborts') {
    return vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name !== 'kb-entities') return realPut.apply(this, args);
      if (how === 'put throws') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      const req = realPut.apply(this, args);
      // As in Chromium: the transaction aborts with QuotaExceededError, each request with AbortError.
      const tx = this.transaction as unknown as { _abort(name: string): void; _state: string };
      if (tx._state === 'active') tx._abort('QuotaExceededError');
      return req;
    });
  }

  for (const how of ['put throws', 'commit aborts'] as const) {
    it(`says so in the popup, keeps the old KB and the reader's data, and tries again (${how})`, async () => {
      await running({ version: 'v1' });
      const before = await snapshot();
      const failing = quota(how);
      const upgraded = setup({ version: 'v2' });
      const r = await upgraded.ask({ type: 'card', id: 'cqc', date: null });
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/no space left.*tried again/) });
      expect((await upgraded.data<KbInfo>({ type: 'kb:info' })).installError).toMatch(/no space left/);
      // All or nothing: the old KB and the reader's data are as they were.
      expect(await snapshot()).toEqual(before);
      expect(await upgraded.data({ type: 'prefs:get' })).toEqual(PREFS);

      failing.mockRestore();
      expect(await upgraded.ask({ type: 'card', id: 'cqc', date: null })).toMatchObject({ ok: true });
      const info = await upgraded.data<KbInfo>({ type: 'kb:info' });
      expect(info.version).toBe('v2');
      expect(info.installError).toBeUndefined();
      expect(await readerData()).toEqual({ sites: before.sites, prefs: before.prefs });
    });
  }
});

describe('damaged records in the KB stores', () => {
  const damage: [string, (d: IDBPDatabase) => Promise<unknown>][] = [
    ['a corrupted entity record', (d) => d.put('kb-entities', { id: 'cqc', kind: 42, name: null })],
    [
      'an entity with a broken source list',
      async (d) => d.put('kb-entities', { ...(await d.get('kb-entities', 'cqc')), evidence: 'none' }),
    ],
    ['a missing dictionary', (d) => d.delete('kb-dictionary', 'current')],
    [
      'a dictionary pointing past its entities',
      async (d) => d.put('kb-dictionary', { ...(await d.get('kb-dictionary', 'current')), entities: [] }, 'current'),
    ],
    ['meta of the wrong shape', (d) => d.put('kb-meta', { version: bundle().version, articles: 'lost' }, 'current')],
    ['meta that is not an object', (d) => d.put('kb-meta', 'current', 'current')],
    ['a corrupted pledge', (d) => d.put('kb-pledges', { id: 'paperless-nhs-2018', timeline: 7 })],
  ];
  for (const [what, harm] of damage) {
    it(`rebuilds from the bundle after ${what}, leaving the reader's data alone`, async () => {
      await running();
      const before = await readerData();
      await raw(harm);
      const restarted = setup(); // the next background start reads the damaged store
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      expect(await restarted.ask({ type: 'card', id: 'cqc', date: '2015-10-29' })).toMatchObject({
        ok: true,
        data: { id: 'cqc', kind: 'body' },
      });
      const setupReply = await restarted.data<{ kbVersion?: string }>({ type: 'page:setup', url: 'http://localhost:8000/a' });
      expect(setupReply.kbVersion).toBe(bundle().version);
      const matched = await restarted.data<{ spans: string }>({ type: 'page:match', text: 'the CQC', date: null, lang: null });
      expect(matched.spans).toBe('430'); // the CQC at 4–7, descriptor 0

      expect((await restarted.data<unknown[]>({ type: 'pledges' })).length).toBe(bundle().pledges.length);
      expect(await snapshot()).toMatchObject({ meta: { version: bundle().version }, entities: bundle().entities.length });
      expect(await raw((d) => d.get('kb-entities', 'cqc'))).toEqual(bundle().entities.find((e) => e.id === 'cqc'));
      expect(await readerData()).toEqual(before);
    });
  }

  it('skips a bad record the bundle itself carries: a clear error for that card, the rest works', async () => {
    const broken = { ...bundle(), entities: bundle().entities.map((e) => (e.id === 'cqc' ? ({ ...e, roles: 'oops' } as never) : e)) };
    const { ask } = setup({ loadBundle: async () => broken });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await ask({ type: 'card', id: 'cqc', date: null })).toEqual({ ok: false, error: 'no entry "cqc" in the knowledge base' });
    expect(await ask({ type: 'card', id: 'nhs-england', date: null })).toMatchObject({ ok: true });
  });
});

describe('invalid records in the reader’s stores', () => {
  it('ignores invalid site records and falls back to default preferences', async () => {
    const { data } = await running();
    await raw(async (d) => {
      await d.put('sites', { site: 'yes.example', enabled: 'yes' });
      await d.put('sites', { site: 'Bad Host!', enabled: true });
      await d.put('sites', { site: 'constructor', enabled: true });
      await d.put('sites', { site: 'no-date.example', enabled: false }); // no updatedAt: still a valid choice
      await d.put('prefs', { kinds: null, dwellMs: 'slow', frequent: 3 }, 'prefs');
    });
    expect(await data({ type: 'prefs:get' })).toEqual(DEFAULT_PREFS);
    const sites = await data<{ site: string }[]>({ type: 'sites:list' });
    expect(sites.map((s) => s.site)).toEqual(expect.arrayContaining(['example.org', 'no-date.example']));
    expect(sites.map((s) => s.site)).not.toEqual(expect.arrayContaining(['yes.example']));
    expect(sites.map((s) => s.site)).not.toContain('Bad Host!');
    expect(await data({ type: 'site:get', url: 'https://yes.example/' })).toMatchObject({ enabled: false, chosen: false });
    expect(await data({ type: 'site:get', url: 'http://constructor/' })).toMatchObject({ enabled: false, chosen: false });
    expect(await data({ type: 'site:get', url: 'https://no-date.example/' })).toMatchObject({ enabled: false, chosen: true });
    expect(await data({ type: 'page:setup', url: 'https://example.org/a' })).toMatchObject({ enabled: true, prefs: DEFAULT_PREFS });
    // What is exported can be imported again.
    const exported = await data<ReaderSettings>({ type: 'settings:export' });
    expect(exported.sites).toEqual({ 'example.org': true, 'hsj.co.uk': false, 'no-date.example': false });
    expect(await data({ type: 'settings:import', data: exported })).toEqual(exported);
  });

  it('gives default preferences for a record that is not an object, and defaults for fields an older version lacked', async () => {
    const { data } = setup();
    await data({ type: 'prefs:get' });
    for (const stored of ['garbage', 42, null, [1, 2], { kinds: { person: 'no' } }, { __proto__: null, dwellMs: 99999 }])
      expect(await raw((d) => d.put('prefs', stored, 'prefs')).then(() => data({ type: 'prefs:get' }))).toEqual(DEFAULT_PREFS);
    await raw((d) => d.put('prefs', { kinds: { person: false }, dwellMs: 300 }, 'prefs'));
    expect(await data({ type: 'prefs:get' })).toEqual({
      ...DEFAULT_PREFS,
      kinds: { person: false, body: true, term: true },
      dwellMs: 300,
    });
  });

  it('does not mistake a site named like an object property for a choice', async () => {
    const { data } = setup();
    for (const site of ['constructor', '__proto__'])
      expect(await data({ type: 'site:get', url: `http://${site}/` })).toEqual({ site, enabled: false, isDefault: false, chosen: false });
  });
});

describe('KB upgrades and rebuilds never touch site choices and preferences', () => {
  it('keeps the stored records as they were through a version change, a rebuild and a database upgrade', async () => {
    await running({ version: 'v1' });
    const before = await readerData();
    expect(before.sites).toHaveLength(2);
    await setup({ version: 'v2' }).data({ type: 'kb:info' });
    expect(await readerData()).toEqual(before);
    await raw((d) => d.delete('kb-dictionary', 'current'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await setup({ version: 'v2' }).data({ type: 'kb:info' });
    expect(await readerData()).toEqual(before);
    expect(await setup({ version: 'v3', dbVersion: 2 }).data<KbInfo>({ type: 'kb:info' })).toMatchObject({ version: 'v3' });
    expect(await readerData()).toEqual(before);
  });
});

describe('export and import', () => {
  it('gives back exactly the same data, many sites included', async () => {
    const { data } = await running();
    for (let i = 0; i < 300; i++) await data({ type: 'site:set', site: `site-${i}.example`, enabled: i % 3 === 0 });
    await data({ type: 'site:set', site: '[::1]', enabled: true });
    await data({ type: 'site:set', site: '10.0.0.2', enabled: false });
    const exported = await data<ReaderSettings>({ type: 'settings:export' });
    const file = JSON.stringify(exported);
    await data({ type: 'sites:reset' });
    await data({ type: 'prefs:set', prefs: DEFAULT_PREFS });
    expect(await data({ type: 'settings:import', data: JSON.parse(file) })).toEqual(exported);
    expect(JSON.stringify(await data({ type: 'settings:export' }))).toBe(file);
  });

  const valid = (): ReaderSettings => ({
    format: 'health-policy-annotator-settings',
    version: 1,
    sites: { 'example.com': true },
    prefs: DEFAULT_PREFS,
  });
  const manySites = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}.example`, true]));
  const deep = (n: number) => {
    let o: unknown = {};
    for (let i = 0; i < n; i++) o = { sites: o };
    return o;
  };
  const cyclic: Record<string, unknown> = { ...valid() };
  cyclic.self = cyclic;
  const refused: [string, unknown, RegExp][] = [
    ['not an object', 'settings', /format|expected object/i],
    ['an array', [valid()], /expected object/i],
    ['another format', { ...valid(), format: 'other' }, /format/],
    ['a newer version', { ...valid(), version: 2 }, /version/],
    ['sites as an array', { ...valid(), sites: ['example.com'] }, /sites/],
    ['sites as a Map', { ...valid(), sites: new Map([['example.com', true]]) }, /sites/],
    ['a site that is not a boolean', { ...valid(), sites: { 'example.com': 'yes' } }, /sites\.example\.com/],
    ['a missing field', { format: 'health-policy-annotator-settings', version: 1, sites: {} }, /prefs/],
    ['over 1 MB of JSON', { ...valid(), note: 'x'.repeat(1_100_000) }, /larger than 1 MB/],
    ['over 10,000 sites', { ...valid(), sites: manySites(MAX_IMPORT_SITES + 1) }, /at most 10000 sites/],
    ['nesting 100,000 deep', deep(100_000), /not plain JSON data|larger than 1 MB/],
    ['a cycle', cyclic, /not plain JSON data/],
    ['a BigInt', { ...valid(), version: 1n }, /not plain JSON data/],
    ['a __proto__ key at the top', JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(valid()).slice(1)}`), /"__proto__"/],
    [
      'a __proto__ site',
      JSON.parse(
        `{"format":"health-policy-annotator-settings","version":1,"sites":{"__proto__":true},"prefs":${JSON.stringify(DEFAULT_PREFS)}}`,
      ),
      /"__proto__"/,
    ],
    [
      'a __proto__ in prefs',
      JSON.parse(
        `{"format":"health-policy-annotator-settings","version":1,"sites":{},"prefs":{"__proto__":{"polluted":true},"kinds":{"person":true,"body":true,"term":true},"dwellMs":400,"frequent":"every"}}`,
      ),
      /"__proto__"/,
    ],
    ['a constructor site', { ...valid(), sites: { constructor: true } }, /"constructor"/],
    ['a prototype site', { ...valid(), sites: { prototype: false } }, /"prototype"/],
    ['a markup site', { ...valid(), sites: { '<img src=x onerror=alert(1)>': true } }, /host name/],
    ['a script as a preference', { ...valid(), prefs: { ...DEFAULT_PREFS, frequent: '<script>alert(1)</script>' } }, /frequent/],
    ['a number as a site', { ...valid(), sites: { 1: true } }, /host name/],
    ['a symbol key', { ...valid(), sites: { [Symbol('x')]: true } }, /sites/],
    ['a non-canonical site', { ...valid(), sites: { 'www.example.com': true } }, /host name/],
    ['an extra field', { ...valid(), extra: '<img src=x onerror=alert(1)>' }, /extra/],
  ];
  it.each(refused)('refuses %s with a clear message and changes nothing', async (_what, file, why) => {
    const { ask } = await running();
    const before = await snapshot();
    const r = await ask({ type: 'settings:import', data: file });
    expect(r.ok).toBe(false);
    const error = (r as { error: string }).error;
    expect(error).toMatch(/^These settings cannot be imported: .+\. Nothing was changed\.$/);
    expect(error).toMatch(why);
    expect(error.length).toBeLessThan(400);
    expect(await snapshot()).toEqual(before);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('the transaction helper', () => {
  it('leaves no request rejection unhandled when a write fails mid-way', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      let n = 0;
      vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        if (this.name === 'kb-roles' && ++n === 3) throw new DOMException('clone failed', 'DataCloneError');
        return realPut.apply(this, args);
      });
      const { ask } = setup();
      expect(await ask({ type: 'kb:info' })).toMatchObject({ ok: true, data: { installError: expect.stringMatching(/DataCloneError/) } });
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
