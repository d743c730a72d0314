// The extension's IndexedDB (through idb): the knowledge base, replaced as a whole when
// the bundled version changes, and the reader's own stores (site choices, preferences),
// which nothing but the reader's actions ever writes.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dictionary } from '../engine/dictionary';
import type { KbArticle, KbBundle, KbEntity, KbPledge, KbRole } from '../kb/bundle';
import { DEFAULT_PREFS, type Prefs } from '../shared/prefs';

export const DB_NAME = 'health-policy-annotator';
export const DB_VERSION = 1;

export interface KbMeta {
  version: string;
  schemaVersion: number;
  articles: KbArticle[];
  installedAt: string;
}

export interface SiteChoice {
  site: string;
  enabled: boolean;
  updatedAt: string;
}

interface Schema extends DBSchema {
  'kb-meta': { key: string; value: KbMeta };
  'kb-dictionary': { key: string; value: Dictionary };
  'kb-entities': { key: string; value: KbEntity };
  'kb-roles': { key: string; value: KbRole };
  'kb-pledges': { key: string; value: KbPledge };
  sites: { key: string; value: SiteChoice };
  prefs: { key: string; value: Prefs };
}

export const KB_STORES = ['kb-meta', 'kb-dictionary', 'kb-entities', 'kb-roles', 'kb-pledges'] as const;
export const READER_STORES = ['sites', 'prefs'] as const;

export type Db = IDBPDatabase<Schema>;

export function openStore(): Promise<Db> {
  return openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(d) {
      // Version 1: every store. Later versions add to this, never dropping the reader's stores.
      if (!d.objectStoreNames.contains('kb-meta')) d.createObjectStore('kb-meta');
      if (!d.objectStoreNames.contains('kb-dictionary')) d.createObjectStore('kb-dictionary');
      if (!d.objectStoreNames.contains('kb-entities')) d.createObjectStore('kb-entities', { keyPath: 'id' });
      if (!d.objectStoreNames.contains('kb-roles')) d.createObjectStore('kb-roles', { keyPath: 'id' });
      if (!d.objectStoreNames.contains('kb-pledges')) d.createObjectStore('kb-pledges', { keyPath: 'id' });
      if (!d.objectStoreNames.contains('sites')) d.createObjectStore('sites', { keyPath: 'site' });
      if (!d.objectStoreNames.contains('prefs')) d.createObjectStore('prefs');
    },
    blocking() {
      // A newer version of the extension wants to upgrade: step aside.
      void dbPromise?.then((d) => d.close());
      dbPromise = undefined;
    },
    terminated() {
      dbPromise = undefined;
    },
  });
}

let dbPromise: Promise<Db> | undefined;

/** One connection per background lifetime; reopened if the browser closed it. */
export function db(): Promise<Db> {
  dbPromise ??= openStore().catch((e) => {
    dbPromise = undefined;
    throw e;
  });
  return dbPromise;
}

export function resetConnectionForTests(): void {
  dbPromise = undefined;
}

export async function installedVersion(d: Db): Promise<string | undefined> {
  return (await d.get('kb-meta', 'current'))?.version;
}

/** Replaces every KB store in one transaction; the reader's stores are not part of it. */
export async function installKb(d: Db, bundle: KbBundle): Promise<void> {
  const tx = d.transaction([...KB_STORES], 'readwrite');
  await Promise.all([
    ...KB_STORES.map((s) => tx.objectStore(s).clear()),
    tx.objectStore('kb-dictionary').put(bundle.dictionary, 'current'),
    ...bundle.entities.map((e) => tx.objectStore('kb-entities').put(e)),
    ...bundle.roles.map((r) => tx.objectStore('kb-roles').put(r)),
    ...bundle.pledges.map((p) => tx.objectStore('kb-pledges').put(p)),
    tx.objectStore('kb-meta').put({ version: bundle.version, schemaVersion: bundle.schemaVersion, articles: bundle.articles, installedAt: new Date().toISOString() }, 'current'),
  ]);
  await tx.done;
}

export async function getPrefs(d: Db): Promise<Prefs> {
  const p = await d.get('prefs', 'prefs');
  return p ? { ...DEFAULT_PREFS, ...p, kinds: { ...DEFAULT_PREFS.kinds, ...p.kinds } } : DEFAULT_PREFS;
}

export async function setPrefs(d: Db, prefs: Prefs): Promise<void> {
  await d.put('prefs', prefs, 'prefs');
}

export async function siteChoices(d: Db): Promise<Record<string, boolean>> {
  const all = await d.getAll('sites');
  return Object.fromEntries(all.map((s) => [s.site, s.enabled]));
}

export async function setSiteChoice(d: Db, site: string, enabled: boolean): Promise<void> {
  await d.put('sites', { site, enabled, updatedAt: new Date().toISOString() });
}

/** Replaces all of the reader's data at once (import, reset): all or nothing. */
export async function replaceReaderData(d: Db, sites: Record<string, boolean>, prefs: Prefs | null): Promise<void> {
  const tx = d.transaction([...READER_STORES], 'readwrite');
  const now = new Date().toISOString();
  await Promise.all([
    tx.objectStore('sites').clear(),
    ...Object.entries(sites).map(([site, enabled]) => tx.objectStore('sites').put({ site, enabled, updatedAt: now })),
    prefs ? tx.objectStore('prefs').put(prefs, 'prefs') : tx.objectStore('prefs').clear(),
  ]);
  await tx.done;
}
