// Evidence may only cite accepted publishers (seeds/kb/publishers.yaml): a mirror, a
// content farm or an aggregator must not slip in as a source.

import type { Problem } from './problems';
import { hostOf, publisherIndex } from './publishers';
import { entryName, type Sources } from './sources';

/** Calls visit for every public-source evidence ({url, title}) under value, with its field path. */
export function walkUrls(value: unknown, at: string, visit: (url: string, at: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walkUrls(v, `${at}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.url === 'string' && typeof o.title === 'string') visit(o.url, at);
    else for (const [k, v] of Object.entries(o)) walkUrls(v, at ? `${at}.${k}` : k, visit);
  }
}

export function checkPublishers(s: Sources, problems: Problem[]): void {
  const seen = new Map<string, number>();
  for (const p of s.publishers) {
    const first = seen.get(p.value.domain);
    if (first !== undefined)
      problems.push({
        file: p.file,
        entry: entryName(p.value, p.index),
        reason: `domain "${p.value.domain}" is already listed (entry ${first + 1})`,
      });
    else seen.set(p.value.domain, p.index);
  }
  const index = publisherIndex(s.publishers.map((p) => p.value));
  for (const e of [...s.entities, ...s.roles, ...s.pledges])
    walkUrls(e.value, '', (url, at) => {
      if (!index.of(url))
        problems.push({
          file: e.file,
          entry: entryName(e.value, e.index),
          reason: `${at}: ${url} — its publisher (${hostOf(url) ?? 'no host'}) is not on seeds/kb/publishers.yaml`,
        });
    });
}
