// Which pages get the content-script loader (content.js + content.css). Nothing is listed in
// the manifest: the loader is registered with scripting.registerContentScripts for the sites
// that are on, so a site the reader switched off gets no script at all, not even the loader's
// one question. The registrations are brought in line with the reader's choices whenever the
// background starts, on install, update and browser start, and after every change of choices.
//
//   "defaults"          the default sites without a path (whole hosts), about:blank/srcdoc
//                       frames included (matchOriginAsFallback)
//   "defaults-sections" the default sites limited to a section (BBC health, Guardian society):
//                       matchOriginAsFallback needs patterns with a wildcard path, so their
//                       about:blank/srcdoc frames are not reached
//   "site:<site>"       each site switched on beyond the defaults, once the reader granted the
//                       host permission
//
// Sites switched off are left out of the defaults' registrations with excludeMatches.

import { DEFAULT_SITES, defaultCovers, defaultMatchPatterns, hostMatches, originsFor, siteOf, type DefaultSite } from '../shared/sites';

export { originsFor };

/** Pages a choice stored under `site` covers: the site and its sub-domains, as the permission asked for (originsFor). */
export function pagesOf(site: string): string[] {
  const named = /[a-z]/.test(site) && !site.startsWith('[');
  return named ? [`*://${site}/*`, `*://*.${site}/*`] : [`*://${site}/*`];
}

export interface LoaderScript {
  id: string;
  matches: string[];
  excludeMatches: string[];
  js: string[];
  css: string[];
  allFrames: boolean;
  matchOriginAsFallback: boolean;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** A registration as the browser reports it back (fields it leaves out take their defaults). */
export interface RegisteredScript {
  id: string;
  matches?: string[];
  excludeMatches?: string[];
  js?: string[];
  css?: string[];
  allFrames?: boolean;
  matchOriginAsFallback?: boolean;
  runAt?: string;
  persistAcrossSessions?: boolean;
}

/** The part of the extension API this module uses (the browser's, or a fake in tests). */
export interface ScriptsApi {
  scripting: {
    getRegisteredContentScripts(): Promise<RegisteredScript[]>;
    registerContentScripts(scripts: LoaderScript[]): Promise<unknown>;
    updateContentScripts(scripts: LoaderScript[]): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
    executeScript(injection: { target: { tabId: number; allFrames: boolean }; files: string[] }): Promise<unknown>;
  };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
}

const LOADER = { js: ['content.js'], css: ['content.css'], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true } as const;

function loader(id: string, matches: string[], excludeMatches: string[], matchOriginAsFallback: boolean): LoaderScript {
  return {
    id,
    matches,
    excludeMatches,
    js: [...LOADER.js],
    css: [...LOADER.css],
    allFrames: LOADER.allFrames,
    matchOriginAsFallback,
    runAt: LOADER.runAt,
    persistAcrossSessions: LOADER.persistAcrossSessions,
  };
}

const wholeHost = (s: DefaultSite) => !s.paths;
/** Whether a default site's whole host covers this site's pages. */
const coveredByDefaults = (site: string) => DEFAULT_SITES.some((s) => wholeHost(s) && defaultCovers(s, site));
const underDefaults = (site: string) => DEFAULT_SITES.some((s) => defaultCovers(s, site));

/**
 * What should be registered for the reader's choices. `granted` says whether the reader gave
 * the host permission for a site beyond the default list (no registration without it).
 */
export async function wantedScripts(
  choices: Record<string, boolean>,
  granted: (site: string) => Promise<boolean>,
): Promise<LoaderScript[]> {
  const own: string[] = [];
  for (const [site, enabled] of Object.entries(choices)) if (enabled && !coveredByDefaults(site) && (await granted(site))) own.push(site);
  own.sort();
  // Left out of the defaults: sites switched off, and sites with a registration of their own
  // (a section's whole host switched on: its section pages would get the loader twice).
  const excludeMatches = Object.entries(choices)
    .filter(([site, enabled]) => underDefaults(site) && (!enabled || own.includes(site)))
    .map(([site]) => site)
    .sort()
    .flatMap(pagesOf);
  const scripts = [
    loader('defaults', defaultMatchPatterns(DEFAULT_SITES.filter(wholeHost)), excludeMatches, true),
    loader('defaults-sections', defaultMatchPatterns(DEFAULT_SITES.filter((s) => !wholeHost(s))), excludeMatches, false),
    ...own.map((site) => loader(`site:${site}`, pagesOf(site), [], true)),
  ];
  return scripts.filter((s) => s.matches.length > 0);
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...b].sort());

