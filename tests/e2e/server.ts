// A local web server for end-to-end tests: each seed article rendered as a news page,
// with its date in the page's metadata, plus pages for special cases.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HOSTILE_PAGES } from './hostile-pages';
import { TOUCH_LINKED_PAGE, touchPage } from './touch-page';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Article {
  id: string;
  file: string;
  title: string;
  publisher: string;
  date: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function articlePage(a: Article, body: string, extra = ''): string {
  const paragraphs = body
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (l.startsWith('•') ? `<ul><li>${escapeHtml(l.slice(1).trim())}</li></ul>` : `<p>${escapeHtml(l)}</p>`))
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(a.title)}</title>
<meta property="article:published_time" content="${a.date}T09:00:00Z">
<style>body{font:17px/1.6 Georgia,serif;margin:0;color:#222} header,nav,footer{font-family:sans-serif;padding:8px 24px;background:#f2f2f2} main{display:flex;gap:32px;padding:16px 24px} article{max-width:680px} aside{width:240px;font-family:sans-serif;font-size:14px}</style>
</head><body>
<header><strong>${escapeHtml(a.publisher)}</strong></header>
<nav><a href="/">Home</a> · <a href="/">News</a> · <a href="/">Comment</a></nav>
<main><article>
<h1>${escapeHtml(a.title)}</h1>
<p class="byline"><time datetime="${a.date}">${a.date}</time></p>
${paragraphs}
${extra}
</article><aside><h2>Most read</h2><p>Subscribe for more analysis.</p></aside></main>
<footer>© ${escapeHtml(a.publisher)}</footer>
</body></html>`;
}

/**
 * A seed article laid out as news sites lay out theirs: a consent banner, a header with a menu
 * of many links, the article with a caption and a pull quote, a related-stories rail, comments,
 * a newsletter dialog and a footer. KB names appear in every part.
 */
export function newsSitePage(a: Article, body: string): string {
  const paragraphs = body
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`);
  const menu = ['Home', 'NHS', 'CQC', 'NHS England', 'Social care', 'Jeremy Hunt', 'Workforce', 'Technology']
    .map((t) => `<li><a href="/">${t}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title>
<meta property="article:published_time" content="${a.date}T09:00:00Z">
<style>body{font:17px/1.6 Georgia,serif;margin:0} #onetrust-consent-sdk{position:fixed;bottom:0;left:0;right:0;background:#eee;padding:8px} nav ul{display:flex;gap:12px;list-style:none} main{display:flex;gap:24px;padding:0 24px} article{max-width:640px} aside{width:220px}</style>
</head><body>
<div id="onetrust-consent-sdk"><p>NHS England and our partners use cookies. <button>Accept</button></p></div>
<header><a href="/">${escapeHtml(a.publisher)}</a><nav aria-label="Sections"><ul>${menu}</ul></nav></header>
<main><article>
<h1>${escapeHtml(a.title)}</h1>
<figure><figcaption id="caption">The CQC's chief inspector, Sir Mike Richards</figcaption></figure>
${paragraphs.slice(0, 4).join('\n')}
<blockquote id="pullquote">The NHS England plan is the right one, said Jeremy Hunt</blockquote>
${paragraphs.slice(4).join('\n')}
<section id="comments"><h2>Comments</h2><p>The CQC should look at this.</p></section>
</article>
<aside id="related"><h2>Related</h2><ul><li><a href="/">NHS Providers warns on funding</a></li></ul></aside></main>
<div role="dialog" aria-modal="true" id="newsletter"><p>Get the NHS England briefing every morning</p></div>
<footer><p>© ${escapeHtml(a.publisher)}. About NHS Providers and the CQC.</p></footer>
</body></html>`;
}

/** Form fields and an editable region that hold KB names: none may be marked. */
export const EDITABLE_EXTRA = `
<form><label>Comment <textarea id="t">The CQC and Jeremy Hunt</textarea></label>
<label>Search <input id="i" value="NHS England"></label></form>
<div id="ce" contenteditable="true">Simon Stevens of NHS England</div>`;

/** A 2025-style report naming bodies the KB does not know individually (made up), and ones it knows. */
export const CLASS_PAGE_TEXT = [
  'Borsetshire Hospitals NHS Foundation Trust said on Tuesday that it would merge its finance teams with a neighbouring trust, as NHS England asked hospitals to cut corporate costs.',
  'Fictional and Made-up ICB said it would cut a third of its posts, and patients and nurses in Borsetshire were told services would not change. Kent and Medway ICB said it had made similar savings.',
].join('\n');

export interface TestServer {
  origin: string;
  url(p: string): string;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const articles = JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds/articles.json'), 'utf8')) as Article[];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const news = u.pathname.match(/^\/news-site\/(\d{3})$/);
    const n = news && articles.find((x) => x.id === news[1]);
    if (n) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(newsSitePage(n, fs.readFileSync(path.join(ROOT, 'seeds', n.file), 'utf8')));
      return;
    }
    const m = u.pathname.match(/^\/seed\/(\d{3})(-editable)?$/);
    const a = m && articles.find((x) => x.id === m[1]);
    if (a) {
      const text = fs.readFileSync(path.join(ROOT, 'seeds', a.file), 'utf8');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage(a, text, m[2] ? EDITABLE_EXTRA : ''));
      return;
    }
    const phone = u.pathname === '/touch-page' ? touchPage() : u.pathname === '/touch-linked' ? TOUCH_LINKED_PAGE : undefined;
    if (phone) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(phone);
      return;
    }
    if (u.pathname === '/class-page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        articlePage(
          { id: 'class', file: '', title: 'Trusts told to cut corporate costs', publisher: 'Test News', date: '2025-06-12' },
          CLASS_PAGE_TEXT,
        ),
      );
      return;
    }
    const hostile = u.pathname.match(/^\/hostile\/(\w+)$/)?.[1];
    const h = hostile ? HOSTILE_PAGES[hostile] : undefined;
    if (h) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...h.headers });
      res.end(h.html);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, url: (p) => origin + p, close: () => new Promise((r) => server.close(() => r())) };
}
