// A local web server for end-to-end tests: each seed article rendered as a news page,
// with its date in the page's metadata, plus pages for special cases.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HOSTILE_PAGES } from './hostile-pages';

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

/** Form fields and an editable region that hold KB names: none may be marked. */
export const EDITABLE_EXTRA = `
<form><label>Comment <textarea id="t">The CQC and Jeremy Hunt</textarea></label>
<label>Search <input id="i" value="NHS England"></label></form>
<div id="ce" contenteditable="true">Simon Stevens of NHS England</div>`;

export interface TestServer {
  origin: string;
  url(p: string): string;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const articles = JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds/articles.json'), 'utf8')) as Article[];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const m = u.pathname.match(/^\/seed\/(\d{3})(-editable)?$/);
    const a = m && articles.find((x) => x.id === m[1]);
    if (a) {
      const text = fs.readFileSync(path.join(ROOT, 'seeds', a.file), 'utf8');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage(a, text, m[2] ? EDITABLE_EXTRA : ''));
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
