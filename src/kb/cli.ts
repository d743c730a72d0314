// npm run kb [-- --out FILE] [--seeds DIR]: builds kb.json and prints the coverage report.
// Exits non-zero, naming file, entry and reason, when the sources are wrong or the
// seeds are not fully covered.

import { MARK_KIND_INFO, MARK_KINDS } from '../shared/mark-kinds';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildKb } from './build';
import { KbBuildError } from './problems';
import { statsLines } from './report';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'dist/kb.json' }, seeds: { type: 'string', default: 'seeds' } },
});

try {
  const started = performance.now();
  const { bundle, coverage, stats } = buildKb(path.resolve(values.seeds));
  const buildMs = performance.now() - started;
  const kinds = MARK_KINDS.map((k) => `${bundle.entities.filter((e) => e.kind === k).length} ${MARK_KIND_INFO[k].countKey}`);
  const mentions = bundle.entities.reduce((n, e) => n + e.mentions.length, 0);
  console.log(
    `kb ${bundle.version}: ${kinds.join(', ')}, ${bundle.roles.length} roles, ${bundle.pledges.length} pledges; as of ${bundle.asOf ?? 'no date'}`,
  );
  for (const line of statsLines(stats)) console.log(line);
  console.log(`  ${bundle.dictionary.patterns.length} patterns; ${mentions} mentions linked in ${bundle.articles.length} seed articles`);
  console.log(
    `coverage: ${coverage.acronyms} distinct all-caps tokens, ${coverage.names} distinct capitalised multi-word names in the seeds`,
  );
  if (coverage.uncovered.length) {
    console.error(`coverage: ${coverage.uncovered.length} not linked and not on seeds/kb/ignore/:`);
    for (const u of coverage.uncovered.sort((a, b) => a.article.localeCompare(b.article) || a.text.localeCompare(b.text)))
      console.error(`  seed ${u.article} › ${u.kind} "${u.text}"${u.count > 1 ? ` ×${u.count}` : ''}`);
    process.exitCode = 1;
  } else console.log('coverage: complete — every one is an entity alias or on the ignore list');
  const out = path.resolve(values.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(bundle));
  console.log(
    `built in ${(buildMs / 1000).toFixed(1)} s; wrote ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`,
  );
} catch (e) {
  if (e instanceof KbBuildError) {
    console.error(`npm run kb: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
