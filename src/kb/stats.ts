// What npm run kb reports about the sources: entries per kind against the minimums the
// KB must reach, entries per file within each kind, evidence per publisher category.

import path from 'node:path';
import { walkUrls } from './check-publishers';
import type { PublisherIndex } from './publishers';
import type { Sources } from './sources';
import { MARK_KIND_INFO, MARK_KINDS, type KindCountKey, type MarkKind } from '../shared/mark-kinds';

/** How many entries of each kind the KB must hold to cover today's news. */
export const MINIMUMS = { people: 250, bodies: 250, terms: 300, pledges: 60 } as const satisfies Record<KindCountKey, number> & {
  pledges: number;
};
export type CountedKind = keyof typeof MINIMUMS;

export interface KbStats {
  /** Per kind: total and entries per file (the file name, e.g. "health-ministers.yaml"). */
  kinds: Record<CountedKind, { total: number; files: [string, number][] }>;
  /** Public sources per publisher category, and seed quotes as "seed article"; most first. */
  evidence: [string, number][];
}

function countBy(keys: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function kbStats(s: Sources, publishers: PublisherIndex): KbStats {
  const fileOf = (f: string) => path.basename(f);
  const ofKind = (k: MarkKind) => s.entities.filter((e) => e.value.kind === k).map((e) => fileOf(e.file));
  const group = (files: string[]) => ({ total: files.length, files: countBy(files) });
  const categories: string[] = [];
  for (const e of [...s.entities, ...s.roles, ...s.pledges]) {
    walkUrls(e.value, '', (url) => categories.push(publishers.of(url)?.category ?? 'unlisted'));
    walkSeedQuotes(e.value, () => categories.push('seed article'));
  }
  return {
    kinds: {
      ...(Object.fromEntries(MARK_KINDS.map((k) => [MARK_KIND_INFO[k].countKey, group(ofKind(k))])) as Record<
        KindCountKey,
        KbStats['kinds'][CountedKind]
      >),
      pledges: group(s.pledges.map((p) => fileOf(p.file))),
    },
    evidence: countBy(categories),
  };
}

function walkSeedQuotes(value: unknown, visit: () => void): void {
  if (Array.isArray(value)) value.forEach((v) => walkSeedQuotes(v, visit));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.article === 'string' && typeof o.quote === 'string') visit();
    else Object.values(o).forEach((v) => walkSeedQuotes(v, visit));
  }
}

/** "met" or "short by N". */
export function againstMinimum(kind: CountedKind, total: number): string {
  const short = MINIMUMS[kind] - total;
  return short > 0 ? `short by ${short}` : 'met';
}
