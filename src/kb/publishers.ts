// The accepted publishers (seeds/kb/publishers.yaml): which one a cited URL belongs to.
// The most specific listed domain wins (longtermplan.nhs.uk before nhs.uk).

import type { PublisherSource } from './schema';

export interface PublisherIndex {
  /** The publisher of a URL, or undefined when its host is not listed (or it is not a URL). */
  of(url: string): PublisherSource | undefined;
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

export function publisherIndex(list: readonly PublisherSource[]): PublisherIndex {
  const byDomain = new Map(list.map((p) => [p.domain, p]));
  return {
    of(url) {
      const host = hostOf(url);
      if (!host) return undefined;
      // Walk up the host's labels: a.b.nhs.uk, b.nhs.uk, nhs.uk, uk.
      for (let at = 0; at >= 0; at = host.indexOf('.', at) + 1 || -1) {
        const p = byDomain.get(host.slice(at));
        if (p) return p;
      }
      return undefined;
    },
  };
}
