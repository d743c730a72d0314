// The sites annotated by default: where English health-policy news is read. The development
// and test build adds localhost and 127.0.0.1; the release build never has them.

export interface DefaultSite {
  /** A host name; sub-domains are included. */
  host: string;
  /** Only pages whose path starts with one of these (a health section of a general site). */
  paths?: string[];
  label: string;
}

/** Where English health-policy news is read: whole hosts for health and policy publishers, health
 * and politics sections for general news sites (whole hosts there would be too broad). */
export const RELEASE_SITES: readonly DefaultSite[] = [
  // Health policy and health-service news and analysis
  { host: 'hsj.co.uk', label: 'HSJ' },
  { host: 'kingsfund.org.uk', label: "The King's Fund" },
  { host: 'health.org.uk', label: 'The Health Foundation' },
  { host: 'nuffieldtrust.org.uk', label: 'Nuffield Trust' },
  { host: 'bmj.com', label: 'The BMJ' },
  { host: 'pulsetoday.co.uk', label: 'Pulse' },
  { host: 'gponline.com', label: 'GPonline' },
  { host: 'digitalhealth.net', label: 'Digital Health' },
  { host: 'nationalhealthexecutive.com', label: 'National Health Executive' },
  { host: 'managementinpractice.com', label: 'Management in Practice' },
  { host: 'nursingtimes.net', label: 'Nursing Times' },
  { host: 'rcni.com', label: 'Nursing Standard (RCNi)' },
  { host: 'pharmaceutical-journal.com', label: 'The Pharmaceutical Journal' },
  { host: 'chemistanddruggist.co.uk', label: 'Chemist+Druggist' },
  { host: 'communitycare.co.uk', label: 'Community Care' },
  { host: 'politicshome.com', label: 'PoliticsHome' },
  // The NHS, its bodies, government and Parliament
  { host: 'nhsconfed.org', label: 'NHS Confederation' },
  { host: 'nhsproviders.org', label: 'NHS Providers' },
  { host: 'england.nhs.uk', label: 'NHS England' },
  { host: 'cqc.org.uk', label: 'Care Quality Commission' },
  { host: 'nice.org.uk', label: 'NICE' },
  { host: 'gov.uk', label: 'GOV.UK' },
  { host: 'parliament.uk', label: 'UK Parliament (Hansard, committees)' },
  // General news: health and politics sections
  {
    host: 'bbc.co.uk',
    paths: ['/news/health', '/news/articles', '/news/uk-politics'],
    label: 'BBC News — health, politics and news stories',
  },
  { host: 'theguardian.com', paths: ['/society', '/healthcare-network', '/politics'], label: 'The Guardian — Society and Politics' },
  { host: 'news.sky.com', label: 'Sky News' },
  { host: 'independent.co.uk', paths: ['/news/health', '/news/uk/politics'], label: 'The Independent — Health and Politics' },
  { host: 'telegraph.co.uk', paths: ['/news', '/politics'], label: 'The Telegraph — News and Politics' },
  { host: 'thetimes.com', paths: ['/uk/healthcare', '/uk/politics'], label: 'The Times — Healthcare and Politics' },
  { host: 'ft.com', label: 'Financial Times' },
  { host: 'inews.co.uk', paths: ['/news/health', '/news/politics'], label: 'The i — Health and Politics' },
  { host: 'itv.com', paths: ['/news'], label: 'ITV News' },
  { host: 'dailymail.co.uk', paths: ['/health'], label: 'Daily Mail — Health' },
];

/** Only in development and test builds (`npm run build` makes both): pages served from this machine. */
export const DEV_SITES: readonly DefaultSite[] = [
  { host: 'localhost', label: 'localhost (development build)' },
  { host: '127.0.0.1', label: '127.0.0.1 (development build)' },
];

// Replaced at build time (scripts/build-extension.ts): true in the development and test build only.
declare const __HPA_DEV_SITES__: boolean | undefined;

/** The sites annotated by default in this build. */
export const DEFAULT_SITES: readonly DefaultSite[] =
  typeof __HPA_DEV_SITES__ !== 'undefined' && __HPA_DEV_SITES__ ? [...RELEASE_SITES, ...DEV_SITES] : RELEASE_SITES;

/** A default site's sub-domains are included, except the development build's local hosts (a site added under them is the reader's own). */
const withSubdomains = (s: DefaultSite) => s.host !== 'localhost' && s.host !== '127.0.0.1';

/** Whether a default site covers pages on this host. */
export function defaultCovers(s: DefaultSite, hostname: string): boolean {
  return withSubdomains(s) ? hostMatches(hostname, s.host) : hostname === s.host;
}

/** Match patterns of default sites (all of them unless told): the manifest's host access, the loader's registration. */
export function defaultMatchPatterns(sites: readonly DefaultSite[] = DEFAULT_SITES): string[] {
  return sites.flatMap((s) => {
    const hosts = withSubdomains(s) ? [s.host, `*.${s.host}`] : [s.host];
    const scheme = s.host === 'localhost' || s.host === '127.0.0.1' ? 'http' : 'https';
    return hosts.flatMap((h) => (s.paths ?? ['/']).map((p) => `${scheme}://${h}${p}*`));
  });
}

export function hostMatches(hostname: string, host: string): boolean {
  return hostname === host || hostname.endsWith(`.${host}`);
}

/** The default site a URL falls under, if any. */
export function defaultSiteFor(url: URL): DefaultSite | undefined {
  return DEFAULT_SITES.find((s) => defaultCovers(s, url.hostname) && (!s.paths || s.paths.some((p) => url.pathname.startsWith(p))));
}

/** The key a reader's choice is stored under: the host name without a leading "www.". */
export function siteKey(hostname: string): string {
  return hostname.replace(/^www\./, '').toLowerCase();
}

/** The site of a web address (http or https), or undefined for anything else. */
export function siteOf(url: string | URL): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? siteKey(u.hostname) : undefined;
  } catch {
    return undefined;
  }
}

/** The host permission asked for a site beyond the default list: the site and its sub-domains. */
export function originsFor(site: string): string[] {
  return [`*://${site}/*`, `*://*.${site}/*`];
}
