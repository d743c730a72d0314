// Links every mention of every entity in the seed articles, with its sentence, so that
// cards can show what the articles said.

import type { Engine, Match } from '../engine/engine';
import type { KbMention } from './bundle';

const MAX_SENTENCE = 320;

/** The sentence around [start, end): bounded by . ! ? followed by space, or a line break. */
function sentenceAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0) {
    const ch = text.charAt(s - 1);
    if (ch === '\n' || ch === '\u2029') break;
    if (/[.!?]/.test(ch) && /\s/.test(text.charAt(s))) break;
    s--;
  }
  let e = end;
  while (e < text.length) {
    const ch = text.charAt(e);
    if (ch === '\n' || ch === '\u2029') break;
    e++;
    if (/[.!?]/.test(ch) && (e >= text.length || /\s/.test(text.charAt(e)))) break;
  }
  let sentence = text.slice(s, e).trim();
  if (sentence.length > MAX_SENTENCE) {
    // Keep the mention inside the excerpt.
    const rel = start - s;
    const from = Math.max(0, Math.min(rel - MAX_SENTENCE / 2, sentence.length - MAX_SENTENCE));
    sentence =
      (from > 0 ? '…' : '') + sentence.slice(from, from + MAX_SENTENCE).trim() + (from + MAX_SENTENCE < sentence.length ? '…' : '');
  }
  return sentence.replace(/\s+/g, ' ');
}

export interface SeedAnnotation {
  article: string;
  matches: Match[];
}

export function annotateSeeds(engine: Engine, articles: { id: string; date: string }[], texts: Map<string, string>): SeedAnnotation[] {
  return articles.map((a) => ({ article: a.id, matches: engine.annotate(texts.get(a.id)!, { date: a.date }) }));
}

/** Mentions by entity id (and, for role phrases, also by role id). */
export function mentionsById(annotations: SeedAnnotation[], texts: Map<string, string>): Map<string, KbMention[]> {
  const byId = new Map<string, KbMention[]>();
  const push = (id: string, m: KbMention) => {
    const list = byId.get(id) ?? [];
    list.push(m);
    byId.set(id, list);
  };
  for (const { article, matches } of annotations) {
    const text = texts.get(article)!;
    for (const m of matches) {
      const mention: KbMention = { article, start: m.start, end: m.end, text: m.text, sentence: sentenceAround(text, m.start, m.end) };
      push(m.id, mention);
      if (m.role) push(m.role, mention);
    }
  }
  return byId;
}
