// Maps a line and column of the bench bundle back to its source file (a minimal reader
// of source map v3 mappings), so that the profile table names src/ files, not bundle lines.

import fs from 'node:fs';
import path from 'node:path';

interface Segment {
  col: number;
  source: number;
  line: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(s: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of s) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export type SourceLookup = (line: number, column: number) => { source: string; line: number } | undefined;

/** Reads `file` (a source map); the lookup takes the generated 0-based line and column and names sources relative to `root`. */
export function readSourceMap(file: string, root: string): SourceLookup {
  const map = JSON.parse(fs.readFileSync(file, 'utf8')) as { sources: string[]; mappings: string };
  const lines: Segment[][] = [];
  let source = 0;
  let srcLine = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs: Segment[] = [];
    let col = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const f = decodeVlq(seg);
      col += f[0] ?? 0;
      if (f.length >= 4) {
        source += f[1]!;
        srcLine += f[2]!;
        segs.push({ col, source, line: srcLine });
      }
    }
    lines.push(segs);
  }
  return (line, column) => {
    const segs = lines[line];
    if (!segs?.length) return undefined;
    let best: Segment | undefined;
    for (const s of segs) if (s.col <= column) best = s;
    best ??= segs[0]!;
    const src = map.sources[best.source] ?? '?';
    return { source: path.relative(root, path.resolve(path.dirname(file), src)), line: best.line + 1 };
  };
}
