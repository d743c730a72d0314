// npm run kb refuses bad sources with file, entry and reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKb } from '../../src/kb/build';
import { KbBuildError } from '../../src/kb/problems';
import { SEEDS } from '../support/kb';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of seeds/ with one KB file edited. */
function doctored(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
  dirs.push(dir);
  fs.cpSync(SEEDS, dir, { recursive: true });
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(p, after);
  return dir;
}

function problemsOf(dir: string): string {
  try {
    buildKb(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(KbBuildError);
    return (e as KbBuildError).message;
  }
  throw new Error('the build accepted bad sources');
}

describe('KB build errors', () => {
  it('builds the real sources', () => {
    expect(buildKb(SEEDS).bundle.entities.length).toBeGreaterThan(100);
  });
  it('names file, entry and reason when a quote is not in its article', () => {
    const dir = doctored('kb/people/seed-articles.yaml', (t) =>
      t.replace('RCGP chair Dr Maureen Baker', 'RCGP chairwoman Dr Maureen Baker'),
    );
    expect(problemsOf(dir)).toMatch(
      /people\/seed-articles\.yaml › maureen-baker \(entry \d+\) › .*quote not found verbatim in seed 003: "RCGP chairwoman Dr Maureen Baker/,
    );
  });
  it('refuses an alias two entities claim without a rule that tells them apart', () => {
    const dir = doctored('kb/bodies/seed-articles.yaml', (t) => t.replace(/(\n {2}aliases:\n)/, '$1    - Jeremy Hunt\n'));
    expect(problemsOf(dir)).toMatch(/alias "jeremy hunt" is also claimed by "jeremy-hunt"/);
  });
  it('refuses colliding ids', () => {
    const dir = doctored('kb/terms/seed-articles.yaml', (t) => t.replace('- id: alb\n', '- id: cqc\n'));
    expect(problemsOf(dir)).toMatch(
      /terms\/seed-articles\.yaml › cqc \(entry 1\) › id "cqc" is already used in .*bodies\/seed-articles\.yaml/,
    );
  });
  it('refuses a missing required field', () => {
    const dir = doctored('kb/pledges/seed-articles.yaml', (t) => t.replace(/\n {2}status_note:[^\n]*(\n {4}[^\n]*)*/, ''));
    expect(problemsOf(dir)).toMatch(/pledges\/seed-articles\.yaml › [a-z0-9-]+ \(entry 1\) › status_note: /);
  });
  it('refuses unknown references and overlapping role holders', () => {
    const dir = doctored('kb/people/seed-articles.yaml', (t) => t.replace('role: health-secretary', 'role: health-secretery'));
    expect(problemsOf(dir)).toMatch(/names unknown role "health-secretery"/);
    const overlap = doctored('kb/people/seed-articles.yaml', (t) =>
      t.replace('role: health-secretary\n      start: 2018-07-09', 'role: health-secretary\n      start: 2018-01-01'),
    );
    expect(problemsOf(overlap)).toMatch(/holds "health-secretary" from 2018-01-01, while jeremy-hunt still held it/);
  });
  it('refuses YAML that does not parse, naming the file', () => {
    const dir = doctored('kb/roles/seed-articles.yaml', (t) => t.replace('- id:', '- id: [unclosed'));
    expect(problemsOf(dir)).toMatch(/roles\/seed-articles\.yaml › \(file\) › is not valid YAML/);
  });
  it('refuses a source whose publisher is not on the accepted list, naming the field path', () => {
    const dir = doctored('kb/bodies/seed-articles.yaml', (t) => t.replace(/url: https:\/\/[^/\s]+\//, 'url: https://wikimili.com/'));
    expect(problemsOf(dir)).toMatch(
      /bodies\/seed-articles\.yaml › [a-z0-9-]+ \(entry \d+\) › [a-z_.[\]0-9]*evidence\[\d+\]: https:\/\/wikimili\.com\/\S* — its publisher \(wikimili\.com\) is not on seeds\/kb\/publishers\.yaml/,
    );
  });
  it('refuses a publisher listed twice or with an unknown category', () => {
    const dir = doctored(
      'kb/publishers.yaml',
      (t) => `${t}- {domain: gov.uk, name: Again, category: official}\n- {domain: example.org, name: X, category: blog}\n`,
    );
    const message = problemsOf(dir);
    expect(message).toMatch(/publishers\.yaml › example\.org \(entry \d+\) › category: /);
    const dup = doctored('kb/publishers.yaml', (t) => `${t}- {domain: gov.uk, name: Again, category: official}\n`);
    expect(problemsOf(dup)).toMatch(/publishers\.yaml › gov\.uk \(entry \d+\) › domain "gov\.uk" is already listed \(entry 1\)/);
  });
  it('refuses an open role without current_as_of', () => {
    const dir = doctored('kb/people/seed-articles.yaml', (t) => t.replace(/\n {6}end: 2018-07-09/, ''));
    expect(problemsOf(dir)).toMatch(
      /people\/seed-articles\.yaml › jeremy-hunt \(entry 1\) › roles\[\d\]: an open role needs current_as_of: the date a source last confirmed it/,
    );
  });
  it('gives every public source its publisher and the bundle its date, the same on every build', () => {
    const a = buildKb(SEEDS).bundle;
    const b = buildKb(SEEDS).bundle;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.asOf).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    const urls = a.entities.flatMap((e) => e.evidence).filter((e) => 'url' in e);
    expect(urls.length).toBeGreaterThan(0);
    for (const e of urls) expect(e).toMatchObject({ publisher: expect.any(String), category: expect.any(String) });
    // A pledge several people made is on each one's card.
    for (const p of a.pledges)
      for (const who of [p.who, ...(p.alsoWho ?? [])])
        expect(a.entities.find((e) => e.id === who)?.pledges, `${p.id} on ${who}`).toContain(p.id);
  });
});
