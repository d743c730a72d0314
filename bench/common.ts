// Settings and small helpers shared by the bench driver's modules.

import path from 'node:path';
import { DEFAULT_PREFS } from '../src/shared/prefs';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
export const SCALING_RUNS = Math.max(1, Math.min(RUNS, 3));
export const MARKJS_CAP_MS = Number(process.env.BENCH_MARKJS_CAP_MS ?? 120_000);
export const HEAVY_MARKJS_CAP_MS = Math.min(MARKJS_CAP_MS, 60_000);
export const MARKJS_CHUNK = 50;
export const LONG_CHARS = 2_000_000;
export const SCALING = [100_000, 500_000, 1_000_000, 2_000_000, 4_000_000];
export const SEED_IDS = ['000', '001', '002', '003', '004'];
export const VIEWPORT = { width: 1200, height: 900 };
export const PREFS = DEFAULT_PREFS;

// --- small helpers ---------------------------------------------------------------------------

export const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Nearest-rank percentile. */
export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
export const slope = (xs: number[], ys: number[]) => {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
};
export const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
export const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (x: number, d = 2) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  return [
    line(head),
    '|' + widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|') + '|',
    ...cells.slice(1).map(line),
  ].join('\n');
}

export const say = (s = '') => console.log(s);
export const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);
