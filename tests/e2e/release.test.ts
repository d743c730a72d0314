// The release, on the build these tests run against (global-setup builds it): web-ext lint
// finds nothing in the Firefox build, the manifests carry package.json's version and the
// data-collection declaration, and npm run package writes reproducible store zips and a
// source archive that builds the same Firefox package.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLint, lintFirefox } from '../../scripts/lint-firefox';
import { makePackages, type Packages } from '../../scripts/package';
import { DIST, ROOT } from './browsers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const manifest = (browser: string) =>
  JSON.parse(fs.readFileSync(path.join(DIST, browser, 'manifest.json'), 'utf8')) as Record<string, unknown>;

function filesIn(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.name.startsWith('.')
        ? []
        : e.isDirectory()
          ? filesIn(path.join(dir, e.name), base)
          : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')],
    )
    .sort();
}

describe('release', () => {
  it('web-ext lint reports no error, no warning and no notice on the Firefox build', async () => {
    const result = await lintFirefox(path.join(DIST, 'firefox'));
    expect(formatLint(result)).toBe('');
  });

  it('both manifests carry package.json’s version; Firefox’s declares that no data is collected', () => {
    expect(manifest('chrome').version).toBe(pkg.version);
    expect(manifest('firefox').version).toBe(pkg.version);
    const gecko = (manifest('firefox').browser_specific_settings as { gecko: Record<string, unknown> }).gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(manifest('chrome').browser_specific_settings).toBeUndefined();
  });

  it('the release build asks for no local host; the development build (which the tests load) does', () => {
    for (const browser of ['chrome', 'firefox']) {
      const release = JSON.stringify(manifest(browser).host_permissions);
      expect(release).not.toMatch(/localhost|127\.0\.0\.1/);
      expect(release).toContain('https://news.sky.com/*');
      const dev = JSON.stringify(
        (JSON.parse(fs.readFileSync(path.join(DIST, 'dev', browser, 'manifest.json'), 'utf8')) as Record<string, unknown>).host_permissions,
      );
      expect(dev).toContain('http://localhost/*');
      expect(dev).toContain('http://127.0.0.1/*');
    }
    expect(fs.readFileSync(path.join(DIST, 'chrome', 'background.js'), 'utf8')).not.toContain('localhost (development build)');
  });

  describe('npm run package', () => {
    let tmp: string;
    let first: Packages;
    beforeAll(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-package-'));
      first = await makePackages(DIST, path.join(tmp, 'packages'));
    });
    afterAll(() => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('zips each browser’s build with its manifest at the root, and the same files give the same bytes', async () => {
      for (const [browser, file] of [
        ['chrome', first.chrome],
        ['firefox', first.firefox],
      ] as const) {
        expect(path.basename(file)).toBe(`health-policy-reader-${pkg.version}-${browser}.zip`);
        const entries = unzipSync(fs.readFileSync(file));
        expect(Object.keys(entries).sort()).toEqual(filesIn(path.join(DIST, browser)));
        const zipped = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { version: string };
        expect(zipped.version).toBe(pkg.version);
      }
      const chrome = fs.readFileSync(first.chrome);
      const firefox = fs.readFileSync(first.firefox);
      const again = await makePackages(DIST, path.join(tmp, 'again'));
      expect(fs.readFileSync(again.chrome).equals(chrome)).toBe(true);
      expect(fs.readFileSync(again.firefox).equals(firefox)).toBe(true);
    });

    it('the source archive holds the sources and the build steps, and builds the same Firefox package', () => {
      const entries = unzipSync(fs.readFileSync(first.source));
      const prefix = `health-policy-reader-${pkg.version}/`;
      const names = Object.keys(entries);
      expect(names.every((n) => n.startsWith(prefix))).toBe(true);
      for (const needed of [
        'package.json',
        'package-lock.json',
        'SOURCE-BUILD.md',
        'manifest.json',
        'scripts/build-extension.ts',
        'src/ui/card.tsx',
        'seeds/articles.json',
      ])
        expect(names, needed).toContain(prefix + needed);
      expect(names.filter((n) => /\/(node_modules|dist)\//.test(n))).toEqual([]);

      // Unpacked beside the installed dependencies (npm ci would fetch the same), it builds
      // the very files that are in the Firefox package.
      const src = path.join(tmp, 'source');
      for (const [name, data] of Object.entries(entries)) {
        const out = path.join(src, name.slice(prefix.length));
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, data);
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir');
      const env = { ...process.env, DIST_DIR: path.join(src, 'dist') };
      execFileSync('npm', ['run', '-s', 'build'], { cwd: src, env, stdio: 'pipe' });
      const packaged = unzipSync(fs.readFileSync(first.firefox));
      const rebuilt = filesIn(path.join(src, 'dist/firefox'));
      expect(rebuilt).toEqual(Object.keys(packaged).sort());
      const differing = rebuilt.filter((f) => !fs.readFileSync(path.join(src, 'dist/firefox', f)).equals(Buffer.from(packaged[f]!)));
      expect(differing).toEqual([]);
    });
  });
});
