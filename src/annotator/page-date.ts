// The article's date from the page: article:published_time, JSON-LD datePublished,
// a <time datetime>, or null (then roles resolve at today's date).

function isoDay(value: string | null | undefined): string | null {
  const m = value?.trim().match(/^(\d{4}-\d{2}-\d{2})/);
  return m && !Number.isNaN(Date.parse(m[1]!)) ? m[1]! : null;
}

export function pageDate(doc: Document): string | null {
  for (const sel of [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
  ]) {
    const d = isoDay(doc.querySelector(sel)?.getAttribute('content'));
    if (d) return d;
  }
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const m = (s.textContent ?? '').match(/"datePublished"\s*:\s*"([^"]+)"/);
    const d = isoDay(m?.[1]);
    if (d) return d;
  }
  return isoDay(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
}
