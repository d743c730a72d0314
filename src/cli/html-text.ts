// The visible text of an HTML document's body, with a map from each character back to
// its offsets in the decoded source, and the article date from the page's metadata.

import { decodeHTML } from 'entities';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { BLOCK_BREAK } from '../engine/chars';
import { articleDate, type DateCandidates } from '../shared/article-date';
import { BLOCK_TAGS, SKIPPED_TAGS } from '../shared/page-tags';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

// The same elements as the extension's text reader skips and breaks at.
const SKIPPED = new Set(SKIPPED_TAGS);
const BLOCKS = new Set(BLOCK_TAGS);

interface HtmlText {
  text: string;
  /** Source offsets of each text character: [start, end) in the HTML. */
  sourceStart: Int32Array;
  sourceEnd: Int32Array;
  date: string | null;
  /** The document's language (`<html lang>`), or null. */
  lang: string | null;
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

function hidden(el: Element): boolean {
  if (attr(el, 'hidden') !== undefined || attr(el, 'aria-hidden') === 'true') return true;
  const style = (attr(el, 'style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** The date candidates in the document (src/shared/article-date.ts decides among them, as the extension does). */
function findDate(root: Node): string | null {
  const found: DateCandidates = { metas: [], jsonLd: [], times: [] };
  const visit = (n: Node) => {
    if (!('tagName' in n)) {
      if ('childNodes' in n) for (const c of (n as { childNodes: Node[] }).childNodes) visit(c);
      return;
    }
    const el = n;
    if (el.tagName === 'meta') {
      for (const a of ['property', 'name', 'itemprop']) {
        const key = attr(el, a);
        if (key) found.metas.push({ key, content: attr(el, 'content') });
      }
    } else if (el.tagName === 'script' && attr(el, 'type') === 'application/ld+json') {
      found.jsonLd.push(el.childNodes.map((c) => ('value' in c ? (c as { value: string }).value : '')).join(''));
    } else if (el.tagName === 'time') found.times.push(attr(el, 'datetime'));
    for (const c of el.childNodes ?? []) visit(c);
    if (el.tagName === 'template' && 'content' in el)
      for (const c of (el as { content: { childNodes: Node[] } }).content.childNodes) visit(c);
  };
  visit(root);
  return articleDate(found);
}

function documentLang(doc: Node): string | null {
  const html =
    'childNodes' in doc ? (doc as { childNodes: Node[] }).childNodes.find((n) => 'tagName' in n && n.tagName === 'html') : undefined;
  return (html && attr(html as Element, 'lang')?.trim()) || null;
}

const REFERENCE = /^&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)/;

export function htmlVisibleText(source: string): HtmlText {
  const doc = parse(source, { sourceCodeLocationInfo: true });
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (ch: string, s: number, e: number) => {
    chars.push(ch);
    starts.push(s);
    ends.push(e);
  };
  const breakBlock = (at: number) => {
    if (chars.length && chars[chars.length - 1] !== BLOCK_BREAK) push(BLOCK_BREAK, at, at);
  };

  const emitText = (value: string, from: number, to: number) => {
    const raw = source.slice(from, to);
    const out: [string, number, number][] = [];
    for (let j = 0; j < raw.length;) {
      if (raw[j] === '&') {
        const ref = raw.slice(j).match(REFERENCE)?.[0];
        if (ref) {
          const decoded = decodeHTML(ref);
          if (decoded !== ref) {
            for (const ch of decoded.split('')) out.push([ch, from + j, from + j + ref.length]);
            j += ref.length;
            continue;
          }
        }
      }
      if (raw[j] === '\r') {
        out.push(['\n', from + j, from + j + (raw[j + 1] === '\n' ? 2 : 1)]);
        j += raw[j + 1] === '\n' ? 2 : 1;
        continue;
      }
      out.push([raw[j]!, from + j, from + j + 1]);
      j++;
    }
    if (out.map((o) => o[0]).join('') === value) for (const [ch, s, e] of out) push(ch, s, e);
    else for (const ch of value.split('')) push(ch, from, to); // source and value disagree: map to the whole node
  };

  const visit = (n: Node) => {
    if (n.nodeName === '#text') {
      const loc = n.sourceCodeLocation;
      const value = (n as { value: string }).value;
      if (loc) emitText(value, loc.startOffset, loc.endOffset);
      return;
    }
    if (!('tagName' in n)) {
      if ('childNodes' in n) for (const c of (n as { childNodes: Node[] }).childNodes) visit(c);
      return;
    }
    const el = n;
    if (SKIPPED.has(el.tagName) || hidden(el)) return;
    const block = BLOCKS.has(el.tagName);
    const at = el.sourceCodeLocation?.startOffset ?? 0;
    if (block) breakBlock(at);
    for (const c of el.childNodes) visit(c);
    if (block) breakBlock(el.sourceCodeLocation?.endOffset ?? at);
  };
  visit(doc);
  return {
    text: chars.join(''),
    sourceStart: Int32Array.from(starts),
    sourceEnd: Int32Array.from(ends),
    date: findDate(doc),
    lang: documentLang(doc),
  };
}
