// One file through the engine: .txt as is, .html by its visible text, with offsets
// into the file's decoded source either way.

import type { Engine } from '../engine/engine';
import { htmlVisibleText } from './html-text';

export interface FileResult {
  file: string;
  date: string | null;
  matches: { start: number; end: number; text: string; id: string; name: string; kind: string }[];
}

export function annotateFile(engine: Engine, file: string, source: string, date: string | undefined): FileResult {
  if (/\.html?$/i.test(file)) {
    const html = htmlVisibleText(source);
    const used = date ?? html.date;
    const matches = engine.annotate(html.text, { date: used }).map((m) => {
      const start = html.sourceStart[m.start]!;
      const end = html.sourceEnd[m.end - 1]!;
      return { start, end, text: m.text, id: m.id, name: m.name, kind: m.kind };
    });
    return { file, date: used, matches };
  }
  const matches = engine.annotate(source, { date: date ?? null }).map((m) => ({ start: m.start, end: m.end, text: m.text, id: m.id, name: m.name, kind: m.kind }));
  return { file, date: date ?? null, matches };
}

