// What the background answers. Works from a cold start: every call makes sure the
// knowledge base is installed, reading it from IndexedDB once per connection, so that a
// database deleted or damaged under us is rebuilt from the bundle at the next request.

import type { Dictionary } from '../engine/dictionary';
import type { KbBundle, KbEntity, KbPledge } from '../shared/kb-bundle';
import { buildCard, buildClassCard, buildPledgeView, type KbLookup } from '../shared/card-model';
import { todayIso } from '../shared/dates';
import type { PageSetup, ReaderSettings, SiteState } from '../shared/messages';
import type { RequestOf, RequestType, ResponseOf } from '../shared/protocol';
import type { Prefs } from '../shared/prefs';
import { DEFAULT_SITES, defaultSiteFor, siteKey } from '../shared/sites';
import type { CardData, KbInfo } from '../shared/views';
import { UserError } from './errors';
import { kbInfo, notInstalled } from './kb-info';
import { createPageMenu } from './page-menu';
import { LOG_PREFIX } from '../shared/product';
import { createPageMatchHandler } from './page-match';
import { dictionaryRecord, entityRecord, metaRecord, pledgeRecord, roleRecord, validRecords } from './kb-records';
import {
  clearSiteChoice,
  clearSiteChoices,
  createConnection,
  getPrefs,
  installKb,
  installedVersion,
  openStore,
  replaceReaderData,
  setPrefs,
  setSiteChoice,
  siteChoice,
  siteChoices,
  type Db,
  type KbMeta,
  type OpenHooks,
} from './store';
import { settingsSchema } from '../shared/schemas';
import { describeIssues, importProblem } from './validate';

export { UserError };

export interface ServiceDeps {
  bundledVersion: string;
  loadBundle(): Promise<KbBundle>;
  /** Tell open tabs of a site that annotation was switched, or that preferences changed. */
  notify(event: { site: string; enabled: boolean } | { prefs: Prefs }): Promise<void>;
  /** The reader's site choices changed: bring the content-script registrations in line, before open tabs are told. */
  sitesChanged?(): Promise<void>;
  /** Open the pledge history at one pledge, in a tab of its own. */
  openPledge(id: string): Promise<void>;
  /** Puts the annotator into a tab's frame (the page side's loader asked for it). */
  injectAnnotator?(target: { tabId: number; frameId: number }): Promise<void>;
  /** Puts the card's UI into the annotator's frame (its first card). */
  injectCardUi?(target: { tabId: number; frameId: number }): Promise<void>;
  /** Opens the options page (the card menu's "Options"). */
  openOptions?(): Promise<void>;
  /** Opens the database (tests: another version, a failing one); the service keeps and reopens the connection. */
  open?: (hooks: OpenHooks) => Promise<Db>;
}

interface Loaded {
  meta: KbMeta;
  dictionary: Dictionary;
  entities: Map<string, KbEntity>;
  pledges: Map<string, KbPledge>;
  names: Map<string, string>;
}

/** Where a request came from, when it came from a page. */
export interface RequestOrigin {
  tabId?: number;
  frameId?: number;
  /** The sending frame's address (the router takes it from the browser, not from the message). */
  url?: string;
}

