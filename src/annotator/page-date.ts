// The article's date from the live page (the rules are in src/shared/article-date.ts, shared with the CLI).

import { articleDate } from '../shared/article-date';

const META_KEY_ATTRIBUTES = ['property', 'name', 'itemprop'];

export function pageDate(doc: Document): string | null {
  const metas = [...doc.querySelectorAll('meta[content]')].flatMap((el) =>
    META_KEY_ATTRIBUTES.flatMap((a) => {
      const key = el.getAttribute(a);
      return key ? [{ key, content: el.getAttribute('content') }] : [];
    }),
  );
  return articleDate({
    metas,
    jsonLd: [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? ''),
    times: [...doc.querySelectorAll('time[datetime]')].map((t) => t.getAttribute('datetime')),
  });
}
