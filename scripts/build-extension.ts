// npm run build:ext — builds dist/chrome and dist/firefox from extension/ and src/.
// Vite's library mode takes one IIFE entry per build, so: one build for the pages,
// one for the background, one for the content script; then each browser's manifest
// is derived from the root manifest.json.

import fs from 'node:fs';
import path from 'node:path';
import { build, type InlineConfig } from 'vite';
import { defaultMatchPatterns } from '../src/shared/sites';
import { storeClean } from './store-clean';

// Always a production build: under NODE_ENV=test (Vitest's global setup) or development,
// Vite would compile JSX for development, with this machine's file paths in the bundle,
// and the tests would not test what ships.
process.env.NODE_ENV = 'production';

const root = path.resolve(import.meta.dirname, '..');
// DIST_DIR lets a second build (a benchmark, a parallel test run) use its own output folder.
const dist = path.resolve(root, process.env.DIST_DIR ?? 'dist');
const stage = path.join(dist, '.stage');
const kbPath = fs.existsSync(path.join(dist, 'kb.json')) ? path.join(dist, 'kb.json') : path.join(root, 'dist/kb.json');

if (!fs.existsSync(kbPath)) {
  console.error('build: dist/kb.json is missing; run npm run kb first (npm run build does both)');
  process.exit(1);
}
const kb = JSON.parse(fs.readFileSync(kbPath, 'utf8')) as { version: string };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

const common: InlineConfig = {
  configFile: false,
  mode: 'production',
  root: path.join(root, 'extension'),
  logLevel: 'warn',
  plugins: [storeClean()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { __KB_VERSION__: JSON.stringify(kb.version) },
  build: { emptyOutDir: false, minify: true, target: ['chrome120', 'firefox128'], sourcemap: false, reportCompressedSize: false },
};

async function iife(entry: string, name: string): Promise<void> {
  await build({
    ...common,
    build: {
      ...common.build,
      outDir: stage,
      lib: { entry: path.join(root, 'extension', entry), formats: ['iife'], name: name.replace(/\W/g, '_'), fileName: () => `${name}.js` },
    },
  });
}

fs.rmSync(stage, { recursive: true, force: true });
await build({
  ...common,
  base: './',
  build: {
    ...common.build,
    outDir: stage,
    rollupOptions: { input: { popup: path.join(root, 'extension/popup.html'), options: path.join(root, 'extension/options.html') } },
  },
});
await iife('background.ts', 'background');
await iife('content.ts', 'content');
await iife('annotator.ts', 'annotator');

const source = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const sites = defaultMatchPatterns();
const expand = (v: unknown): unknown =>
  Array.isArray(v) ? v.flatMap((x) => (x === '@default-sites' ? sites : [expand(x)])) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)])) : v;

function manifestFor(browser: 'chrome' | 'firefox'): Record<string, unknown> {
  const m = expand(structuredClone(source)) as Record<string, unknown>;
  m.version = pkg.version;
  if (browser === 'firefox') {
    m.background = { scripts: ['background.js'] };
    // The extension collects and sends no data at all: data_collection_permissions says so
    // (required ["none"]). Firefox for Android reads that key from version 142.
    m.browser_specific_settings = {
      gecko: { id: 'health-policy-reader@hp-reader.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return m;
}

for (const browser of ['chrome', 'firefox'] as const) {
  const out = path.join(dist, browser);
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(stage, out, { recursive: true });
  fs.cpSync(path.join(root, 'extension/icons'), path.join(out, 'icons'), { recursive: true });
  fs.copyFileSync(path.join(root, 'extension/content.css'), path.join(out, 'content.css'));
  fs.copyFileSync(kbPath, path.join(out, 'kb.json'));
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2) + '\n');
}
fs.rmSync(stage, { recursive: true, force: true });
const size = (f: string) => `${(fs.statSync(path.join(dist, 'chrome', f)).size / 1024).toFixed(1)} KB`;
console.log(`built dist/chrome and dist/firefox (v${pkg.version}, kb ${kb.version}): content.js ${size('content.js')}, background.js ${size('background.js')}`);
