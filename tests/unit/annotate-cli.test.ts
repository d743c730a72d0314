// npm run annotate, run as a reader would run it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/cli/annotate-file';
import { ROOT } from '../support/kb';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = (...args: string[]) => spawnSync(TSX, ['src/cli/annotate.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
const tmp = (name: string, content: string) => {
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'annotate-')), name);
  fs.writeFileSync(p, content);
  return p;
};

describe('npm run annotate', () => {
  it('prints one JSON object per file with exact offsets', () => {
    const file = 'seeds/002_e19fa7d53f6f45de.txt';
    const out = JSON.parse(
      execFileSync(TSX, ['src/cli/annotate.ts', '--format', 'json', '--date', '2018-06-04', file], { cwd: ROOT, encoding: 'utf8' }),
    ) as FileResult;
    expect(Object.keys(out)).toEqual(['file', 'date', 'matches']);
    expect(out.date).toBe('2018-06-04');
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(out.matches.length).toBeGreaterThan(50);
    for (const m of out.matches) {
      expect(Object.keys(m)).toEqual(['start', 'end', 'text', 'id', 'name', 'kind']);
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(['person', 'body', 'term', 'role']).toContain(m.kind);
    }
    expect(out.matches.find((m: { text: string }) => m.text === 'health secretary')).toMatchObject({
      id: 'jeremy-hunt',
      name: 'Jeremy Hunt',
      kind: 'role',
    });
  });

  it('prints an array for several files; date is null when none is given', () => {
    const a = tmp('a.txt', 'The CQC inspected.');
    const b = tmp('b.txt', 'NHS England said.');
    const out = JSON.parse(run('--format', 'json', a, b).stdout) as FileResult[];
    expect(out.map((r: { file: string; date: unknown }) => [r.file, r.date])).toEqual([
      [a, null],
      [b, null],
    ]);
    expect(out[0]!.matches[0]).toMatchObject({ start: 4, end: 7, text: 'CQC', id: 'cqc', kind: 'body' });
    expect(out[0]!.matches[0]!.name).toMatch(/^Care Quality Commission/);
  });

  it('reads an HTML page’s visible text and its published date, with offsets into the source', () => {
    const html = `<!doctype html><html><head><meta property="article:published_time" content="2012-03-01T09:00:00Z">
<script>var s = "Jeremy Hunt";</script><style>.x{}</style></head>
<body><p>The health secretary met Jeremy&nbsp;Hunt&#39;s team.</p><p hidden>Simon Stevens</p><textarea>CQC</textarea><p>Jeremy</p><p>Hunt</p></body></html>`;
    const file = tmp('page.html', html);
    const out = JSON.parse(run('--format', 'json', file).stdout) as FileResult;
    expect(out.date).toBe('2012-03-01');
    expect(out.matches.map((m: { id: string; kind: string }) => [m.id, m.kind])).toEqual([
      ['andrew-lansley', 'role'],
      ['jeremy-hunt', 'person'],
      ['jeremy-hunt', 'person'],
    ]);
    // Separate paragraphs never join into one name: the last is the surname alone.
    expect(out.matches[2]!.text).toBe('Hunt');
    const hunt = out.matches[1]!;
    expect(html.slice(hunt.start, hunt.end)).toBe('Jeremy&nbsp;Hunt');
    expect(hunt.text).toBe('Jeremy\u00a0Hunt');
    // --date overrides the page's own date
    expect((JSON.parse(run('--format', 'json', '--date', '2016-05-01', file).stdout) as FileResult).matches[0]!.id).toBe('jeremy-hunt');
  });

  it('prints readable text by default', () => {
    const r = run(tmp('c.txt', 'Simon Stevens spoke.'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/person\s+"Simon Stevens" → Simon Stevens \[simon-stevens\]/);
  });

  it('fails with one clear line on a missing file, a bad date or a bad format', () => {
    for (const [args, message] of [
      [['no-such-file.txt'], /^annotate: no-such-file\.txt: no such file\n$/],
      [
        ['--date', '2015-02-30', 'seeds/004_871d7334ce729795.txt'],
        /^annotate: --date must be a real date as YYYY-MM-DD, not "2015-02-30"\n$/,
      ],
      [['--format', 'xml', 'seeds/004_871d7334ce729795.txt'], /^annotate: --format must be json or text, not "xml"\n$/],
      [[], /^annotate: no input files/],
    ] as const) {
      const r = run(...args);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
