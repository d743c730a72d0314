// What the popup's footer says about the installed knowledge base: its version, counts and articles.

import type { Dictionary } from '../engine/dictionary';
import type { KbEntity, KbPledge } from '../shared/kb-bundle';
import { MARK_KIND_INFO, MARK_KINDS, type KindCountKey, type MarkKind } from '../shared/mark-kinds';
import type { KbInfo } from '../shared/views';
import type { KbMeta } from './store';

/** The knowledge base's count of each kind, under its key in `KbInfo.counts`. */
function kindCounts(count: (kind: MarkKind) => number): Record<KindCountKey, number> {
  return Object.fromEntries(MARK_KINDS.map((k) => [MARK_KIND_INFO[k].countKey, count(k)])) as Record<KindCountKey, number>;
}

export interface InstalledKb {
  meta: KbMeta;
  dictionary: Dictionary;
  entities: Map<string, KbEntity>;
  pledges: Map<string, KbPledge>;
}

/** Shown in the popup when the KB could not be installed: no space left, a blocked upgrade, an unreadable store. */
export function notInstalled(installError: string): KbInfo {
  return {
    version: 'not installed',
    asOf: null,
    counts: { ...kindCounts(() => 0), roles: 0, pledges: 0, sources: 0 },
    articles: [],
    installError,
  };
}

export function kbInfo(k: InstalledKb): KbInfo {
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
    asOf: k.meta.asOf,
    counts: {
      ...kindCounts((kind) => entities.filter((e) => e.kind === kind).length),
      roles: k.dictionary.entities.filter((e) => e.kind === 'role').length,
      pledges: k.pledges.size,
      sources: urls.size + k.meta.articles.length,
    },
    articles: k.meta.articles.map((a) => ({ id: a.id, title: a.title, publisher: a.publisher, date: a.date, url: a.url })),
  };
}
