// The extension's IndexedDB (through idb): the knowledge base, replaced as a whole when
// the bundled version changes, and the reader's own stores (site choices, preferences),
// which nothing but the reader's actions ever writes. Records read back are checked:
// storage can be edited, corrupted or left by another version.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dictionary } from '../engine/dictionary';
import type { KbArticle, KbBundle, KbEntity, KbPledge, KbRole } from '../shared/kb-bundle';
import { DEFAULT_PREFS, type Prefs } from '../shared/prefs';
import { UserError } from './errors';
import { prefsSchema, siteSchema } from '../shared/schemas';

export const DB_NAME = 'health-policy-annotator';
const DB_VERSION = 1;

export interface KbMeta {
  version: string;
  schemaVersion: number;
  /** The bundle's asOf: the newest date a source confirmed a fact on. */
  asOf: string | null;
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

const KB_STORES = ['kb-meta', 'kb-dictionary', 'kb-entities', 'kb-roles', 'kb-pledges'] as const;
const READER_STORES = ['sites', 'prefs'] as const;

export type Db = IDBPDatabase<Schema>;

export interface OpenHooks {
  /** Our upgrade waits for an older connection (another page of the extension) to close. */
  blocked?(): void;
  /** This connection is gone: closed for a deletion or an upgrade elsewhere, or by the browser. */
  lost?(): void;
}

/** Opens the database; `version` is a seam for tests of upgrades. */
export function openStore(hooks: OpenHooks = {}, version = DB_VERSION): Promise<Db> {
  return openDB<Schema>(DB_NAME, version, {
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
    blocked() {
      hooks.blocked?.();
    },
    blocking(_current, _next, event) {
      // A deletion or a newer version waits for us: step aside, and reopen on the next request.
      (event.target as IDBDatabase).close();
      hooks.lost?.();
    },
    terminated() {
      hooks.lost?.();
    },
  });
}

const BLOCKED_MESSAGE =
  'The extension’s storage is being upgraded and waits for another page of the extension (an options page or popup left open from before) to close. Close it, then try again.';
const NEWER_MESSAGE = 'The stored data belongs to a newer version of the extension. Update or reload the extension to use it.';

/** One connection, opened on demand and reopened after it was lost. */
export interface Connection {
  get(): Promise<Db>;
  /** Runs `fn`; if the connection was closed under it, runs it once more on a new one. */
  run<T>(fn: (d: Db) => Promise<T>): Promise<T>;
}

export function createConnection(open: (hooks: OpenHooks) => Promise<Db> = openStore): Connection {
  let current: Promise<Db> | undefined; // the open connection, or the one being opened
  let currentDb: Db | undefined;
  // Rejects once the opening is blocked, so requests answer instead of waiting on it.
  let blocked: Promise<never> | undefined;

  function forget(opening?: Promise<Db>): void {
    if (opening && current !== opening) return;
    current = currentDb = blocked = undefined;
  }

  function get(): Promise<Db> {
    if (!current) {
      let refuse = (): void => undefined;
      const waiting = new Promise<never>((_, reject) => (refuse = () => reject(new UserError(BLOCKED_MESSAGE))));
      waiting.catch(() => undefined);
      const opening: Promise<Db> = open({ blocked: refuse, lost: () => forget(opening) }).then(
        (d) => {
          if (current === opening) [currentDb, blocked] = [d, undefined];
          return d;
        },
        (e: unknown) => {
          forget(opening);
          throw (e as DOMException)?.name === 'VersionError' ? new UserError(NEWER_MESSAGE) : e;
        },
      );
      [current, blocked] = [opening, waiting];
    }
    return blocked ? Promise.race([current, blocked]) : current;
  }

  async function run<T>(fn: (d: Db) => Promise<T>): Promise<T> {
    const d = await get();
    try {
      return await fn(d);
    } catch (e) {
      // "The database connection is closing" (or an abort because it closed): retry on a new one.
      const lost = currentDb !== d;
      if (!lost && (e as DOMException)?.name !== 'InvalidStateError') throw e;
      if (!lost) {
        forget();
        d.close();
      }
      return fn(await get());
    }
  }

  return { get, run };
}

/**
 * Queues the writes in `tx` and waits for the commit. On any failure the whole transaction
 * is aborted, and the error reported is the transaction's own (QuotaExceededError at
 * commit) rather than the AbortError every request then gets.
 */
async function commit(
  tx: { abort(): void; done: Promise<void>; error: DOMException | null },
  writes: (write: (p: Promise<unknown>) => void) => void,
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  try {
    writes((p) => pending.push(p));
    await Promise.all([...pending, tx.done]);
  } catch (e) {
    for (const p of pending) p.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await tx.done.catch(() => undefined);
    throw tx.error ?? e;
  }
}

export async function installedVersion(d: Db): Promise<string | undefined> {
  const meta: unknown = await d.get('kb-meta', 'current');
  const version = meta && typeof meta === 'object' ? (meta as { version?: unknown }).version : undefined;
  return typeof version === 'string' ? version : undefined;
}

/** Replaces every KB store in one transaction; the reader's stores are not part of it. */
export async function installKb(d: Db, bundle: KbBundle): Promise<void> {
  const tx = d.transaction([...KB_STORES], 'readwrite');
  await commit(tx, (write) => {
    for (const s of KB_STORES) write(tx.objectStore(s).clear());
    write(tx.objectStore('kb-dictionary').put(bundle.dictionary, 'current'));
    for (const e of bundle.entities) write(tx.objectStore('kb-entities').put(e));
    for (const r of bundle.roles) write(tx.objectStore('kb-roles').put(r));
    for (const p of bundle.pledges) write(tx.objectStore('kb-pledges').put(p));
    write(
      tx.objectStore('kb-meta').put(
        {
          version: bundle.version,
          schemaVersion: bundle.schemaVersion,
          asOf: bundle.asOf,
          articles: bundle.articles,
          installedAt: new Date().toISOString(),
        },
        'current',
      ),
    );
  });
}

/** The stored preferences; missing fields take their defaults, and a record of the wrong shape gives the defaults. */
export async function getPrefs(d: Db): Promise<Prefs> {
  const p: unknown = await d.get('prefs', 'prefs');
  if (!p || typeof p !== 'object') return DEFAULT_PREFS;
  const { kinds, dwellMs, frequent, trigger, tapInLinks, ignored } = p as Partial<Prefs>;
  const merged = {
    kinds: kinds && typeof kinds === 'object' ? { ...DEFAULT_PREFS.kinds, ...kinds } : DEFAULT_PREFS.kinds,
    dwellMs: dwellMs ?? DEFAULT_PREFS.dwellMs,
    frequent: frequent ?? DEFAULT_PREFS.frequent,
    trigger: trigger ?? DEFAULT_PREFS.trigger,
    tapInLinks: tapInLinks ?? DEFAULT_PREFS.tapInLinks,
    ignored: ignored ?? DEFAULT_PREFS.ignored,
  };
  const checked = prefsSchema.safeParse(merged);
  return checked.success ? checked.data : DEFAULT_PREFS;
}

export async function setPrefs(d: Db, prefs: Prefs): Promise<void> {
  await d.put('prefs', prefs, 'prefs');
}

/** The reader's site choices; records that are not a valid site with a boolean are ignored. */
export async function siteChoices(d: Db): Promise<Record<string, boolean>> {
  const all: unknown[] = await d.getAll('sites');
  const valid = all.filter(
    (s): s is SiteChoice =>
      !!s &&
      typeof s === 'object' &&
      siteSchema.safeParse((s as SiteChoice).site).success &&
      typeof (s as SiteChoice).enabled === 'boolean',
  );
  return Object.fromEntries(valid.map((s) => [s.site, s.enabled]));
}

/** The reader's choice for one site, if a valid one is stored. */
export async function siteChoice(d: Db, site: string): Promise<boolean | undefined> {
  if (!siteSchema.safeParse(site).success) return undefined; // as siteChoices: never a choice for such a key
  const s: unknown = await d.get('sites', site);
  const enabled = s && typeof s === 'object' ? (s as SiteChoice).enabled : undefined;
  return typeof enabled === 'boolean' ? enabled : undefined;
}

export async function setSiteChoice(d: Db, site: string, enabled: boolean): Promise<void> {
  await d.put('sites', { site, enabled, updatedAt: new Date().toISOString() });
}

/** Forgets the reader's choice for one site (it follows the default list again). */
export async function clearSiteChoice(d: Db, site: string): Promise<void> {
  await d.delete('sites', site);
}

export async function clearSiteChoices(d: Db): Promise<void> {
  await d.clear('sites');
}

/** Replaces all of the reader's data at once (import): all or nothing. */
export async function replaceReaderData(d: Db, sites: Record<string, boolean>, prefs: Prefs): Promise<void> {
  const tx = d.transaction([...READER_STORES], 'readwrite');
  const now = new Date().toISOString();
  await commit(tx, (write) => {
    write(tx.objectStore('sites').clear());
    for (const [site, enabled] of Object.entries(sites)) write(tx.objectStore('sites').put({ site, enabled, updatedAt: now }));
    write(tx.objectStore('prefs').put(prefs, 'prefs'));
  });
}
