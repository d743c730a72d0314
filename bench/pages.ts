// Pages for the browser benchmark (npm run bench), generated from the seed articles:
// every page uses one realistic news template (masthead, navigation, two sidebars,
// footer, a search form, an inline JSON-LD block, a script), so that the annotator
// reads what it reads on a real site and not just a bare article.
//
// - seed page: one seed article as a news story;
// - long page: the seeds' sentences shuffled with a fixed seed and repeated until the
//   story text reaches the wanted size (about 100 characters per paragraph or list
//   item, so 2 M characters is about 20,000 blocks), grouped into stories with headings;
// - live blog: the HSJ live-coverage seed as a live page whose script prepends a new
//   entry every 50 ms for 10 s when the benchmark calls window.__live.start();
// - heavy DOM: 200,000 elements built by a script at load (the HTML parser caps nesting
//   at 512, so the 2,000-deep chains are built with DOM calls), with little text.

import fs from 'node:fs';
import path from 'node:path';

export interface SeedArticle {
  id: string;
  file: string;
  title: string;
  publisher: string;
  date: string;
  kind: string;
}

export interface Seeds {
  articles: SeedArticle[];
  texts: string[];
}

export function loadSeeds(root: string): Seeds {
  const articles = JSON.parse(fs.readFileSync(path.join(root, 'seeds/articles.json'), 'utf8')) as SeedArticle[];
  const texts = articles.map((a) => fs.readFileSync(path.join(root, 'seeds', a.file), 'utf8'));
  return { articles, texts };
}

/** A small seeded PRNG (mulberry32): the same pages in every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A seed's non-empty lines; a line starting with a bullet is a list item. */
function lines(text: string): { text: string; item: boolean }[] {
  return text
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (l.startsWith('•') ? { text: l.slice(1).trim(), item: true } : { text: l, item: false }));
}

