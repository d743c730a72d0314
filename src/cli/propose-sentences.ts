// Sentences and word tokens of an article's text, with offsets, for npm run kb:propose.

import { BLOCK_BREAK } from '../engine/chars';

export interface Span {
  text: string;
  start: number;
  end: number;
}

// A sentence ends at . ! ? before white space and a capital, digit or quote; or at a line
// or block break (a heading, a list item, an HTML block).
const BOUNDARY = new RegExp(`[.!?]+["”’')]*\\s+(?=["“‘'(]?[A-Z0-9£])|\\n+|${BLOCK_BREAK}+`, 'g');

export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  const push = (end: number) => {
    const raw = text.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ text: body, start: from + lead, end: from + lead + body.length });
  };
  for (const m of text.matchAll(BOUNDARY)) {
    // Keep the closing punctuation with its sentence.
    const end = m.index + m[0].replace(/\s+$/, '').replace(new RegExp(`[\\n${BLOCK_BREAK}]+$`), '').length;
    push(end);
    from = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

const TOKEN = /[\p{L}\p{N}&]+(?:['’.-][\p{L}\p{N}]+)*/gu;

export function tokens(text: string, offset = 0): Span[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length }));
}
