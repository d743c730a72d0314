// npm run bench:engine — throughput of the text engine against one big RegExp alternation
// of the same aliases with the same boundary rules, on the seeds repeated to 5 million
// characters (the RegExp on a 100 k slice of it: it is that slow), in the same run. Prints
// figures and ratios; asserts nothing.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../src/engine/engine';
import { buildKb } from '../src/kb/build';

const TARGET_CHARS = 5_000_000;
const RUNS = 7;
// One alternation of thousands of aliases is slow (about 6 k characters/s with the 2026 knowledge
// base), so the RegExp reads a slice of the same text, fewer times; rates are per character.
const REGEXP_CHARS = 100_000;
const REGEXP_RUNS = 3;

const seedsDir = path.resolve('seeds');
const { bundle } = buildKb(seedsDir);
const seedTexts = bundle.articles.map((a) => fs.readFileSync(path.join(seedsDir, a.file), 'utf8'));
let text = '';
for (let i = 0; text.length < TARGET_CHARS; i++) text += seedTexts[i % seedTexts.length] + '\n\n';
text = text.slice(0, TARGET_CHARS);

const t0 = performance.now();
const engine = createEngine(bundle.dictionary);
const compileMs = performance.now() - t0;

// The baseline: every alias in one alternation, longest first, with the engine's
// boundaries (no letter or digit either side), white-space runs and both apostrophes.
const escape = (s: string) =>
  s
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "['’]")
    .replace(/ /g, '\\s+')
    .replace(/-/g, '[-‐‑–]');
const aliases = [...new Set(bundle.dictionary.patterns.map((p) => p.text))].sort((a, b) => b.length - a.length);
const regexp = new RegExp(`(?<![\\p{L}\\p{N}])(?:${aliases.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function time(fn: () => number, runs = RUNS): { ms: number; count: number } {
  fn(); // warm-up
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    count = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), count };
}

const date = '2016-01-01';
const ours = time(() => engine.annotate(text, { date }).length);
const slice = text.slice(0, REGEXP_CHARS);
const re = time(() => {
  let n = 0;
  regexp.lastIndex = 0;
  while (regexp.exec(slice)) n++;
  return n;
}, REGEXP_RUNS);

const mchars = (ms: number, chars = text.length) => chars / 1e6 / (ms / 1000);
const engineRate = mchars(ours.ms);
const regexpRate = mchars(re.ms, slice.length);
console.log(`text: ${(text.length / 1e6).toFixed(1)} M characters (the five seeds repeated); ${aliases.length} distinct aliases`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, node ${process.version}`);
console.log(`compile dictionary: ${compileMs.toFixed(1)} ms`);
console.log(
  `engine:  ${ours.ms.toFixed(1)} ms median of ${RUNS}  ${engineRate.toFixed(1)} M chars/s  (${ours.count} mentions after rules)`,
);
console.log(
  `regexp:  ${re.ms.toFixed(1)} ms median of ${REGEXP_RUNS} on the first ${(slice.length / 1e3).toFixed(0)} k characters  ${regexpRate.toFixed(3)} M chars/s  (${re.count} raw alias hits, no rules)`,
);
console.log(`engine is ${(engineRate / regexpRate).toFixed(1)}× the RegExp`);
console.log(
  JSON.stringify({
    engine_mchars_s: +engineRate.toFixed(2),
    regexp_mchars_s: +regexpRate.toFixed(4),
    ratio: +(engineRate / regexpRate).toFixed(1),
  }),
);