/** Sentences of a line; very short ones are joined to the next so a block is a readable unit. */
function sentences(line: string): string[] {
  const parts = line.split(/(?<=[.!?][”"’)]?)\s+(?=[A-Z“"‘(])/);
  const out: string[] = [];
  let cur = '';
  for (const p of parts) {
    cur = cur ? `${cur} ${p}` : p;
    if (cur.length >= 40) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  // Long sentences are split at the clause break nearest their middle: news copy on the
  // web runs to about 100 characters a block (paragraphs, list items, captions).
  return out.flatMap(function split(x: string): string[] {
    if (x.length <= 120) return [x];
    let best = -1;
    for (const m of x.matchAll(/[,;:] | [–—-] /g)) {
      const at = m.index + 1;
      if (at > 30 && x.length - at > 30 && (best < 0 || Math.abs(at - x.length / 2) < Math.abs(best - x.length / 2))) best = at;
    }
    return best < 0 ? [x] : [...split(x.slice(0, best).trim()), ...split(x.slice(best).trim())];
  });
}

const SECTIONS = [
  'News',
  'Workforce',
  'Finance',
  'Technology',
  'Commissioning',
  'Quality',
  'Policy',
  'Mental health',
  'Primary care',
  'Acute care',
  'Social care',
  'Comment',
  'Leader',
  'Events',
  'Jobs',
  'Podcasts',
  'Newsletters',
  'Data',
  'Awards',
  'Topics',
];
const TOPICS = [
  'Junior doctors',
  'Sustainability and transformation',
  'Integrated care',
  'Waiting times',
  'Regulation',
  'Digital',
  'Estates',
  'Procurement',
  'Leadership',
  'Patient safety',
  'Cancer',
  'Maternity',
  'Urgent care',
  'Public health',
  'Pharmacy',
  'Dentistry',
  'Ambulance',
  'Community',
  'Learning disabilities',
  'Research',
  'Workforce planning',
  'Pay',
  'Pensions',
  'Social prescribing',
  'Elective recovery',
];

const STYLE = `
*{box-sizing:border-box} body{font:17px/1.6 Georgia,serif;margin:0;color:#222;background:#fff}
a{color:#1a4f8b} .skip{position:absolute;left:-999px}
.masthead{display:flex;align-items:center;gap:24px;padding:12px 24px;background:#0b2a4a;color:#fff;font-family:sans-serif}
.masthead .logo{font-size:26px;font-weight:bold} .masthead form{margin-left:auto} .masthead a{color:#fff;margin-left:12px}
nav.primary ul{display:flex;flex-wrap:wrap;gap:16px;list-style:none;margin:0;padding:8px 24px;background:#e8eef5;font-family:sans-serif;font-size:14px}
.layout{display:flex;gap:32px;padding:16px 24px}
aside{font-family:sans-serif;font-size:14px;flex:0 0 220px} aside ul,aside ol{padding-left:18px}
main{flex:1 1 auto;max-width:720px} .story{border-bottom:1px solid #ddd;margin-bottom:24px}
.byline{color:#666;font-family:sans-serif;font-size:14px} .ad-slot{height:250px;background:#f4f4f4;display:flex;align-items:center;justify-content:center;color:#999}
.entry{border-left:3px solid #c00;padding-left:12px;margin:12px 0} .entry h3{font-family:sans-serif;font-size:15px;margin:0;color:#c00}
footer{background:#0b2a4a;color:#ddd;padding:24px;font-family:sans-serif;font-size:13px} footer a{color:#ddd} footer .cols{display:flex;gap:40px}
`;

interface PageParts {
  title: string;
  date: string;
  publisher: string;
  main: string;
  headExtra?: string;
  bodyEnd?: string;
}

function linkList(items: string[], ordered = false): string {
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items.map((t) => `<li><a href="/topic/${encodeURIComponent(t.toLowerCase())}">${escapeHtml(t)}</a></li>`).join('')}</${tag}>`;
}

export function newsPage(p: PageParts, mostRead: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(p.title)} | ${escapeHtml(p.publisher)}</title>
<meta property="article:published_time" content="${p.date}T09:00:00Z">
<meta name="description" content="${escapeHtml(p.title)}">
<style>${STYLE}</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(p.title)},"datePublished":"${p.date}T09:00:00Z"}</script>
${p.headExtra ?? ''}
</head><body>
<a class="skip" href="#main">Skip to content</a>
<header class="masthead"><div class="logo">${escapeHtml(p.publisher)}</div>
<form role="search" action="/search"><input type="search" name="q" placeholder="Search"><button type="submit">Search</button></form>
<div class="account"><a href="/signin">Sign in</a><a href="/subscribe">Subscribe</a></div></header>
<nav class="primary" aria-label="Sections">${linkList(SECTIONS)}</nav>
<div class="layout">
<aside class="left"><h2>Sections</h2>${linkList(SECTIONS.slice(0, 12))}<h2>Topics</h2>${linkList(TOPICS)}</aside>
<main id="main">
${p.main}
</main>
<aside class="right">
<section><h2>Most read</h2>${linkList(mostRead, true)}</section>
<section class="ad" aria-label="Advertisement"><div class="ad-slot">Advertisement</div></section>
<section><h2>Newsletter</h2><form action="/newsletter"><label>Email <input type="email" name="email"></label><button type="submit">Sign up</button></form></section>
<section><h2>Events</h2>${linkList(['Annual lecture', 'Patient safety congress', 'Digital summit', 'Leaders forum', 'Awards night'])}</section>
</aside>
</div>
<footer><div class="cols">
<div><h3>About us</h3>${linkList(['Contact', 'Advertise', 'Careers', 'Editorial team', 'Complaints', 'Terms', 'Privacy', 'Cookies', 'Accessibility', 'Site map'])}</div>
<div><h3>Sections</h3>${linkList(SECTIONS.slice(0, 10))}</div>
<div><h3>Topics</h3>${linkList(TOPICS.slice(0, 10))}</div>
<div><h3>Follow</h3>${linkList(['Newsletter', 'Podcast', 'Events', 'Jobs', 'RSS'])}</div>
</div><p>© ${p.date.slice(0, 4)} ${escapeHtml(p.publisher)}. All rights reserved.</p></footer>
<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({ page: 'article' });</script>
${p.bodyEnd ?? ''}
</body></html>`;
}

function blocksHtml(ls: { text: string; item: boolean }[]): string {
  let html = '';
  let inList = false;
  for (const l of ls) {
    if (l.item && !inList) html += '<ul>';
    if (!l.item && inList) html += '</ul>';
    inList = l.item;
    html += l.item ? `<li>${escapeHtml(l.text)}</li>` : `<p>${escapeHtml(l.text)}</p>`;
  }
  if (inList) html += '</ul>';
  return html;
}

export function seedPage(seeds: Seeds, id: string): string | undefined {
  const i = seeds.articles.findIndex((a) => a.id === id);
  if (i < 0) return undefined;
  const a = seeds.articles[i]!;
  const main = `<article class="story"><h1>${escapeHtml(a.title)}</h1>
<p class="byline">${escapeHtml(a.publisher)} · <time datetime="${a.date}">${a.date}</time></p>
${blocksHtml(lines(seeds.texts[i]!))}</article>`;
  return newsPage(
    { title: a.title, date: a.date, publisher: a.publisher, main },
    seeds.articles.map((x) => x.title),
  );
}

export interface LongPageInfo {
  html: string;
  /** Characters of story text (paragraphs and list items). */
  chars: number;
  /** Paragraphs and list items. */
  blocks: number;
}

/** The long page: seed sentences shuffled with a fixed seed, repeated to `target` characters of story text. */
export function longPage(seeds: Seeds, target: number, headExtra = ''): LongPageInfo {
  const units: { text: string; item: boolean }[] = [];
  seeds.texts.forEach((t) => {
    for (const l of lines(t)) for (const s of sentences(l.text)) units.push({ text: s, item: l.item });
  });
  const rand = prng(20160323);
  let chars = 0;
  let blocks = 0;
  const stories: string[] = [];
  let story: { text: string; item: boolean }[] = [];
  let storyLen = 12 + Math.floor(rand() * 40);
  const flush = () => {
    if (!story.length) return;
    const a = seeds.articles[Math.floor(rand() * seeds.articles.length)]!;
    stories.push(
      `<article class="story"><h2><a href="/story/${stories.length}">${escapeHtml(a.title)}</a></h2><p class="byline">${escapeHtml(a.publisher)} · <time datetime="${a.date}">${a.date}</time></p>\n${blocksHtml(story)}</article>`,
    );
    story = [];
    storyLen = 12 + Math.floor(rand() * 40);
  };
  outer: for (;;) {
    for (const u of shuffle(units, rand)) {
      if (chars >= target) break outer;
      // About one block in eight becomes a list item, as bullet points in news copy.
      const item = u.item || rand() < 0.12;
      story.push({ text: u.text, item });
      chars += u.text.length;
      blocks++;
      if (story.length >= storyLen) flush();
    }
  }
  flush();
  const html = newsPage(
    { title: 'Health policy: the archive', date: '2016-03-23', publisher: 'Health Policy Daily', main: stories.join('\n'), headExtra },
    seeds.articles.map((x) => x.title),
  );
  return { html, chars, blocks };
}

/** The live blog: seed 003 (HSJ live coverage) as entries, and a script that prepends 200 more, one every 50 ms. */
export function livePage(seeds: Seeds, headExtra = ''): string {
  const i = seeds.articles.findIndex((a) => a.kind === 'live coverage');
  const a = seeds.articles[i]!;
  const base = lines(seeds.texts[i]!);
  const entries: string[] = [];
  for (let k = 0; k < base.length; k += 3)
    entries.push(`<article class="entry"><h3>Earlier</h3>${blocksHtml(base.slice(k, k + 3))}</article>`);
  // The entries to add: paragraphs of all seeds, shuffled with a fixed seed, one to three per entry.
  const rand = prng(29102015);
  const pool = shuffle(
    seeds.texts.flatMap((t) => lines(t).map((l) => l.text)),
    rand,
  );
  const live: string[][] = [];
  for (let k = 0, p = 0; k < 200; k++) {
    const n = 1 + Math.floor(rand() * 3);
    const paras: string[] = [];
    for (let j = 0; j < n; j++) paras.push(pool[p++ % pool.length]!);
    live.push(paras);
  }
  const script = `<script>
(() => {
  const LIVE = ${JSON.stringify(live).replace(/</g, '\\u003c')};
  const feed = document.getElementById('feed');
  let resolveDone;
  const done = new Promise((r) => (resolveDone = r));
  const inserted = [];
  function add(k) {
    const el = document.createElement('article');
    el.className = 'entry';
    el.dataset.live = String(k);
    const h = document.createElement('h3');
    const d = new Date(Date.UTC(2015, 9, 29, 19, 0, k * 5));
    h.textContent = d.toISOString().slice(11, 19);
    el.append(h);
    for (const t of LIVE[k]) { const p = document.createElement('p'); p.textContent = t; el.append(p); }
    feed.prepend(el);
    inserted.push(performance.now());
  }
  window.__live = {
    count: LIVE.length,
    inserted,
    done,
    start(intervalMs = 50) {
      let k = 0;
      const timer = setInterval(() => {
        add(k++);
        if (k >= LIVE.length) { clearInterval(timer); resolveDone(inserted.length); }
      }, intervalMs);
    },
  };
})();
</script>`;
  const main = `<article class="story"><h1>${escapeHtml(a.title)}</h1><p class="byline">${escapeHtml(a.publisher)} · <time datetime="${a.date}">${a.date}</time></p>
<div id="feed">${entries.join('\n')}</div></article>`;
  return newsPage(
    { title: a.title, date: a.date, publisher: a.publisher, main, headExtra, bodyEnd: script },
    seeds.articles.map((x) => x.title),
  );
}

/**
 * The heavy DOM: 10 chains of 2,000 nested elements and 6,000 rows of 30 elements each
 * (plus the template), with a short sentence in one row of ten and at the bottom of each chain.
 */
export function heavyPage(seeds: Seeds, headExtra = ''): string {
  const names = ['the CQC', 'Jeremy Hunt', 'NHS England', 'Simon Stevens', 'the BMA', 'NHS Improvement', 'a CCG', 'Monitor'];
  const script = `<script>
(() => {
  const root = document.getElementById('heavy');
  const NAMES = ${JSON.stringify(names)};
  for (let c = 0; c < 10; c++) {
    let el = root;
    for (let d = 0; d < 2000; d++) { const div = document.createElement('div'); div.className = 'n'; el.appendChild(div); el = div; }
    el.textContent = 'Deep in chain ' + c + ', ' + NAMES[c % NAMES.length] + ' said so.';
  }
  const frag = document.createDocumentFragment();
  for (let r = 0; r < 6000; r++) {
    const row = document.createElement('div');
    row.className = 'row';
    for (let k = 0; k < 9; k++) {
      const cell = document.createElement('span');
      const i = document.createElement('i');
      const b = document.createElement('b');
      i.appendChild(b);
      cell.appendChild(i);
      row.appendChild(cell);
    }
    const em = document.createElement('em');
    const small = document.createElement('small');
    if (r % 10 === 0) small.textContent = 'Row ' + r + ': ' + NAMES[r % NAMES.length] + '.';
    em.appendChild(small);
    row.appendChild(em);
    frag.appendChild(row);
  }
  root.appendChild(frag);
  window.__heavyElements = document.getElementsByTagName('*').length;
})();
</script>`;
  const main = `<article class="story"><h1>A page with a heavy DOM</h1><p class="byline">Health Policy Daily · <time datetime="2016-03-23">2016-03-23</time></p>
<div id="heavy" style="font-size:11px;line-height:1"></div></article>`;
  // Each row: div + 9 × (span > i > b) + em > small = 30 elements; 6,000 rows = 180,000; chains 20,000.
  return newsPage(
    { title: 'A page with a heavy DOM', date: '2016-03-23', publisher: 'Health Policy Daily', main, headExtra, bodyEnd: script },
    seeds.articles.map((x) => x.title),
  );
}
