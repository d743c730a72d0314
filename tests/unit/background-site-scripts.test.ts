// Which pages get the content-script loader: the registrations the background makes for the
// reader's choices, kept in line as sites are switched, against a fake scripting API that
// behaves as the browsers do (a duplicate or unknown id is an error; empty lists left out).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/background/router';
import { createService } from '../../src/background/service';
import {
  createSiteScripts,
  originsFor,
  pagesOf,
  wantedScripts,
  type LoaderScript,
  type RegisteredScript,
  type ScriptsApi,
} from '../../src/background/site-scripts';
import { openStore } from '../../src/background/store';
import { DEFAULT_SITES, defaultMatchPatterns } from '../../src/shared/sites';
import { realKb } from '../support/kb';

interface FakeOptions {
  /** Origins the reader granted beyond the manifest's. */
  granted?: string[];
  tabs?: { id?: number; url?: string }[];
  /** A registration the browser refuses. */
  refuse?: (s: LoaderScript) => string | undefined;
}

function fakeBrowser(opts: FakeOptions = {}) {
  const registered = new Map<string, LoaderScript>();
  const calls: string[] = [];
  const injected: { tabId: number; allFrames: boolean; files: string[] }[] = [];
  const granted = new Set(opts.granted ?? []);
  const check = (s: LoaderScript) => {
    const why = opts.refuse?.(s);
    if (why) throw new Error(why);
  };
  // As Chrome reports them: matches sorted, empty lists left out.
  const report = (s: LoaderScript): RegisteredScript => {
    const { excludeMatches, ...rest } = structuredClone(s);
    return { ...rest, matches: [...s.matches].sort(), ...(excludeMatches?.length ? { excludeMatches } : {}) };
  };
  const api: ScriptsApi = {
    scripting: {
      async getRegisteredContentScripts() {
        calls.push('get');
        return [...registered.values()].map(report);
      },
      async registerContentScripts(scripts) {
        calls.push(`register ${scripts.map((s) => s.id).join(',')}`);
        for (const s of scripts) if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.forEach(check);
        for (const s of scripts) registered.set(s.id, structuredClone(s));
      },
      async updateContentScripts(scripts) {
        calls.push(`update ${scripts.map((s) => s.id).join(',')}`);
        for (const s of scripts) if (!registered.has(s.id)) throw new Error(`Nonexistent script ID '${s.id}'`);
        scripts.forEach(check);
        for (const s of scripts) registered.set(s.id, structuredClone(s));
      },
      async unregisterContentScripts({ ids }) {
        calls.push(`unregister ${ids.join(',')}`);
        for (const id of ids) if (!registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
        for (const id of ids) registered.delete(id);
      },
      async executeScript({ target, files }) {
        if (target.tabId === 666) throw new Error('Cannot access contents of the page');
        injected.push({ tabId: target.tabId, allFrames: target.allFrames, files });
        return [];
      },
    },
    permissions: {
      async contains({ origins }) {
        return origins.every((o) => granted.has(o));
      },
    },
    tabs: {
      async query() {
        return opts.tabs ?? [];
      },
    },
  };
  return { api, registered, calls, injected, granted };
}

function harness(opts: FakeOptions & { choices?: Record<string, boolean> } = {}) {
  const fake = fakeBrowser(opts);
  const choices = { ...(opts.choices ?? {}) };
  const logged: string[] = [];
  const scripts = createSiteScripts(
    fake.api,
    async () => ({ ...choices }),
    (m, e) => logged.push(e === undefined ? m : `${m}: ${e instanceof Error ? e.message : JSON.stringify(e)}`),
  );
  return { ...fake, choices, logged, scripts };
}

const byId = (registered: Map<string, LoaderScript>, id: string) => registered.get(id)!;

describe('the loader registered for the sites that are on', () => {
  it('registers the default sites, every frame, about:blank frames where the patterns allow, document_idle, content.css', async () => {
    const h = harness();
    expect(await h.scripts.sync()).toEqual({ registered: ['defaults', 'defaults-sections'], updated: [], unregistered: [], failed: [] });
    expect([...h.registered.keys()]).toEqual(['defaults', 'defaults-sections']);
    const all = [...byId(h.registered, 'defaults').matches, ...byId(h.registered, 'defaults-sections').matches];
    expect(all.sort()).toEqual(defaultMatchPatterns().sort());
    for (const s of h.registered.values()) {
      expect(s).toMatchObject({
        js: ['content.js'],
        css: ['content.css'],
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
        excludeMatches: [],
      });
    }
    // matchOriginAsFallback (about:blank and srcdoc frames) needs patterns with a wildcard path.
    expect(byId(h.registered, 'defaults').matchOriginAsFallback).toBe(true);
    expect(byId(h.registered, 'defaults').matches.every((p) => p.endsWith('/*'))).toBe(true);
    expect(byId(h.registered, 'defaults').matches).toEqual(
      expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*', 'https://hsj.co.uk/*', 'https://*.hsj.co.uk/*']),
    );
    expect(byId(h.registered, 'defaults-sections').matchOriginAsFallback).toBe(false);
    expect(byId(h.registered, 'defaults-sections').matches).toEqual(
      expect.arrayContaining(['https://*.bbc.co.uk/news/health*', 'https://*.theguardian.com/society*']),
    );
    // A second sync finds everything in place and changes nothing.
    expect(await h.scripts.sync()).toEqual({ registered: [], updated: [], unregistered: [], failed: [] });
    expect(h.logged).toEqual([]);
  });

  it('leaves a default site switched off out, and takes it back when it is switched on again', async () => {
    const h = harness();
    await h.scripts.sync();
    h.choices['hsj.co.uk'] = false;
    expect(await h.scripts.sync()).toMatchObject({ updated: ['defaults', 'defaults-sections'], registered: [], unregistered: [] });
    expect(byId(h.registered, 'defaults').excludeMatches).toEqual(['*://hsj.co.uk/*', '*://*.hsj.co.uk/*']);
    expect(byId(h.registered, 'defaults').matches).toContain('https://*.hsj.co.uk/*'); // other sub-domains are sites of their own
    h.choices['hsj.co.uk'] = true;
    expect(await h.scripts.sync()).toMatchObject({ updated: ['defaults', 'defaults-sections'] });
    expect(byId(h.registered, 'defaults').excludeMatches).toEqual([]);
    expect(h.registered.has('site:hsj.co.uk')).toBe(false); // the defaults cover it
    delete h.choices['hsj.co.uk'];
    expect(await h.scripts.sync()).toEqual({ registered: [], updated: [], unregistered: [], failed: [] });
  });

  it('excludes exactly the pages of the choice (with its sub-domains): an address, a sub-domain, a section site', async () => {
    const wanted = await wantedScripts(
      { '127.0.0.1': false, 'news.hsj.co.uk': false, 'bbc.co.uk': false, 'example.org': false },
      async () => true,
    );
    const excluded = wanted.find((s) => s.id === 'defaults')!.excludeMatches;
    expect(excluded).toEqual(['*://127.0.0.1/*', '*://bbc.co.uk/*', '*://*.bbc.co.uk/*', '*://news.hsj.co.uk/*', '*://*.news.hsj.co.uk/*']);
    expect(wanted.find((s) => s.id === 'defaults-sections')!.excludeMatches).toEqual(excluded);
    expect(pagesOf('localhost')).toEqual(['*://localhost/*', '*://*.localhost/*']);
    expect(pagesOf('[::1]')).toEqual(['*://[::1]/*']);
  });

  it('registers a site switched on beyond the defaults once its permission is granted, and removes it when switched off', async () => {
    const h = harness({ choices: { 'example.org': true, 'nopermission.net': true } });
    h.granted.add(originsFor('example.org')[0]!).add(originsFor('example.org')[1]!);
    await h.scripts.sync();
    expect([...h.registered.keys()].sort()).toEqual(['defaults', 'defaults-sections', 'site:example.org']);
    expect(byId(h.registered, 'site:example.org')).toMatchObject({
      matches: ['*://example.org/*', '*://*.example.org/*'],
      excludeMatches: [],
      js: ['content.js'],
      css: ['content.css'],
      allFrames: true,
      matchOriginAsFallback: true,
      runAt: 'document_idle',
    });
    expect(byId(h.registered, 'defaults').excludeMatches).toEqual([]); // not a default site: nothing to leave out
    h.choices['example.org'] = false;
    expect(await h.scripts.sync()).toMatchObject({ unregistered: ['site:example.org'], updated: [] });
    expect(h.registered.has('site:example.org')).toBe(false);
    // Permission taken back in the browser: the registration goes at the next sync.
    h.choices['example.org'] = true;
    await h.scripts.sync();
    expect(h.registered.has('site:example.org')).toBe(true);
    h.granted.clear();
    await h.scripts.sync();
    expect(h.registered.has('site:example.org')).toBe(false);
  });

  it('a section site switched on as a whole gets its own registration and leaves the sections one', async () => {
    const h = harness({ choices: { 'bbc.co.uk': true } });
    originsFor('bbc.co.uk').forEach((o) => h.granted.add(o));
    await h.scripts.sync();
    expect(byId(h.registered, 'site:bbc.co.uk').matches).toEqual(['*://bbc.co.uk/*', '*://*.bbc.co.uk/*']);
    expect(byId(h.registered, 'defaults-sections').excludeMatches).toEqual(['*://bbc.co.uk/*', '*://*.bbc.co.uk/*']);
    // Without the permission (switched on while on a health page, where none is asked) the sections registration keeps it.
    h.granted.clear();
    await h.scripts.sync();
    expect(h.registered.has('site:bbc.co.uk')).toBe(false);
    expect(byId(h.registered, 'defaults-sections').excludeMatches).toEqual([]);
  });

  it('corrects what an older version registered: a stale script goes, a changed one is updated', async () => {
    const h = harness({ choices: { 'example.org': true } });
    originsFor('example.org').forEach((o) => h.granted.add(o));
    // As the previous version registered an added site: js only, top frame, its sub-domains too.
    h.registered.set('site:example.org', {
      id: 'site:example.org',
      matches: originsFor('example.org'),
      js: ['content.js'],
      runAt: 'document_idle',
    } as LoaderScript);
    h.registered.set('something-old', { id: 'something-old', matches: ['https://old.example/*'], js: ['old.js'] } as LoaderScript);
    const report = await h.scripts.sync();
    expect(report).toEqual({
      registered: ['defaults', 'defaults-sections'],
      updated: ['site:example.org'],
      unregistered: ['something-old'],
      failed: [],
    });
    expect(byId(h.registered, 'site:example.org')).toMatchObject({
      matches: pagesOf('example.org'),
      css: ['content.css'],
      allFrames: true,
    });
  });

  it('just installed, registers the default sites before the reader’s choices are read', async () => {
    const fake = fakeBrowser();
    let release: (c: Record<string, boolean>) => void = () => undefined;
    const choices = new Promise<Record<string, boolean>>((r) => (release = r));
    const syncing = createSiteScripts(
      fake.api,
      () => choices,
      () => undefined,
    ).sync();
    await new Promise((r) => setTimeout(r, 10));
    expect([...fake.registered.keys()]).toEqual(['defaults', 'defaults-sections']); // the database is still being read
    release({ 'gov.uk': false });
    expect(await syncing).toEqual({
      registered: ['defaults', 'defaults-sections'],
      updated: ['defaults', 'defaults-sections'],
      unregistered: [],
      failed: [],
    });
    expect(byId(fake.registered, 'defaults').excludeMatches).toEqual(pagesOf('gov.uk'));
  });

  it('syncs one at a time: calls at once never register an id twice', async () => {
    const h = harness();
    const reports = await Promise.all([h.scripts.sync(), h.scripts.sync(), h.scripts.sync()]);
    expect(reports.map((r) => r.failed)).toEqual([[], [], []]);
    expect(h.calls.filter((c) => c.startsWith('register'))).toEqual(['register defaults', 'register defaults-sections']);
    expect(h.logged).toEqual([]);
  });

  it('never rejects: a refused exclusion falls back to the loader’s question, a refused site leaves the others, a broken API is logged', async () => {
    const h = harness({
      choices: { 'gov.uk': false, 'example.org': true, 'example.net': true },
      refuse: (s) => (s.excludeMatches.length ? 'Invalid url pattern' : s.id === 'site:example.net' ? 'refused' : undefined),
    });
    [...originsFor('example.org'), ...originsFor('example.net')].forEach((o) => h.granted.add(o));
    const report = await h.scripts.sync();
    expect(report).toEqual({
      registered: ['defaults', 'defaults-sections', 'site:example.org'],
      updated: ['defaults', 'defaults-sections'],
      unregistered: [],
      failed: ['site:example.net'],
    });
    expect(byId(h.registered, 'defaults').excludeMatches).toEqual([]);
    expect(h.logged.join('\n')).toMatch(/"defaults" refused with its 2 excluded patterns \(Invalid url pattern\); going on without them/);
    expect(h.logged.join('\n')).toMatch(/"site:example\.net" could not be registered: refused/);
    // Registered afresh (the provisional registration lost), the same holds.
    h.registered.clear();
    h.logged.length = 0;
    h.api.scripting.getRegisteredContentScripts = async () => [{ id: 'defaults', matches: ['https://old.example/*'] }];
    h.registered.set('defaults', { id: 'defaults' } as LoaderScript);
    await h.scripts.sync();
    expect(h.logged.join('\n')).toMatch(/"defaults-sections" refused with its 2 excluded patterns/);
    expect(byId(h.registered, 'defaults-sections').excludeMatches).toEqual([]);

    const broken = harness();
    const working = broken.api.scripting.getRegisteredContentScripts.bind(broken.api.scripting);
    broken.api.scripting.getRegisteredContentScripts = () => Promise.reject(new Error('scripting is gone'));
    await expect(broken.scripts.sync()).resolves.toMatchObject({ failed: ['*'] });
    expect(broken.logged).toEqual(['the content scripts could not be brought in line with the sites switched on: scripting is gone']);
    // And the next sync works again.
    broken.api.scripting.getRegisteredContentScripts = working;
    await expect(broken.scripts.sync()).resolves.toMatchObject({ registered: ['defaults', 'defaults-sections'], failed: [] });
  });

  it('puts the loader into every frame of the open tabs of a site switched on (its sub-domains too), and nowhere else', async () => {
    const h = harness({
      tabs: [
        { id: 1, url: 'http://127.0.0.1:8080/seed/001' },
        { id: 2, url: 'https://www.example.org/a' },
        { id: 3, url: 'https://example.org/b' },
        { id: 4, url: 'https://sub.example.org/c' },
        { id: 5, url: 'chrome://extensions' },
        { url: 'https://example.org/no-id' },
        { id: 666, url: 'https://example.org/forbidden' },
      ],
    });
    await h.scripts.injectInto('example.org');
    expect(h.injected).toEqual([
      { tabId: 2, allFrames: true, files: ['content.js'] },
      { tabId: 3, allFrames: true, files: ['content.js'] },
      { tabId: 4, allFrames: true, files: ['content.js'] }, // an added site includes its sub-domains
    ]);
    expect(h.logged).toEqual(['the loader could not be put into tab 666 (Cannot access contents of the page)']);
    await h.scripts.injectInto('127.0.0.1');
    expect(h.injected.at(-1)).toEqual({ tabId: 1, allFrames: true, files: ['content.js'] });
  });

  it('has a pattern for every default site, and none of the whole-host ones limited to a path', async () => {
    const wanted = await wantedScripts({}, async () => false);
    for (const s of DEFAULT_SITES) {
      const id = s.paths ? 'defaults-sections' : 'defaults';
      expect(wanted.find((w) => w.id === id)!.matches.some((p) => p.includes(`//${s.host}/`))).toBe(true);
    }
  });
});

describe('the service keeps the registrations in line with the reader’s choices', () => {
  beforeEach(() => {
    (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  });

  function wired() {
    const fake = fakeBrowser({ tabs: [{ id: 7, url: 'https://www.hsj.co.uk/news/1' }] });
    const order: string[] = [];
    const logged: string[] = [];
    const service = createService({
      bundledVersion: realKb().result.bundle.version,
      loadBundle: async () => realKb().result.bundle,
      async notify(e) {
        order.push(`notify ${JSON.stringify(e)}`);
        if ('site' in e && e.enabled) await scripts.injectInto(e.site);
      },
      async sitesChanged() {
        order.push('sync');
        await scripts.sync();
      },
      async openPledge() {},
      open: openStore,
    });
    const scripts = createSiteScripts(
      fake.api,
      () => service.siteChoices(),
      (m) => logged.push(m),
    );
    const route = createRouter(service, 'abc', 'chrome-extension://abc/');
    const ask = (msg: unknown) => route(msg, { id: 'abc', url: 'chrome-extension://abc/popup.html' });
    return { ...fake, order, logged, scripts, ask };
  }

  it('switching a default site off and on re-registers before the tabs are told; the tab gets the loader when on', async () => {
    const w = wired();
    await w.scripts.sync(); // as at install
    expect(byId(w.registered, 'defaults').excludeMatches).toEqual([]);
    expect(await w.ask({ type: 'site:set', site: 'hsj.co.uk', enabled: false })).toMatchObject({ ok: true });
    expect(byId(w.registered, 'defaults').excludeMatches).toEqual(pagesOf('hsj.co.uk'));
    expect(w.order).toEqual(['sync', 'notify {"site":"hsj.co.uk","enabled":false}']);
    expect(w.injected).toEqual([]);
    expect(await w.ask({ type: 'site:set', site: 'hsj.co.uk', enabled: true })).toMatchObject({ ok: true });
    expect(byId(w.registered, 'defaults').excludeMatches).toEqual([]);
    expect(w.injected).toEqual([{ tabId: 7, allFrames: true, files: ['content.js'] }]);
  });

  it('a reset and an import re-register once, then tell the tabs', async () => {
    const w = wired();
    await w.ask({ type: 'site:set', site: 'gov.uk', enabled: false });
    w.order.length = 0;
    await w.ask({ type: 'sites:reset' });
    expect(w.order[0]).toBe('sync');
    expect(w.order.filter((o) => o === 'sync')).toHaveLength(1);
    expect(byId(w.registered, 'defaults').excludeMatches).toEqual([]);
    const exported = (await w.ask({ type: 'settings:export' })) as { ok: true; data: { sites: Record<string, boolean> } };
    w.order.length = 0;
    const r = await w.ask({
      type: 'settings:import',
      data: { ...exported.data, sites: { 'hsj.co.uk': false, 'kingsfund.org.uk': false } },
    });
    expect(r).toMatchObject({ ok: true });
    expect(w.order[0]).toBe('sync');
    expect(w.order.filter((o) => o === 'sync')).toHaveLength(1);
    expect(byId(w.registered, 'defaults').excludeMatches).toEqual([...pagesOf('hsj.co.uk'), ...pagesOf('kingsfund.org.uk')]);
    expect(w.logged).toEqual([]);
  });
});
