// The benchmark's local web server (like tests/e2e/server.ts): serves the generated
// pages of bench/pages.ts, each generated once and kept.
//
//   /seed/NNN            a seed article as a news page
//   /long?chars=N        the long page with N characters of story text
//   /live                the live blog
//   /heavy               the heavy-DOM page
//   any of them with ?probe=1: a head script that records long tasks, long animation
//   frames and the first frame with highlights (for runs with the real extension)

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { heavyPage, livePage, loadSeeds, longPage, seedPage, type LongPageInfo } from './pages';

const PROBE = `<script>
(() => {
  const probe = { longTasks: [], frames: [], highlightsAt: null };
  window.__probe = probe;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        probe.frames.push({ start: e.startTime, duration: e.duration, scripts: (e.scripts || []).map((s) => ({ url: s.sourceURL, invoker: s.invoker, duration: s.duration })) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) {}
  const poll = () => { if (CSS.highlights.size > 0) { probe.highlightsAt = performance.now(); return; } requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})();
</script>`;

export interface BenchServer {
  origin: string;
  url(p: string): string;
  /** Size figures of a long page (generating it if needed). */
  longInfo(chars: number): LongPageInfo;
  close(): Promise<void>;
}

export async function startBenchServer(root: string): Promise<BenchServer> {
  const seeds = loadSeeds(root);
  const cache = new Map<string, string>();
  const longCache = new Map<string, LongPageInfo>();
  const long = (chars: number, probe: boolean) => {
    const key = `${chars}:${probe}`;
    let info = longCache.get(key);
    if (!info) longCache.set(key, (info = longPage(seeds, chars, probe ? PROBE : '')));
    return info;
  };
  const page = (u: URL): string | undefined => {
    const probe = u.searchParams.get('probe') === '1';
    const key = u.pathname + u.search;
    const hit = cache.get(key);
    if (hit) return hit;
    let html: string | undefined;
    const seed = u.pathname.match(/^\/seed\/(\d{3})$/);
    if (seed) html = seedPage(seeds, seed[1]!)?.replace('</head>', `${probe ? PROBE : ''}</head>`);
    else if (u.pathname === '/long') return long(Number(u.searchParams.get('chars') ?? 2_000_000), probe).html;
    else if (u.pathname === '/live') html = livePage(seeds, probe ? PROBE : '');
    else if (u.pathname === '/heavy') html = heavyPage(seeds, probe ? PROBE : '');
    if (html) cache.set(key, html);
    return html;
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const html = page(u);
    if (html) {
      // Cross-origin isolated, so that performance.now() is precise to 5 µs rather than 100 µs.
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(html);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p) => origin + p,
    longInfo: (chars) => long(chars, false),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
