// npm run annotate -- [--date YYYY-MM-DD] [--format json|text] [--kb kb.json] FILE...
// Runs the text engine on .txt or .html files and prints the mentions it finds.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../engine/engine';
import type { KbBundle } from '../kb/bundle';
import { buildKb } from '../kb/build';
import { KbBuildError } from '../kb/problems';
import { annotateFile } from './annotate-file';

function fail(message: string, code = 2): never {
  console.error(`annotate: ${message}`);
  process.exit(code);
}

function validDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

function loadEngine(kbPath: string | undefined): Engine {
  if (kbPath) {
    let bundle: KbBundle;
    try {
      bundle = JSON.parse(fs.readFileSync(kbPath, 'utf8')) as KbBundle;
    } catch (e) {
      fail(`cannot read knowledge base ${kbPath}: ${(e as Error).message}`, 1);
    }
    if (!bundle?.dictionary?.patterns) fail(`${kbPath} is not a kb.json built by npm run kb`, 1);
    return createEngine(bundle.dictionary);
  }
  try {
    return createEngine(buildKb(path.resolve('seeds')).bundle.dictionary);
  } catch (e) {
    if (e instanceof KbBuildError) fail(`the knowledge base does not build:\n${e.message}`, 1);
    throw e;
  }
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        date: { type: 'string' },
        format: { type: 'string', default: 'text' },
        kb: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log('usage: npm run annotate -- [--date YYYY-MM-DD] [--format json|text] [--kb dist/kb.json] FILE...');
    return;
  }
  if (values.date !== undefined && !validDate(values.date)) fail(`--date must be a real date as YYYY-MM-DD, not "${values.date}"`);
  if (values.format !== 'json' && values.format !== 'text') fail(`--format must be json or text, not "${values.format}"`);
  if (positionals.length === 0) fail('no input files; usage: npm run annotate -- [--date YYYY-MM-DD] [--format json|text] FILE...');

  const sources = positionals.map((file) => {
    try {
      if (!fs.statSync(file).isFile()) fail(`${file} is not a file`, 1);
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      fail(err.code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${err.message}`, 1);
    }
  });
  const engine = loadEngine(values.kb);
  const results = positionals.map((file, i) => annotateFile(engine, file, sources[i]!, values.date));

  if (values.format === 'json') {
    console.log(JSON.stringify(results.length === 1 ? results[0] : results));
    return;
  }
  for (const r of results) {
    console.log(`${r.file}  (date: ${r.date ?? 'none, roles resolved at today'})  ${r.matches.length} mentions`);
    for (const m of r.matches)
      console.log(
        m.class
          ? `  ${String(m.start).padStart(6)}-${String(m.end).padEnd(6)} class  ${JSON.stringify(m.text)} → ${m.label ?? m.class}, not in the KB individually [${m.id}]`
          : `  ${String(m.start).padStart(6)}-${String(m.end).padEnd(6)} ${m.kind.padEnd(6)} ${JSON.stringify(m.text)} → ${m.name} [${m.id}]`,
      );
  }
}

main();