export function createService(deps: ServiceDeps) {
  const conn = createConnection(deps.open ?? openStore);
  let cache: { db: Db; kb: Promise<Loaded> } | undefined;
  const pageMatch = createPageMatchHandler(() => kb());

  async function install(d: Db): Promise<void> {
    const bundle = await deps.loadBundle();
    try {
      await installKb(d, bundle);
    } catch (e) {
      const err = e as DOMException;
      if (err?.name === 'InvalidStateError') throw e; // the connection closed under us: retried on a new one
      throw new UserError(
        err?.name === 'QuotaExceededError'
          ? 'The knowledge base could not be stored: the browser says there is no space left. It will be tried again.'
          : `The knowledge base could not be stored (${err?.name ?? 'error'}: ${err?.message ?? String(e)}). It will be tried again.`,
      );
    }
  }

  /** Reads the stored KB, keeping only records of the right shape; `damaged` if any was not. */
  async function read(d: Db): Promise<{ kb?: Loaded; damaged: boolean }> {
    const [meta, dictionary, entityRecords, roleRecords, pledgeRecords] = await Promise.all([
      d.get('kb-meta', 'current'),
      d.get('kb-dictionary', 'current'),
      d.getAll('kb-entities'),
      d.getAll('kb-roles'),
      d.getAll('kb-pledges'),
    ]);
    const [entities, roles, pledges] = [
      validRecords(entityRecord, entityRecords),
      validRecords(roleRecord, roleRecords),
      validRecords(pledgeRecord, pledgeRecords),
    ];
    const whole = metaRecord.safeParse(meta).success && dictionaryRecord.safeParse(dictionary).success;
    const damaged = !whole || entities.invalid + roles.invalid + pledges.invalid > 0;
    if (!whole) return { damaged };
    const names = new Map<string, string>([
      ...entities.valid.map((e) => [e.id, e.name] as const),
      ...roles.valid.map((r) => [r.id, r.name] as const),
    ]);
    return {
      damaged,
      kb: {
        meta: meta!,
        dictionary: dictionary!,
        entities: new Map(entities.valid.map((e) => [e.id, e])),
        pledges: new Map(pledges.valid.map((p) => [p.id, p])),
        names,
      },
    };
  }

  async function load(d: Db): Promise<Loaded> {
    if ((await installedVersion(d)) !== deps.bundledVersion) await install(d);
    let k = await read(d);
    if (k.damaged) {
      console.warn(LOG_PREFIX, 'damaged knowledge base records in storage; rebuilding from the bundle');
      await install(d);
      k = await read(d); // still damaged means a bad bundle: its bad records stay skipped
    }
    if (!k.kb)
      throw new UserError(
        'The knowledge base in storage cannot be read, and rebuilding it from the extension failed. Reinstall the extension.',
      );
    return k.kb;
  }

  /** The KB, loaded once per connection; a failed load is tried again on the next request. */
  function kb(): Promise<Loaded> {
    return conn.run((d) => {
      if (cache?.db !== d) {
        const loading = load(d);
        cache = { db: d, kb: loading };
        loading.catch(() => {
          if (cache?.kb === loading) cache = undefined;
        });
      }
      return cache.kb;
    });
  }

  function lookup(k: Loaded): KbLookup {
    const articles = new Map(k.meta.articles.map((a) => [a.id, a]));
    return { article: (id) => articles.get(id), entityName: (id) => k.names.get(id), pledge: (id) => k.pledges.get(id) };
  }

  async function siteState(site: string, url?: URL): Promise<SiteState> {
    const choice = await conn.run(async (d) => (await siteChoice(d, site)) ?? inherited(await siteChoices(d), site));
    const def = url ? defaultSiteFor(url) : DEFAULT_SITES.find((s) => siteKey(s.host) === site);
    return { site, enabled: choice ?? def !== undefined, isDefault: def !== undefined, chosen: choice !== undefined };
  }

  /** A sub-domain without a choice of its own follows the nearest parent site the reader chose for (an added site includes its sub-domains). */
  function inherited(choices: Record<string, boolean>, site: string): boolean | undefined {
    if (/^[\d.]+$|^\[/.test(site)) return undefined; // an address has no parent site
    for (let dot = site.indexOf('.'); dot > 0; dot = site.indexOf('.', dot + 1)) {
      const parent = site.slice(dot + 1);
      if (parent.includes('.') && Object.hasOwn(choices, parent)) return choices[parent];
    }
    return undefined;
  }

  function parseUrl(url: string): URL {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw new UserError(`annotation works on web pages only, not ${u.protocol} pages`);
      return u;
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`not a web address: ${url.slice(0, 100)}`);
    }
  }

  async function listSites(): Promise<SiteState[]> {
    const choices = await conn.run(siteChoices);
    const defaults = DEFAULT_SITES.map((s) => siteKey(s.host));
    const all = [...new Set([...defaults, ...Object.keys(choices)])];
    return all.map((site) => {
      const chosen = Object.hasOwn(choices, site);
      return { site, enabled: chosen ? choices[site]! : defaults.includes(site), isDefault: defaults.includes(site), chosen };
    });
  }

  /** The one way a site is switched (popup, options, card menu): store, sync the scripts, tell open tabs. */
  async function switchSite(site: string, choice: boolean | undefined): Promise<SiteState> {
    await conn.run((d) => (choice === undefined ? clearSiteChoice(d, site) : setSiteChoice(d, site, choice)));
    await deps.sitesChanged?.();
    const state = await siteState(site);
    await deps.notify({ site, enabled: state.enabled });
    return state;
  }

  async function savePrefs(prefs: Prefs): Promise<Prefs> {
    await conn.run((d) => setPrefs(d, prefs));
    await deps.notify({ prefs });
    return prefs;
  }

  const pageMenu = createPageMenu({
    choiceFor: (site) => conn.run((d) => siteChoice(d, site)),
    switchSite,
    getPrefs: () => conn.run(getPrefs),
    savePrefs,
    openOptions: deps.openOptions && (() => deps.openOptions!()),
  });

  async function exportSettings(): Promise<ReaderSettings> {
    const [sites, prefs] = await conn.run((d) => Promise.all([siteChoices(d), getPrefs(d)]));
    return { format: 'health-policy-annotator-settings', version: 1, sites, prefs };
  }

  const handlers: { [K in RequestType]: (req: RequestOf<K>, from: RequestOrigin) => Promise<ResponseOf<K>> } = {
    async 'page:setup'(req, from): Promise<PageSetup> {
      const url = parseUrl(req.url);
      const site = siteKey(url.hostname);
      const [state, prefs] = await Promise.all([siteState(site, url), conn.run(getPrefs)]);
      if (!state.enabled) return { enabled: false, site, prefs };
      const kbVersion = (await kb()).meta.version;
      // Sites switched off never get the annotator (nor, as site-scripts.ts registers it, the loader).
      if (req.load && from.tabId !== undefined && deps.injectAnnotator)
        await deps.injectAnnotator({ tabId: from.tabId, frameId: from.frameId ?? 0 });
      return { enabled: true, site, prefs, kbVersion };
    },
    async 'sample:setup'(): Promise<PageSetup> {
      const [prefs, k] = await Promise.all([conn.run(getPrefs), kb()]);
      return { enabled: true, site: 'welcome', prefs, kbVersion: k.meta.version };
    },
    'page:match': (req, from) => pageMatch(req, from),
    async card(req): Promise<CardData> {
      const k = await kb();
      const entity = k.entities.get(req.id);
      if (!entity) throw new UserError(`no entry "${req.id}" in the knowledge base`);
      if (req.instance !== undefined) {
        const entities = k.dictionary.entities;
        const cls = k.dictionary.classes?.find((c) => entities[c.entity]?.id === req.id);
        if (!cls) throw new UserError(`"${req.id}" is not a class in the knowledge base`);
        return buildClassCard(entity, req.instance, cls.label, req.date, lookup(k), todayIso());
      }
      return buildCard(entity, req.date, lookup(k), todayIso());
    },
    async pledges() {
      const k = await kb();
      const look = lookup(k);
      return [...k.pledges.values()].map((p) => buildPledgeView(p, look));
    },
    async 'pledge:open'(req) {
      if (!(await kb()).pledges.has(req.id)) throw new UserError(`no pledge "${req.id}" in the knowledge base`);
      await deps.openPledge(req.id);
      return { opened: true as const };
    },
    async 'kb:info'(): Promise<KbInfo> {
      try {
        return kbInfo(await kb());
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        return notInstalled(e.message);
      }
    },
    async 'site:get'(req) {
      const url = parseUrl(req.url);
      return siteState(siteKey(url.hostname), url);
    },
    async 'site:set'(req) {
      pageMenu.forget(req.site);
      return switchSite(req.site, req.enabled);
    },
    'sites:list': listSites,
    async 'sites:reset'() {
      const before = await conn.run(siteChoices);
      pageMenu.forget();
      await conn.run(clearSiteChoices);
      await deps.sitesChanged?.();
      for (const site of Object.keys(before)) await deps.notify({ site, enabled: (await siteState(site)).enabled });
      return listSites();
    },
    async 'prefs:get'() {
      return conn.run(getPrefs);
    },
    'prefs:set': (req) => savePrefs(req.prefs),
    'settings:export': exportSettings,
    async 'settings:import'(req) {
      const refuse = (why: string) => new UserError(`These settings cannot be imported: ${why}. Nothing was changed.`);
      const problem = importProblem(req.data);
      if (problem) throw refuse(problem);
      const parsed = settingsSchema.safeParse(req.data);
      if (!parsed.success) throw refuse(describeIssues(parsed.error));
      const before = await conn.run(siteChoices);
      pageMenu.forget();
      await conn.run((d) => replaceReaderData(d, parsed.data.sites, parsed.data.prefs));
      await deps.sitesChanged?.();
      for (const site of new Set([...Object.keys(before), ...Object.keys(parsed.data.sites)]))
        await deps.notify({ site, enabled: (await siteState(site)).enabled });
      await deps.notify({ prefs: parsed.data.prefs });
      return exportSettings();
    },
    'page:site-off': (_req, from) => pageMenu.siteOff(from),
    'page:site-undo': (_req, from) => pageMenu.siteUndo(from),
    'page:ignore': (req) => pageMenu.ignore({ id: req.id, name: req.name }),
    'page:open-options': () => pageMenu.openOptions(),
    async 'page:card-ui'(_req, from) {
      if (from.tabId === undefined || !deps.injectCardUi) throw new UserError('only a tab’s frame can be given the card’s UI');
      await deps.injectCardUi({ tabId: from.tabId, frameId: from.frameId ?? 0 });
      return null;
    },
  };

  return {
    handle<K extends RequestType>(req: RequestOf<K>, from: RequestOrigin = {}): Promise<ResponseOf<K>> {
      return (handlers[req.type] as (r: typeof req, f: RequestOrigin) => Promise<ResponseOf<K>>)(req, from);
    },
    /** Installs the bundled knowledge base if the stored one is another version or damaged. */
    async install(): Promise<void> {
      await kb();
    },
    /** Whether a page at this address is annotated (after an install or update, for the tabs already open). */
    async annotates(url: string): Promise<boolean> {
      const u = parseUrl(url);
      return (await siteState(siteKey(u.hostname), u)).enabled;
    },
    /** The reader's site choices (for registering content scripts). */
    siteChoices(): Promise<Record<string, boolean>> {
      return conn.run(siteChoices);
    },
  };
}

export type Service = ReturnType<typeof createService>;
