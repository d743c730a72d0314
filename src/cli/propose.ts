// npm run kb:propose -- [--kb dist/kb.json] [--seeds seeds] [--format text|json] FILE...
// Lists what the KB does not know in some articles (.txt, or .html by its visible text):
// names, acronyms, role phrases and pledge-like sentences, most frequent first, each with
// the first sentence it came from. A starting point for curation, not a list to paste in.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../engine/engine';
import type { KbBundle } from '../kb/bundle';
import { buildKb } from '../kb/build';
import { KbBuildError } from '../kb/problems';
import { htmlVisibleText } from './html-text';
import { findCandidates, rankCandidates, type CandidateKind, type Proposal } from './propose-candidates';
import { knownTexts, readIgnoreList } from './propose-known';

function fail(message: string, code = 2): never {
  console.error(`kb:propose: ${message}`);
  process.exit(code);
}

function loadBundle(kbPath: string | undefined, seedsDir: string): KbBundle {
  if (kbPath) {
    try {
      const bundle = JSON.parse(fs.readFileSync(kbPath, 'utf8')) as KbBundle;
      if (!bundle?.dictionary?.patterns || !Array.isArray(bundle.pledges)) fail(`${kbPath} is not a kb.json built by npm run kb`, 1);
      return bundle;
    } catch (e) {
      fail(`cannot read knowledge base ${kbPath}: ${(e as Error).message}`, 1);
    }
  }
  try {
    return buildKb(seedsDir).bundle;
  } catch (e) {
    if (e instanceof KbBuildError) fail(`the knowledge base does not build (or pass --kb dist/kb.json):\n${e.message}`, 1);
    throw e;
  }
}

/** Proposals for some article files, given the KB and the ignore list. */
export function propose(files: { file: string; source: string }[], bundle: KbBundle, ignore: readonly string[]): Proposal[] {
  const engine = createEngine(bundle.dictionary);
  const known = knownTexts(bundle, ignore);
  return rankCandidates(
    files.map(({ file, source }) => {
      const text = /\.html?$/i.test(file) ? htmlVisibleText(source).text : source;
      // What the engine learned from the article's own definitions is not in the KB: propose it.
      const linked = engine.annotate(text, { date: null }).filter((m) => !m.learned);
      return { file, candidates: findCandidates(text, { ...known, linked }) };
    }),
  );
}

const HEADINGS: Record<CandidateKind, string> = {
  name: 'Names',
  acronym: 'Acronyms',
  role: 'Role phrases',
  pledge: 'Pledge-like sentences',
};

function printText(proposals: Proposal[], fileCount: number): void {
  console.log(
    `${proposals.length} things the knowledge base does not know in ${fileCount} file${fileCount === 1 ? '' : 's'} (most frequent first)`,
  );
  for (const kind of Object.keys(HEADINGS) as CandidateKind[]) {
    const list = proposals.filter((p) => p.kind === kind);
    if (!list.length) continue;
    console.log(`\n${HEADINGS[kind]} (${list.length})`);
    for (const p of list) {
      const head = kind === 'pledge' ? '' : `${p.text}${p.long ? ` (${p.long})` : ''} — `;
      console.log(`  ${String(p.count).padStart(3)}×  ${head}“${p.sentence.replace(/\s+/g, ' ')}” [${p.file}]`);
    }
  }
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        kb: { type: 'string' },
        seeds: { type: 'string', default: 'seeds' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  const usage = 'usage: npm run kb:propose -- [--kb dist/kb.json] [--seeds seeds] [--format text|json] FILE...';
  if (values.help) return console.log(usage);
  if (values.format !== 'json' && values.format !== 'text') fail(`--format must be json or text, not "${values.format}"`);
  if (!positionals.length) fail(`no input files; ${usage}`);
  const files = positionals.map((file) => {
    try {
      return { file, source: fs.readFileSync(file, 'utf8') };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      fail(err.code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${err.message}`, 1);
    }
  });
  const seeds = path.resolve(values.seeds);
  const proposals = propose(files, loadBundle(values.kb, seeds), readIgnoreList(seeds));
  if (values.format === 'json') console.log(JSON.stringify(proposals, null, 1));
  else printText(proposals, files.length);
}

// Run as a script, not when a test imports propose().
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) main();
