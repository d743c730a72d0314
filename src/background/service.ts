// What the background answers. Works from a cold start: every call makes sure the
// knowledge base is installed, reading IndexedDB once per background lifetime.

import type { Dictionary } from '../engine/dictionary';
import type { KbBundle, KbEntity, KbPledge } from '../kb/bundle';
import { buildCard, buildPledgeView, type KbLookup } from '../shared/card-model';
import { todayIso } from '../shared/dates';
import type { PageSetup, ReaderSettings, Request, Responses, SiteState } from '../shared/messages';
import type { Prefs } from '../shared/prefs';
import { DEFAULT_SITES, defaultSiteFor, siteKey } from '../shared/sites';
import type { CardData, KbInfo } from '../shared/views';
import { db, getPrefs, installKb, installedVersion, replaceReaderData, setPrefs, setSiteChoice, siteChoices, type Db, type KbMeta } from './store';
import { describeIssues, settingsSchema } from './validate';

export interface ServiceDeps {
  bundledVersion: string;
  loadBundle(): Promise<KbBundle>;
  /** Tell open tabs of a site that annotation was switched, or that preferences changed. */
  notify(event: { site: string; enabled: boolean } | { prefs: Prefs }): Promise<void>;
  /** Open the pledge history at one pledge, in a tab of its own. */
  openPledge(id: string): Promise<void>;
  /** Injected so tests can open their own database. */
  open?: () => Promise<Db>;
}

interface Loaded {
  meta: KbMeta;
  dictionary: Dictionary;
  entities: Map<string, KbEntity>;
  pledges: Map<string, KbPledge>;
  names: Map<string, string>;
}

export class UserError extends Error {}

