// Builds what npm run bench needs into a temporary folder (never into dist/).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { Dictionary } from '../src/engine/dictionary';
import { progress, ROOT } from './common';
import { writeKb10 } from './kb10';

// --- build ---------------------------------------------------------------------------------------

export interface Built {
  work: string;
  dist: string;
  extensionDir: string;
  /** The same extension built with the synthetic 10× knowledge base (bench/kb10.ts). */
  extensionDir10: string;
  kb10: { patterns: number; shippedPatterns: number; bytes: number; shippedBytes: number };
  bundle: string;
  bundleMap: string;
  markjs: string;
  dictionary: Dictionary;
  dictionaryJson: string;
}

export function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
  }
}

export async function buildAll(): Promise<Built> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-bench-'));
  const dist = path.join(work, 'dist');
  progress(`building into ${work}`);
  sh('npm', ['run', '-s', 'kb', '--', '--out', path.join(dist, 'kb.json')]);
  sh('npm', ['run', '-s', 'build:ext'], { DIST_DIR: dist });
  progress('the 10× knowledge base and an extension built with it');
  const dist10 = path.join(work, 'dist10');
  fs.mkdirSync(dist10, { recursive: true });
  const kb10Path = path.join(dist10, 'kb.json');
  const sizes = writeKb10(path.join(ROOT, 'seeds'), path.join(dist, 'kb.json'), kb10Path);
  sh('npm', ['run', '-s', 'build:ext'], { DIST_DIR: dist10 });
  const bundleDir = path.join(work, 'bundle');
  const kbBundle = JSON.parse(fs.readFileSync(path.join(dist, 'kb.json'), 'utf8')) as { version: string; dictionary: Dictionary };
  await buildBenchBundle(bundleDir, kbBundle.version);
  const require = createRequire(import.meta.url);
  return {
    work,
    dist,
    extensionDir: path.join(dist, 'dev', 'chrome'), // the development build: the bench pages are served on localhost
    extensionDir10: path.join(dist10, 'dev', 'chrome'),
    kb10: { ...sizes, bytes: fs.statSync(kb10Path).size, shippedBytes: fs.statSync(path.join(dist, 'kb.json')).size },
    bundle: path.join(bundleDir, 'page-bench.js'),
    bundleMap: path.join(bundleDir, 'page-bench.js.map'),
    markjs: require.resolve('mark.js/dist/mark.min.js'),
    dictionary: kbBundle.dictionary,
    dictionaryJson: JSON.stringify(kbBundle.dictionary),
  };
}

/** The bench bundle (bench/page-bench.ts) into `bundleDir`/page-bench.js. */
export async function buildBenchBundle(bundleDir: string, kbVersion: string): Promise<void> {
  // The content script's modules as scripts/build-extension.ts builds them (production JSX
  // for Preact), with webextension-polyfill replaced by bench/fake-browser.ts.
  process.env.NODE_ENV = 'production';
  await build({
    configFile: false,
    mode: 'production',
    root: ROOT,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: { __KB_VERSION__: JSON.stringify(kbVersion) },
    resolve: { alias: { 'webextension-polyfill': path.join(ROOT, 'bench/fake-browser.ts') } },
    build: {
      outDir: bundleDir,
      emptyOutDir: true,
      // Not minified, so that profiles name the functions (V8 runs the same code either way),
      // with a source map to name their files.
      minify: false,
      target: ['chrome120'],
      sourcemap: true,
      reportCompressedSize: false,
      lib: { entry: path.join(ROOT, 'bench/page-bench.ts'), formats: ['iife'], name: '__hpaBenchLib', fileName: () => 'page-bench.js' },
    },
  });
}
