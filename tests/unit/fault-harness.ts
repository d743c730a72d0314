// Shared by the fault and fuzz tests of the background: a service on fake-indexeddb with the
// real KB bundle, and raw looks into the database that go around the service.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { deleteDB, openDB, unwrap, type IDBPDatabase } from 'idb';
import { createRouter } from '../../src/background/router';
import { createService, type ServiceDeps } from '../../src/background/service';
import { DB_NAME, openStore, type Db, type OpenHooks } from '../../src/background/store';
import type { KbBundle } from '../../src/kb/bundle';
import type { Reply } from '../../src/shared/reply';
import { isRequestType, REQUESTS } from '../../src/shared/protocol';
import { realKb } from '../support/kb';

export const bundle = (): KbBundle => realKb().result.bundle;
export const EXTENSION_ID = 'abc';
export const ORIGIN = 'chrome-extension://abc/';
export const popup = { id: EXTENSION_ID, url: `${ORIGIN}popup.html` };
export const contentScript = { id: EXTENSION_ID, tab: { id: 1 }, frameId: 0, url: 'https://www.example.com/article' };

export const sampleFrame = { id: EXTENSION_ID, tab: { id: 2 }, frameId: 1, url: `${ORIGIN}sample.html` };

/** Who would send this message: the popup for extension-page messages, else a content script or the sample frame. */
export function senderFor(msg: unknown): object {
  const type = (msg as { type?: unknown } | undefined)?.type;
  if (!isRequestType(type) || REQUESTS[type].from.includes('extension')) return popup;
  return REQUESTS[type].from.includes('content') ? contentScript : sampleFrame;
}

export function freshIndexedDb(): void {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
}

export interface SetupOptions {
  version?: string;
  loadBundle?: ServiceDeps['loadBundle'];
  /** The database version the service opens (tests of upgrades). */
  dbVersion?: number;
}

export function setup(opts: SetupOptions = {}) {
  const version = opts.version ?? bundle().version;
  const connections: Db[] = [];
  const service = createService({
    bundledVersion: version,
    loadBundle: opts.loadBundle ?? (async () => ({ ...bundle(), version })),
    async notify() {},
    async openPledge() {},
    async open(hooks: OpenHooks) {
      const d = await openStore(hooks, opts.dbVersion);
      connections.push(d);
      return d;
    },
  });
  const route = createRouter(service, EXTENSION_ID, ORIGIN);
  const ask = (msg: unknown, sender: object = senderFor(msg)): Promise<Reply<unknown>> => route(msg, sender);
  /** Data of a reply that must have succeeded. */
  const data = async <T = unknown>(msg: unknown): Promise<T> => {
    const r = await ask(msg);
    if (!r.ok) throw new Error(`${JSON.stringify(msg).slice(0, 80)} failed: ${r.error}`);
    return r.data as T;
  };
  return { service, route, ask, data, connections };
}

/** A connection of our own, around the service; closed by `raw` when done. */
export async function raw<T>(fn: (d: IDBPDatabase) => Promise<T>): Promise<T> {
  const d = await openDB(DB_NAME);
  try {
    return await fn(d);
  } finally {
    d.close();
  }
}

/** Everything the reader owns, as stored, and the KB's meta record: what must not change. */
export async function snapshot(): Promise<{ sites: unknown[]; prefs: unknown[]; meta: unknown; entities: number }> {
  return raw(async (d) => ({
    sites: await d.getAll('sites'),
    prefs: await d.getAll('prefs'),
    meta: await d.get('kb-meta', 'current'),
    entities: await d.count('kb-entities'),
  }));
}

export async function readerData(): Promise<{ sites: unknown[]; prefs: unknown[] }> {
  const { sites, prefs } = await snapshot();
  return { sites, prefs };
}

export async function deleteDatabase(): Promise<{ blocked: boolean }> {
  let blocked = false;
  await deleteDB(DB_NAME, {
    blocked() {
      blocked = true;
    },
  });
  return { blocked };
}

export { unwrap };