export function createService(deps: ServiceDeps) {
  const open = deps.open ?? db;
  let loaded: Promise<Loaded> | undefined;
  let installError: string | undefined;

  async function ensureInstalled(d: Db): Promise<void> {
    if ((await installedVersion(d)) === deps.bundledVersion) return;
    const bundle = await deps.loadBundle();
    try {
      await installKb(d, bundle);
      installError = undefined;
    } catch (e) {
      const err = e as DOMException;
      installError =
        err?.name === 'QuotaExceededError'
          ? 'The knowledge base could not be stored: the browser says there is no space left. It will be tried again.'
          : `The knowledge base could not be stored (${err?.name ?? 'error'}: ${err?.message ?? String(e)}). It will be tried again.`;
      throw new UserError(installError);
    }
  }

  async function load(): Promise<Loaded> {
    const d = await open();
    await ensureInstalled(d);
    const [meta, dictionary, entities, roles, pledges] = await Promise.all([
      d.get('kb-meta', 'current'),
      d.get('kb-dictionary', 'current'),
      d.getAll('kb-entities'),
      d.getAll('kb-roles'),
      d.getAll('kb-pledges'),
    ]);
    if (!meta || !dictionary) throw new UserError('The knowledge base is missing from storage; it will be reinstalled.');
    const names = new Map<string, string>([...entities.map((e) => [e.id, e.name] as const), ...roles.map((r) => [r.id, r.name] as const)]);
    return { meta, dictionary, entities: new Map(entities.map((e) => [e.id, e])), pledges: new Map(pledges.map((p) => [p.id, p])), names };
  }

  function kb(): Promise<Loaded> {
    loaded ??= load().catch((e) => {
      loaded = undefined; // try again on the next request
      throw e;
    });
    return loaded;
  }

  function lookup(k: Loaded): KbLookup {
    const articles = new Map(k.meta.articles.map((a) => [a.id, a]));
    return { article: (id) => articles.get(id), entityName: (id) => k.names.get(id), pledge: (id) => k.pledges.get(id) };
  }

  async function siteState(site: string, url?: URL): Promise<SiteState> {
    const choices = await siteChoices(await open());
    const def = url ? defaultSiteFor(url) : DEFAULT_SITES.find((s) => siteKey(s.host) === site);
    const chosen = site in choices;
    return { site, enabled: chosen ? choices[site]! : def !== undefined, isDefault: def !== undefined, chosen };
  }

  function parseUrl(url: string): URL {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`annotation works on web pages only, not ${u.protocol} pages`);
      return u;
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`not a web address: ${url.slice(0, 100)}`);
    }
  }

  async function listSites(): Promise<SiteState[]> {
    const choices = await siteChoices(await open());
    const defaults = DEFAULT_SITES.map((s) => siteKey(s.host));
    const all = [...new Set([...defaults, ...Object.keys(choices)])];
    return all.map((site) => ({ site, enabled: site in choices ? choices[site]! : defaults.includes(site), isDefault: defaults.includes(site), chosen: site in choices }));
  }

  async function exportSettings(): Promise<ReaderSettings> {
    const d = await open();
    return { format: 'health-policy-annotator-settings', version: 1, sites: await siteChoices(d), prefs: await getPrefs(d) };
  }

  const handlers: { [K in Request['type']]: (req: Extract<Request, { type: K }>) => Promise<Responses[K]> } = {
    async 'page:setup'(req): Promise<PageSetup> {
      const url = parseUrl(req.url);
      const site = siteKey(url.hostname);
      const [state, prefs] = await Promise.all([siteState(site, url), getPrefs(await open())]);
      if (!state.enabled) return { enabled: false, site, prefs };
      return { enabled: true, site, prefs, dictionary: (await kb()).dictionary };
    },
    async card(req): Promise<CardData> {
      const k = await kb();
      const entity = k.entities.get(req.id);
      if (!entity) throw new UserError(`no entry "${req.id}" in the knowledge base`);
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
      let k: Loaded;
      try {
        k = await kb();
      } catch (e) {
        if (installError) return { version: 'not installed', counts: { people: 0, bodies: 0, terms: 0, roles: 0, pledges: 0, sources: 0 }, articles: [], installError };
        throw e;
      }
      const entities = [...k.entities.values()];
      const urls = new Set<string>();
      const collect = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (typeof o.url === 'string' && typeof o.title === 'string') urls.add(o.url);
          Object.values(o).forEach(collect);
        }
      };
      collect(entities);
      collect([...k.pledges.values()]);
      return {
        version: k.meta.version,
        counts: {
          people: entities.filter((e) => e.kind === 'person').length,
          bodies: entities.filter((e) => e.kind === 'body').length,
          terms: entities.filter((e) => e.kind === 'term').length,
          roles: k.dictionary.entities.filter((e) => e.kind === 'role').length,
          pledges: k.pledges.size,
          sources: urls.size + k.meta.articles.length,
        },
        articles: k.meta.articles.map((a) => ({ id: a.id, title: a.title, publisher: a.publisher, date: a.date, url: a.url })),
      };
    },
    async 'site:get'(req) {
      const url = parseUrl(req.url);
      return siteState(siteKey(url.hostname), url);
    },
    async 'site:set'(req) {
      await setSiteChoice(await open(), req.site, req.enabled);
      await deps.notify({ site: req.site, enabled: req.enabled });
      return siteState(req.site);
    },
    'sites:list': listSites,
    async 'sites:reset'() {
      const d = await open();
      const before = await siteChoices(d);
      await replaceReaderData(d, {}, await getPrefs(d));
      for (const site of Object.keys(before)) await deps.notify({ site, enabled: (await siteState(site)).enabled });
      return listSites();
    },
    async 'prefs:get'() {
      return getPrefs(await open());
    },
    async 'prefs:set'(req) {
      await setPrefs(await open(), req.prefs);
      await deps.notify({ prefs: req.prefs });
      return req.prefs;
    },
    'settings:export': exportSettings,
    async 'settings:import'(req) {
      const parsed = settingsSchema.safeParse(req.data);
      if (!parsed.success) throw new UserError(`These settings cannot be imported: ${describeIssues(parsed.error)}. Nothing was changed.`);
      const d = await open();
      const before = await siteChoices(d);
      await replaceReaderData(d, parsed.data.sites, parsed.data.prefs);
      for (const site of new Set([...Object.keys(before), ...Object.keys(parsed.data.sites)])) await deps.notify({ site, enabled: (await siteState(site)).enabled });
      await deps.notify({ prefs: parsed.data.prefs });
      return exportSettings();
    },
  };

  return {
    handle<K extends Request['type']>(req: Extract<Request, { type: K }>): Promise<Responses[K]> {
      return (handlers[req.type] as (r: typeof req) => Promise<Responses[K]>)(req);
    },
    /** Installs the bundled knowledge base if the stored one is another version. */
    async install(): Promise<void> {
      await kb();
    },
  };
}

export type Service = ReturnType<typeof createService>;
