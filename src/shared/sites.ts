// The sites annotated by default: the main English health-policy news and analysis
// sites, the health sections of two general news sites, and localhost for development.

export interface DefaultSite {
  /** A host name; sub-domains are included. */
  host: string;
  /** Only pages whose path starts with one of these (a health section of a general site). */
  paths?: string[];
  label: string;
}

export const DEFAULT_SITES: readonly DefaultSite[] = [
  { host: 'hsj.co.uk', label: 'HSJ' },
  { host: 'kingsfund.org.uk', label: "The King's Fund" },
  { host: 'health.org.uk', label: 'The Health Foundation' },
  { host: 'nuffieldtrust.org.uk', label: 'Nuffield Trust' },
  { host: 'bmj.com', label: 'The BMJ' },
  { host: 'pulsetoday.co.uk', label: 'Pulse' },
  { host: 'gponline.com', label: 'GPonline' },
  { host: 'digitalhealth.net', label: 'Digital Health' },
  { host: 'nhsconfed.org', label: 'NHS Confederation' },
  { host: 'nhsproviders.org', label: 'NHS Providers' },
  { host: 'england.nhs.uk', label: 'NHS England' },
  { host: 'gov.uk', label: 'GOV.UK' },
  { host: 'bbc.co.uk', paths: ['/news/health'], label: 'BBC News — Health' },
  { host: 'theguardian.com', paths: ['/society', '/healthcare-network', '/politics'], label: 'The Guardian — Society' },
  { host: 'localhost', label: 'localhost (development)' },
  { host: '127.0.0.1', label: '127.0.0.1 (development)' },
];

/** Match patterns of default sites (all of them unless told): the manifest's host access, the loader's registration. */
export function defaultMatchPatterns(sites: readonly DefaultSite[] = DEFAULT_SITES): string[] {
  return sites.flatMap((s) => {
    const hosts = s.host === 'localhost' || s.host === '127.0.0.1' ? [s.host] : [s.host, `*.${s.host}`];
    const scheme = s.host === 'localhost' || s.host === '127.0.0.1' ? 'http' : 'https';
    return hosts.flatMap((h) => (s.paths ?? ['/']).map((p) => `${scheme}://${h}${p}*`));
  });
}

export function hostMatches(hostname: string, host: string): boolean {
  return hostname === host || hostname.endsWith(`.${host}`);
}

/** The default site a URL falls under, if any. */
export function defaultSiteFor(url: URL): DefaultSite | undefined {
  return DEFAULT_SITES.find((s) => hostMatches(url.hostname, s.host) && (!s.paths || s.paths.some((p) => url.pathname.startsWith(p))));
}

/** The key a reader's choice is stored under: the host name without a leading "www.". */
export function siteKey(hostname: string): string {
  return hostname.replace(/^www\./, '').toLowerCase();
}