/** Whether the browser's registration is the one wanted (fields it leaves out take their defaults). */
function sameScript(have: RegisteredScript, want: LoaderScript): boolean {
  return (
    sameList(have.matches, want.matches) &&
    sameList(have.excludeMatches, want.excludeMatches) &&
    sameList(have.js, want.js) &&
    sameList(have.css, want.css) &&
    (have.allFrames ?? false) === want.allFrames &&
    (have.matchOriginAsFallback ?? false) === want.matchOriginAsFallback &&
    (have.runAt ?? 'document_idle') === want.runAt &&
    (have.persistAcrossSessions ?? true) === want.persistAcrossSessions
  );
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface SyncReport {
  registered: string[];
  updated: string[];
  unregistered: string[];
  /** Registrations that failed (each logged). */
  failed: string[];
}

interface SiteScripts {
  /** Brings the registrations in line with the reader's choices; runs one at a time, never rejects. */
  sync(): Promise<SyncReport>;
  /** Puts the loader into every frame of the open tabs of a site just switched on (nothing was injected there while it was off). */
  injectInto(site: string): Promise<void>;
  /** Puts the loader into the open tabs whose page is annotated: after an install or an update, tabs opened before it get marks without a reload. */
  injectIntoOpenTabs(isOn: (url: string) => Promise<boolean>): Promise<void>;
}

export function createSiteScripts(
  api: ScriptsApi,
  choices: () => Promise<Record<string, boolean>>,
  log: (message: string, error?: unknown) => void,
): SiteScripts {
  let queue: Promise<unknown> = Promise.resolve();

  /**
   * Registers or updates each script alone, so that one the browser refuses leaves the others in
   * place. Refused with its exclusions, a defaults registration goes in without them: the loader
   * then reaches the sites switched off too, asks the background and is told no, so they stay
   * unmarked at the cost of one message, rather than no default site being marked at all.
   */
  async function apply(how: 'register' | 'update', scripts: LoaderScript[], report: SyncReport): Promise<void> {
    const call = (s: LoaderScript) =>
      how === 'register' ? api.scripting.registerContentScripts([s]) : api.scripting.updateContentScripts([s]);
    const done = how === 'register' ? report.registered : report.updated;
    for (const s of scripts) {
      try {
        await call(s);
        done.push(s.id);
        continue;
      } catch (e) {
        if (!s.excludeMatches.length) {
          log(`content script "${s.id}" could not be ${how === 'register' ? 'registered' : 'updated'}`, e);
          report.failed.push(s.id);
          continue;
        }
        log(
          `content script "${s.id}" refused with its ${s.excludeMatches.length} excluded patterns (${describe(e)}); going on without them`,
        );
      }
      try {
        await call({ ...s, excludeMatches: [] });
        done.push(s.id);
      } catch (e) {
        log(`content script "${s.id}" could not be ${how === 'register' ? 'registered' : 'updated'}`, e);
        report.failed.push(s.id);
      }
    }
  }

  async function run(): Promise<SyncReport> {
    const report: SyncReport = { registered: [], updated: [], unregistered: [], failed: [] };
    const registered = async () => new Map((await api.scripting.getRegisteredContentScripts()).map((s) => [s.id, s]));
    let have = await registered();
    if (!have.has('defaults')) {
      // Just installed (or the browser dropped the registrations on an update): the default
      // sites get the loader at once, before the reader's choices are read from the database,
      // so that a page opened right after the install is marked. Sites switched off are left
      // out a moment later; until then the loader asks there and is told no.
      await apply(
        'register',
        (await wantedScripts({}, async () => false)).filter((s) => !have.has(s.id)),
        report,
      );
      have = await registered();
    }
    const wanted = await wantedScripts(await choices(), (site) =>
      api.permissions.contains({ origins: originsFor(site) }).catch(() => false),
    );
    const wantedIds = new Set(wanted.map((s) => s.id));
    // Everything registered is this extension's own: what is no longer wanted goes.
    const stale = [...have.keys()].filter((id) => !wantedIds.has(id));
    if (stale.length) {
      await api.scripting.unregisterContentScripts({ ids: stale });
      report.unregistered.push(...stale);
    }
    await apply(
      'update',
      wanted.filter((s) => have.has(s.id) && !sameScript(have.get(s.id)!, s)),
      report,
    );
    await apply(
      'register',
      wanted.filter((s) => !have.has(s.id)),
      report,
    );
    return report;
  }

  /** The loader into every frame of the open web tabs `wanted` says yes to; it runs once per frame however often it is injected. */
  async function inject(wanted: (url: string) => Promise<boolean>, options: { quiet?: boolean } = {}): Promise<void> {
    let tabs: { id?: number; url?: string }[];
    try {
      tabs = await api.tabs.query({});
    } catch (e) {
      log('open tabs could not be listed', e);
      return;
    }
    for (const tab of tabs) {
      if (tab.id === undefined || !tab.url || !/^https?:/.test(tab.url)) continue;
      if (!(await wanted(tab.url).catch(() => false))) continue;
      // A frame we may not read is skipped by the browser; a tab we may not read at all is refused
      // (after an install, that is expected of tabs on sites not granted yet: nothing to say).
      await api.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['content.js'] }).catch((e: unknown) => {
        if (!options.quiet) log(`the loader could not be put into tab ${tab.id} (${describe(e)})`);
      });
    }
  }

  return {
    sync() {
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next.catch((e: unknown) => {
        log('the content scripts could not be brought in line with the sites switched on', e);
        return { registered: [], updated: [], unregistered: [], failed: ['*'] };
      });
    },
    async injectInto(site) {
      await inject(async (url) => {
        const s = siteOf(url);
        return s !== undefined && hostMatches(s, site);
      });
    },
    async injectIntoOpenTabs(isOn) {
      await inject(isOn, { quiet: true });
    },
  };
}
