// npm run build:ext — builds dist/chrome and dist/firefox (the release) and dist/dev/chrome and
// dist/dev/firefox (the development and test build: the same code, with localhost and 127.0.0.1
// among the default sites, which the end-to-end tests and the benchmarks load) from extension/
// and src/.
// Vite's library mode takes one IIFE entry per build, so: one build for the pages,
// one for the background, one for the content script; then each browser's manifest
// is derived from the root manifest.json.

import fs from 'node:fs';
import path from 'node:path';
import { build, type InlineConfig } from 'vite';
import { DEV_SITES, RELEASE_SITES, defaultMatchPatterns } from '../src/shared/sites';
import { storeClean } from './store-clean';

// Always a production build: under NODE_ENV=test (Vitest's global setup) or development,
// Vite would compile JSX for development, with this machine's file paths in the bundle,
// and the tests would not test what ships.
process.env.NODE_ENV = 'production';

const root = path.resolve(import.meta.dirname, '..');
// BUILD_MINIFY=0 keeps names for a profile (bench/load-probe.ts); never for a release.
// DIST_DIR lets a second build (a benchmark, a parallel test run) use its own output folder.
const dist = path.resolve(root, process.env.DIST_DIR ?? 'dist');
const kbPath = fs.existsSync(path.join(dist, 'kb.json')) ? path.join(dist, 'kb.json') : path.join(root, 'dist/kb.json');

if (!fs.existsSync(kbPath)) {
  console.error('build: dist/kb.json is missing; run npm run kb first (npm run build does both)');
  process.exit(1);
}
const kb = JSON.parse(fs.readFileSync(kbPath, 'utf8')) as { version: string };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

type Flavor = 'release' | 'dev';

function common(flavor: Flavor): InlineConfig {
  return {
    configFile: false,
    mode: 'production',
    root: path.join(root, 'extension'),
    logLevel: 'warn',
    plugins: [storeClean()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: { __KB_VERSION__: JSON.stringify(kb.version), __HPA_DEV_SITES__: JSON.stringify(flavor === 'dev') },
    build: {
      emptyOutDir: false,
      minify: process.env.BUILD_MINIFY !== '0',
      target: ['chrome120', 'firefox128'],
      sourcemap: false,
      reportCompressedSize: false,
    },
  };
}

async function iife(flavor: Flavor, stage: string, entry: string, name: string): Promise<void> {
  const c = common(flavor);
  await build({
    ...c,
    build: {
      ...c.build,
      outDir: stage,
      lib: { entry: path.join(root, 'extension', entry), formats: ['iife'], name: name.replace(/\W/g, '_'), fileName: () => `${name}.js` },
    },
  });
}

async function buildFlavor(flavor: Flavor, out: string): Promise<void> {
  const stage = path.join(out, '.stage');
  fs.rmSync(stage, { recursive: true, force: true });
  const c = common(flavor);
  await build({
    ...c,
    base: './',
    build: {
      ...c.build,
      outDir: stage,
      rollupOptions: {
        input: {
          popup: path.join(root, 'extension/popup.html'),
          options: path.join(root, 'extension/options.html'),
          welcome: path.join(root, 'extension/welcome.html'),
          sample: path.join(root, 'extension/sample.html'),
        },
      },
    },
  });
  await iife(flavor, stage, 'background.ts', 'background');
  await iife(flavor, stage, 'content.ts', 'content');
  await iife(flavor, stage, 'annotator.ts', 'annotator');
  await iife(flavor, stage, 'card-ui.ts', 'card-ui');
  const sites = defaultMatchPatterns(flavor === 'dev' ? [...RELEASE_SITES, ...DEV_SITES] : RELEASE_SITES);
  for (const browser of ['chrome', 'firefox'] as const) {
    const dir = path.join(out, browser);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(stage, dir, { recursive: true });
    fs.cpSync(path.join(root, 'extension/icons'), path.join(dir, 'icons'), { recursive: true });
    fs.copyFileSync(path.join(root, 'extension/content.css'), path.join(dir, 'content.css'));
    fs.copyFileSync(kbPath, path.join(dir, 'kb.json'));
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifestFor(browser, sites), null, 2) + '\n');
  }
  fs.rmSync(stage, { recursive: true, force: true });
}

const source = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const expand = (v: unknown, sites: string[]): unknown =>
  Array.isArray(v)
    ? v.flatMap((x) => (x === '@default-sites' ? sites : [expand(x, sites)]))
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x, sites)]))
      : v;

function manifestFor(browser: 'chrome' | 'firefox', sites: string[]): Record<string, unknown> {
  const m = expand(structuredClone(source), sites) as Record<string, unknown>;
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

await buildFlavor('release', dist);
await buildFlavor('dev', path.join(dist, 'dev'));
const size = (f: string) => `${(fs.statSync(path.join(dist, 'chrome', f)).size / 1024).toFixed(1)} KB`;
console.log(
  `built dist/chrome and dist/firefox, and the development build in dist/dev/ (v${pkg.version}, kb ${kb.version}): content.js ${size('content.js')}, background.js ${size('background.js')}`,
);
