// One file through the engine: .txt as is, .html by its visible text, with offsets
// into the file's decoded source either way.

import type { Engine, Match } from '../engine/engine';
import { htmlVisibleText } from './html-text';

export interface FileResult {
  file: string;
  date: string | null;
  /** The HTML's `lang`, when it has one. */
  lang?: string;
  /** `kind` is person, body, term, role, or class (a name the KB explains by its class, `class`). */
  matches: { start: number; end: number; text: string; id: string; name: string; kind: string; class?: string; label?: string }[];
}

function out(engine: Engine, m: Match, start: number, end: number): FileResult['matches'][number] {
  const r: FileResult['matches'][number] = { start, end, text: m.text, id: m.id, name: m.name, kind: m.classOf ? 'class' : m.kind };
  if (m.classOf) {
    r.class = m.classOf;
    const d = engine.dictionary;
    const label = d.classes?.find((c) => d.entities[c.entity]?.id === m.classOf)?.label;
    if (label) r.label = label;
  }
  return r;
}

export function annotateFile(engine: Engine, file: string, source: string, date: string | undefined): FileResult {
  if (/\.html?$/i.test(file)) {
    const html = htmlVisibleText(source);
    const used = date ?? html.date;
    const matches = engine
      .annotate(html.text, { date: used, lang: html.lang })
      .map((m) => out(engine, m, html.sourceStart[m.start]!, html.sourceEnd[m.end - 1]!));
    return html.lang ? { file, date: used, lang: html.lang, matches } : { file, date: used, matches };
  }
  const matches = engine.annotate(source, { date: date ?? null }).map((m) => out(engine, m, m.start, m.end));
  return { file, date: date ?? null, matches };
}
