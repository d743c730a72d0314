// The article's date from the live page (the rules are in src/shared/article-date.ts, shared with the CLI).

import { articleDate } from '../shared/article-date';

const META_KEY_ATTRIBUTES = ['property', 'name', 'itemprop'];

export function pageDate(doc: Document): string | null {
  const metas: { key: string; content: string | null }[] = [];
  const jsonLd: string[] = [];
  const times: (string | null)[] = [];
  // One walk of the document for all three (a 2 MB page has tens of thousands of elements).
  for (const el of doc.querySelectorAll('meta[content], script[type="application/ld+json"], time[datetime]')) {
    const tag = el.localName;
    if (tag === 'meta')
      for (const a of META_KEY_ATTRIBUTES) {
        const key = el.getAttribute(a);
        if (key) metas.push({ key, content: el.getAttribute('content') });
      }
    else if (tag === 'script') jsonLd.push(el.textContent ?? '');
    else times.push(el.getAttribute('datetime'));
  }
  return articleDate({ metas, jsonLd, times });
}
