// The lines npm run kb prints about what the KB holds (src/kb/stats.ts gathers the numbers).

import { againstMinimum, MINIMUMS, type CountedKind, type KbStats } from './stats';

export function statsLines(stats: KbStats): string[] {
  const lines: string[] = [];
  for (const kind of Object.keys(MINIMUMS) as CountedKind[]) {
    const { total, files } = stats.kinds[kind];
    lines.push(`  ${kind.padEnd(8)} ${String(total).padStart(4)} of ≥ ${MINIMUMS[kind]}: ${againstMinimum(kind, total)}`);
    const width = Math.max(0, ...files.map(([f]) => f.length));
    for (const [file, n] of files) lines.push(`    ${file.padEnd(width)} ${String(n).padStart(4)}`);
  }
  lines.push(`  evidence by publisher category: ${stats.evidence.map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  return lines;
}
