// npm run package — after npm run build, writes the store packages to dist/packages/
// (DIST_DIR/packages/ when DIST_DIR is set):
//
//   health-policy-reader-<version>-chrome.zip   dist/chrome, for the Chrome Web Store
//   health-policy-reader-<version>-firefox.zip  dist/firefox, for addons.mozilla.org
//   health-policy-reader-<version>-source.zip   the source Mozilla asks for: every file git
//                                               tracks (plus new ones it does not ignore),
//                                               as in the working tree; SOURCE-BUILD.md in
//                                               it says how to build the same package
//
// It refuses when the builds are missing, when a manifest's version is not package.json's,
// or when web-ext lint finds an error or a warning in the Firefox build. The zips are
// reproducible: sorted entries, fixed dates.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { formatLint, lintFirefox } from './lint-firefox';

const ROOT = path.resolve(import.meta.dirname, '..');
const NAME = 'health-policy-reader';
/** Every entry gets this date (local time, as ZIP stores it), so the same files give the same zip. */
const FIXED_DATE = new Date(1980, 0, 2);

export interface Packages {
  version: string;
  chrome: string;
  firefox: string;
  source: string;
  /** Files in the source archive that git does not track yet (included all the same). */
  untracked: string[];
  /** Whether the working tree differs from the commit (the archive holds the working tree). */
  dirty: boolean;
  commit: string;
}

function filesUnder(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      if (e.name.startsWith('.')) return []; // the build's .stage, editors' droppings
      const full = path.join(dir, e.name);
      return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    })
    .sort();
}

function zip(entries: { name: string; data: Uint8Array; mode: number }[]): Uint8Array {
  const files: Zippable = {};
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    files[e.name] = [e.data, { mtime: FIXED_DATE, os: 3, attrs: ((0o100000 | e.mode) << 16) >>> 0, level: 9 }];
  return zipSync(files);
}

function zipFolder(dir: string): Uint8Array {
  return zip(filesUnder(dir).map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)), mode: 0o644 })));
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function sourceZip(prefix: string): { data: Uint8Array; untracked: string[]; dirty: boolean; commit: string } {
  let commit: string;
  try {
    commit = git(['rev-parse', 'HEAD']).trim();
  } catch {
    throw new Error('package: the source archive is made from the git checkout, and this is not one');
  }
  const list = (args: string[]) =>
    git(['ls-files', '-z', ...args])
      .split('\0')
      .filter(Boolean);
  const tracked = new Set(list(['--cached']));
  const untracked = list(['--others', '--exclude-standard']);
  const names = [...new Set([...tracked, ...untracked])].filter(
    (n) => fs.existsSync(path.join(ROOT, n)) && fs.statSync(path.join(ROOT, n)).isFile(),
  );
  const dirty = git(['status', '--porcelain']).trim() !== '';
  const entries = names.map((name) => {
    const full = path.join(ROOT, name);
    return { name: `${prefix}/${name}`, data: fs.readFileSync(full), mode: fs.statSync(full).mode & 0o111 ? 0o755 : 0o644 };
  });
  if (!names.includes('SOURCE-BUILD.md')) throw new Error('package: SOURCE-BUILD.md is missing; the source archive must say how to build');
  return { data: zip(entries), untracked: untracked.filter((n) => names.includes(n)), dirty, commit };
}

function readJson(file: string): { version?: string } {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string };
}

/** Writes the three packages of the builds in `dist` to `outDir`; throws with a reason when something is not releasable. */
export async function makePackages(dist: string, outDir: string): Promise<Packages> {
  const { version } = readJson(path.join(ROOT, 'package.json'));
  if (!version) throw new Error('package: package.json has no version');
  for (const browser of ['chrome', 'firefox']) {
    const manifest = path.join(dist, browser, 'manifest.json');
    if (!fs.existsSync(manifest)) throw new Error(`package: ${path.relative(ROOT, manifest)} is missing; run npm run build first`);
    const built = readJson(manifest).version;
    if (built !== version)
      throw new Error(`package: ${path.relative(ROOT, manifest)} says version ${built}, package.json ${version}; run npm run build`);
  }
  const lint = await lintFirefox(path.join(dist, 'firefox'));
  if (lint.errors.length || lint.warnings.length) throw new Error(`package: web-ext lint on the Firefox build:\n${formatLint(lint)}`);

  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const out = (kind: string) => path.join(outDir, `${NAME}-${version}-${kind}.zip`);
  fs.writeFileSync(out('chrome'), zipFolder(path.join(dist, 'chrome')));
  fs.writeFileSync(out('firefox'), zipFolder(path.join(dist, 'firefox')));
  const source = sourceZip(`${NAME}-${version}`);
  fs.writeFileSync(out('source'), source.data);
  return {
    version,
    chrome: out('chrome'),
    firefox: out('firefox'),
    source: out('source'),
    untracked: source.untracked,
    dirty: source.dirty,
    commit: source.commit,
  };
}

/** A path as the reader typed it: relative below the working folder, absolute elsewhere. */
function shown(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');
  try {
    const p = await makePackages(dist, path.join(dist, 'packages'));
    for (const file of [p.chrome, p.firefox, p.source])
      console.log(`wrote ${shown(file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
    console.log(
      `version ${p.version}; source from ${p.commit.slice(0, 12)}${p.dirty ? ' with uncommitted changes (the archive holds the working tree)' : ''}`,
    );
    if (p.untracked.length) console.warn(`note: the source archive includes files git does not track yet: ${p.untracked.join(', ')}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
