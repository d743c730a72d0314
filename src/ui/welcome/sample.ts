// The sample article for the welcome page: seed 001 (a King's Fund blog of July 2015 on Jeremy
// Hunt's vision for the NHS), laid out as a news page. Text is added as text, never as HTML.
import articles from '../../../seeds/articles.json';
import text from '../../../seeds/001_17ee31482b67d1ac.txt?raw';

const SAMPLE_ID = '001';

export function renderSample(doc: Document): void {
  const meta = articles.find((a) => a.id === SAMPLE_ID)!;
  // The article's own date, as a news page states it: cards then speak of "since then".
  const published = doc.createElement('meta');
  published.setAttribute('property', 'article:published_time');
  published.content = meta.date;
  doc.head.append(published);

  const main = doc.getElementById('article')!;
  const add = <K extends keyof HTMLElementTagNameMap>(tag: K, content: string, className?: string) => {
    const el = doc.createElement(tag);
    el.textContent = content;
    if (className) el.className = className;
    main.append(el);
    return el;
  };
  add('p', meta.publisher, 'publisher');
  add('h1', meta.title);
  add('p', new Date(meta.date).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }), 'date');
  // The saved page starts with the site's own furniture ("Skip to content"): the article starts at its title.
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.indexOf(meta.title);
  for (const line of lines.slice(start + 1)) if (line) add('p', line);
}
