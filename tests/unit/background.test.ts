// The background's store and handlers on fake-indexeddb: KB installs and upgrades that
// never touch the reader's data, site and preference state, import/export, the router.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/background/router';
import { createService, type ServiceDeps } from '../../src/background/service';
import { openStore } from '../../src/background/store';
import type { KbBundle } from '../../src/kb/bundle';
import { DEFAULT_PREFS } from '../../src/shared/prefs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { realKb, ROOT } from '../support/kb';
import { senderFor } from './fault-harness';

const bundle = (): KbBundle => realKb().result.bundle;
const ORIGIN = 'chrome-extension://abc/';

function setup(version = bundle().version, loadBundle: ServiceDeps['loadBundle'] = async () => ({ ...bundle(), version })) {
  const notes: unknown[] = [];
  const service = createService({
    bundledVersion: version,
    loadBundle,
    async notify(e) {
      notes.push(e);
    },
    async openPledge() {},
    open: openStore,
  });
  const route = createRouter(service, 'abc', ORIGIN);
  const ask = async (msg: unknown, sender: object = senderFor(msg)) => route(msg, sender);
  return { service, route, ask, notes };
}

beforeEach(() => {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('knowledge base in IndexedDB', () => {
  it('installs the bundle on first use and answers cards from it', async () => {
    const { ask } = setup();
    const r = await ask({ type: 'card', id: 'cqc', date: '2015-10-29' });
    expect(r).toMatchObject({ ok: true, data: { id: 'cqc', kind: 'body' } });
    const info = await ask({ type: 'kb:info' });
    expect(info).toMatchObject({ ok: true, data: { version: bundle().version } });
  });

  it('replaces the KB on a new version without touching site choices or preferences', async () => {
    const first = setup('v1');
    await first.ask({ type: 'site:set', site: 'hsj.co.uk', enabled: false });
    const prefs = { ...DEFAULT_PREFS, dwellMs: 900 };
    await first.ask({ type: 'prefs:set', prefs });
    await first.ask({ type: 'kb:info' });
    const second = setup('v2');
    expect(await second.ask({ type: 'kb:info' })).toMatchObject({ ok: true, data: { version: 'v2' } });
    expect(await second.ask({ type: 'site:get', url: 'https://www.hsj.co.uk/news/x' })).toMatchObject({
      ok: true,
      data: { site: 'hsj.co.uk', enabled: false, chosen: true },
    });
    expect(await second.ask({ type: 'prefs:get' })).toEqual({ ok: true, data: prefs });
  });

  it('says clearly when the KB cannot be stored, and tries again on the next request', async () => {
    let fail = true;
    const { ask } = setup('v1', async () => {
      if (fail) {
        // A bundle whose records cannot be cloned into IndexedDB makes the install fail.
        return { ...bundle(), version: 'v1', entities: [{ id: 'x', bad: () => 1 } as never] };
      }
      return { ...bundle(), version: 'v1' };
    });
    const r = await ask({ type: 'card', id: 'cqc', date: null });
    expect(r.ok).toBe(false);
    expect((r as { error: string }).error).toMatch(/could not be stored.*tried again/);
    const info = await ask({ type: 'kb:info' });
    expect(info).toMatchObject({
      ok: true,
      data: { version: 'not installed', installError: expect.stringMatching(/could not be stored/) },
    });
    fail = false;
    expect(await ask({ type: 'card', id: 'cqc', date: null })).toMatchObject({ ok: true });
  });
});

describe('sites and preferences', () => {
  it('follows the default list until the reader chooses', async () => {
    const { ask, notes } = setup();
    expect(await ask({ type: 'site:get', url: 'https://www.kingsfund.org.uk/blog' })).toMatchObject({
      data: { enabled: true, isDefault: true, chosen: false },
    });
    expect(await ask({ type: 'site:get', url: 'https://example.com/' })).toMatchObject({
      data: { site: 'example.com', enabled: false, isDefault: false },
    });
    expect(await ask({ type: 'site:get', url: 'https://www.bbc.co.uk/sport' })).toMatchObject({ data: { enabled: false } });
    expect(await ask({ type: 'site:get', url: 'https://www.bbc.co.uk/news/health-123' })).toMatchObject({ data: { enabled: true } });
    await ask({ type: 'site:set', site: 'example.com', enabled: true });
    expect(notes).toContainEqual({ site: 'example.com', enabled: true });
    expect(await ask({ type: 'site:get', url: 'https://example.com/a' })).toMatchObject({ data: { enabled: true, chosen: true } });
  });

  it('hands a page the KB version where annotation is on, and never the dictionary (matching runs here)', async () => {
    const { ask } = setup();
    const on = (await ask({ type: 'page:setup', url: 'http://localhost:8000/x' })) as { ok: true; data: Record<string, unknown> };
    expect(on.data).toMatchObject({ enabled: true, kbVersion: bundle().version });
    expect(Object.keys(on.data).sort()).toEqual(['enabled', 'kbVersion', 'prefs', 'site']);
    const off = (await ask({ type: 'page:setup', url: 'https://example.com/' })) as { ok: true; data: Record<string, unknown> };
    expect(off.data).toMatchObject({ enabled: false });
    expect(Object.keys(off.data).sort()).toEqual(['enabled', 'prefs', 'site']);
  });
});

describe('export and import of the reader’s settings', () => {
  it('round-trips exactly', async () => {
    const { ask } = setup();
    await ask({ type: 'site:set', site: 'example.org', enabled: true });
    await ask({ type: 'site:set', site: 'gov.uk', enabled: false });
    await ask({
      type: 'prefs:set',
      prefs: { ...DEFAULT_PREFS, kinds: { person: true, body: false, term: true }, dwellMs: 250, frequent: 'every', trigger: 'alt' },
    });
    const exported = ((await ask({ type: 'settings:export' })) as { data: unknown }).data;
    await ask({ type: 'sites:reset' });
    await ask({ type: 'prefs:set', prefs: DEFAULT_PREFS });
    const imported = await ask({ type: 'settings:import', data: JSON.parse(JSON.stringify(exported)) });
    expect(imported).toEqual({ ok: true, data: exported });
    expect(((await ask({ type: 'settings:export' })) as { data: unknown }).data).toEqual(exported);
  });

  it('refuses a malformed import with a clear message and changes nothing', async () => {
    const { ask } = setup();
    await ask({ type: 'site:set', site: 'example.org', enabled: true });
    const before = ((await ask({ type: 'settings:export' })) as { data: unknown }).data;
    for (const data of [
      null,
      'settings',
      { format: 'something-else', version: 1, sites: {}, prefs: DEFAULT_PREFS },
      { format: 'health-policy-annotator-settings', version: 1, sites: { 'bad host!': true }, prefs: DEFAULT_PREFS },
      { format: 'health-policy-annotator-settings', version: 1, sites: {}, prefs: { ...DEFAULT_PREFS, dwellMs: -5 } },
      { format: 'health-policy-annotator-settings', version: 1, sites: {}, prefs: DEFAULT_PREFS, extra: '<img src=x onerror=alert(1)>' },
    ]) {
      const r = await ask({ type: 'settings:import', data });
      expect(r.ok).toBe(false);
      expect((r as { error: string }).error).toMatch(/cannot be imported: .+Nothing was changed/);
    }
    expect(((await ask({ type: 'settings:export' })) as { data: unknown }).data).toEqual(before);
  });
});

describe('the router', () => {
  it('is the only way in: no externally_connectable, no listener for other extensions or pages', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(readFileSync(path.join(ROOT, 'extension/background.ts'), 'utf8')).not.toMatch(/onMessageExternal|onConnectExternal/);
  });
  it('refuses messages from anything but this extension', async () => {
    const { ask } = setup();
    expect(await ask({ type: 'kb:info' }, { id: 'other', url: 'chrome-extension://other/' })).toEqual({
      ok: false,
      error: 'messages are accepted from this extension only',
    });
    expect(await ask({ type: 'kb:info' }, { id: 'abc', url: 'https://evil.example/' })).toEqual({
      ok: false,
      error: 'messages are accepted from this extension only',
    });
    // A content script may send page messages only.
    expect(await ask({ type: 'kb:info' }, { id: 'abc', tab: { id: 1 }, url: 'https://www.hsj.co.uk/x' })).toEqual({
      ok: false,
      error: '"kb:info" is accepted from the extension’s own pages only',
    });
  });
  it('answers malformed messages with an explicit error', async () => {
    const { ask } = setup();
    expect(await ask({ type: 'nope' })).toMatchObject({ ok: false, error: expect.stringMatching(/^malformed "nope" message/) });
    expect(await ask({ type: 'card', id: 'cqc', date: 'yesterday' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/date: must be a date/),
    });
    expect(await ask({ type: 'card', id: 'no-such-thing', date: null })).toEqual({
      ok: false,
      error: 'no entry "no-such-thing" in the knowledge base',
    });
    expect(await ask('hello')).toMatchObject({ ok: false });
    expect(await ask({ type: 'site:set', site: 'x.org', enabled: 'yes' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/enabled/),
    });
  });
});
