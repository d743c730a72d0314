// The article's date from a page's metadata, the same way for the extension (a live DOM,
// src/annotator/page-date.ts) and the CLI (parse5, src/cli/html-text.ts): a dated meta
// tag, else JSON-LD datePublished, else a <time datetime>; null when none (then roles
// resolve at today's date). Each side only gathers the candidates.

/** Meta keys (in `property`, `name` or `itemprop`, any case) that carry the publication date, most trusted first. */
export const DATE_META_KEYS = ['article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date.issued', 'publish-date'] as const;

export interface DateCandidates {
  /** Meta tags in document order: each key the tag names (property, name, itemprop) with its content. */
  metas: { key: string; content: string | null | undefined }[];
  /** The text of each `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** The `datetime` of each `<time>`. */
  times: (string | null | undefined)[];
}

/** The YYYY-MM-DD a date or date-time string starts with, when it is a real day. */
function isoDayOf(value: string | null | undefined): string | null {
  const m = value?.trim().match(/^(\d{4}-\d{2}-\d{2})/);
  return m && !Number.isNaN(Date.parse(m[1]!)) ? m[1]! : null;
}

const KEY_RANK = new Map<string, number>(DATE_META_KEYS.map((k, i) => [k.toLowerCase(), i]));

export function articleDate(found: DateCandidates): string | null {
  let best: { rank: number; day: string } | undefined;
  for (const m of found.metas) {
    const rank = KEY_RANK.get(m.key.toLowerCase());
    if (rank === undefined || (best && best.rank <= rank)) continue;
    const day = isoDayOf(m.content);
    if (day) best = { rank, day };
  }
  if (best) return best.day;
  for (const raw of found.jsonLd) {
    const day = isoDayOf(raw.match(/"datePublished"\s*:\s*"([^"]+)"/)?.[1]);
    if (day) return day;
  }
  for (const t of found.times) {
    const day = isoDayOf(t);
    if (day) return day;
  }
  return null;
}
