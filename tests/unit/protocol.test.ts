// The message protocol: which senders may send which requests, and the tab-message envelope.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { senderKind } from '../../src/background/router';
import { REQUESTS, requestSchema, tabMessageSchema, TAB_MESSAGES, type RequestType } from '../../src/shared/protocol';
import { serveTab, type TabHandlers } from '../../src/shared/serve-tab';
import { contentScript, EXTENSION_ID, ORIGIN, popup, sampleFrame as sample, setup } from './fault-harness';

const optionsInTab = { id: EXTENSION_ID, tab: { id: 5 }, url: `${ORIGIN}options.html` };

beforeEach(() => {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('senders', () => {
  it('tells content scripts, the sample frame and extension pages apart', () => {
    expect(senderKind(contentScript, EXTENSION_ID, ORIGIN)).toBe('content');
    expect(senderKind(sample, EXTENSION_ID, ORIGIN)).toBe('sample');
    expect(senderKind({ ...sample, url: `${ORIGIN}sample.html?x#y` }, EXTENSION_ID, ORIGIN)).toBe('sample');
    expect(senderKind(popup, EXTENSION_ID, ORIGIN)).toBe('extension');
    expect(senderKind(optionsInTab, EXTENSION_ID, ORIGIN)).toBe('extension');
    // Not ours: another extension, a web page without a tab, nothing at all.
    expect(senderKind({ ...popup, id: 'other' }, EXTENSION_ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: EXTENSION_ID, url: 'https://evil.example/' }, EXTENSION_ID, ORIGIN)).toBeUndefined();
    expect(senderKind(undefined, EXTENSION_ID, ORIGIN)).toBeUndefined();
  });

  it('refuses extension-page messages from a content script, naming who may send them', async () => {
    const { ask } = setup();
    for (const type of ['kb:info', 'prefs:get', 'sites:list', 'settings:export'] as const)
      expect(await ask({ type }, contentScript)).toEqual({ ok: false, error: `"${type}" is accepted from the extension’s own pages only` });
    expect(await ask({ type: 'site:set', site: 'example.com', enabled: true }, contentScript)).toMatchObject({ ok: false });
    expect(await ask({ type: 'prefs:get' }, sample)).toMatchObject({ ok: false, error: expect.stringMatching(/own pages only/) });
  });

  it('refuses page messages from extension pages, and the sample set-up from anything but the sample frame', async () => {
    const { ask } = setup();
    expect(await ask({ type: 'page:setup', url: 'https://www.hsj.co.uk/x' }, popup)).toEqual({
      ok: false,
      error: '"page:setup" is accepted from the extension’s script in a web page only',
    });
    expect(await ask({ type: 'card', id: 'cqc', date: null }, optionsInTab)).toMatchObject({ ok: false });
    expect(await ask({ type: 'sample:setup' }, contentScript)).toEqual({
      ok: false,
      error: '"sample:setup" is accepted from the welcome page’s sample article only',
    });
  });

  it('answers each message from the senders it names', async () => {
    const { ask } = setup();
    expect(await ask({ type: 'sample:setup' }, sample)).toMatchObject({ ok: true, data: { enabled: true } });
    expect(await ask({ type: 'card', id: 'cqc', date: null }, sample)).toMatchObject({ ok: true, data: { id: 'cqc' } });
    expect(await ask({ type: 'card', id: 'cqc', date: null }, contentScript)).toMatchObject({ ok: true });
    expect(await ask({ type: 'kb:info' }, optionsInTab)).toMatchObject({ ok: true });
  });

  it('names every message with a doc line and at least one sender', () => {
    for (const [type, def] of Object.entries(REQUESTS)) {
      expect(def.doc.length, type).toBeGreaterThan(10);
      expect(def.from.length, type).toBeGreaterThan(0);
      expect(requestSchema(type as RequestType).safeParse({ type, extra: 1 }).success, `${type} is strict`).toBe(false);
    }
    for (const [type, def] of Object.entries(TAB_MESSAGES)) {
      expect(type).toMatch(/^tab:/);
      expect(def.doc.length, type).toBeGreaterThan(10);
    }
    expect(tabMessageSchema('tab:reveal').safeParse({ type: 'tab:reveal', id: 'cqc' }).success).toBe(true);
    expect(tabMessageSchema('tab:reveal').safeParse({ type: 'tab:reveal' }).success).toBe(false);
  });
});

describe('serveTab', () => {
  const handlers: TabHandlers = {
    'tab:site-changed': async (m) => ({ enabled: m.enabled }),
    'tab:prefs-changed': () => null,
    'tab:found': () => [],
    'tab:reveal': (m) => {
      if (m.id === 'boom') throw new Error('no such mark');
      return { revealed: true };
    },
    'tab:next-mark': () => null,
  };
  const listener = serveTab(handlers);

  it('answers tab messages in the Reply envelope, errors included', async () => {
    expect(await listener({ type: 'tab:site-changed', enabled: true })).toEqual({ ok: true, data: { enabled: true } });
    expect(await listener({ type: 'tab:found' })).toEqual({ ok: true, data: [] });
    expect(await listener({ type: 'tab:reveal', id: 'boom' })).toEqual({ ok: false, error: 'no such mark' });
  });

  it('leaves other messages to other listeners', () => {
    expect(listener({ type: 'kb:info' })).toBeUndefined();
    expect(listener({ type: 'toString' })).toBeUndefined();
    expect(listener(null)).toBeUndefined();
    expect(listener('tab:found')).toBeUndefined();
  });
});
