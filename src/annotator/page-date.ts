// The article's date from the live page (the rules are in src/shared/article-date.ts, shared with the CLI).

import { articleDate, DATE_META_KEYS, type DateCandidates } from '../shared/article-date';

const META_KEY_ATTRIBUTES = ['property', 'name', 'itemprop'];
const BEST_KEY = DATE_META_KEYS[0].toLowerCase();

export function pageDate(doc: Document): string | null {
  // Most news pages name the date in <head> by the most trusted key: then nothing can outrank
  // it, and the body (tens of thousands of elements on a long live blog) is not searched.
  if (doc.head) {
    const best = candidates(doc.head.querySelectorAll('meta[content]')).metas.filter((m) => m.key.toLowerCase() === BEST_KEY);
    const day = best.length ? articleDate({ metas: best, jsonLd: [], times: [] }) : null;
    if (day) return day;
  }
  // Otherwise everything, in one walk of the document.
  return articleDate(candidates(doc.querySelectorAll('meta[content], script[type="application/ld+json"], time[datetime]')));
}

function candidates(elements: Iterable<Element>): DateCandidates {
  const found: DateCandidates = { metas: [], jsonLd: [], times: [] };
  for (const el of elements) {
    const tag = el.localName;
    if (tag === 'meta')
      for (const a of META_KEY_ATTRIBUTES) {
        const key = el.getAttribute(a);
        if (key) found.metas.push({ key, content: el.getAttribute('content') });
      }
    else if (tag === 'script') found.jsonLd.push(el.textContent ?? '');
    else found.times.push(el.getAttribute('datetime'));
  }
  return found;
}
