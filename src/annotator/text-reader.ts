// Reads the page's visible text once: the text nodes in document order, joined into one
// string with block breaks between blocks, and where each node starts in it. Skips what
// a reader does not read as article text (scripts, form fields, editable regions) and
// our own card.

import { BLOCK_BREAK } from '../engine/chars';

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE']);
const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL BODY'.split(' '),
);
export const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

export interface PageText {
  text: string;
  nodes: Text[];
  /** Offset of each node's text in `text`. */
  starts: number[];
  /** Offsets in `text` where a heading starts a new section. */
  sectionStarts: number[];
}

export const OWN_HOST_TAG = 'HPA-CARD-HOST';

function skipped(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP_TAGS.has(tag) || tag === OWN_HOST_TAG) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce !== 'false';
}

export function readPageText(root: Node): PageText {
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  const sectionStarts: number[] = [0];
  let length = 0;
  let lastWasBreak = true;
  const breakBlock = () => {
    if (lastWasBreak) return;
    parts.push(BLOCK_BREAK);
    length += 1;
    lastWasBreak = true;
  };

  // Iterative walk so that 2,000-deep pages cannot overflow the stack.
  let node: Node | null = root.nodeType === Node.DOCUMENT_NODE ? (root as Document).body ?? (root as Document).documentElement : root;
  const end = node;
  const leaving: (Element | null)[] = [];
  while (node) {
    let descend = false;
    if (node.nodeType === Node.TEXT_NODE) {
      const t = (node as Text).data;
      if (t.length) {
        nodes.push(node as Text);
        starts.push(length);
        parts.push(t);
        length += t.length;
        if (t.trim()) lastWasBreak = false;
      }
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (!skipped(el)) {
        const tag = el.tagName.toUpperCase();
        if (BLOCK_TAGS.has(tag)) {
          breakBlock();
          if (HEADING_TAGS.has(tag)) sectionStarts.push(length);
        }
        if (el.firstChild) {
          descend = true;
          leaving.push(BLOCK_TAGS.has(tag) ? el : null);
        }
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Next sibling, or climb until there is one.
    while (node && node !== end && !node.nextSibling) {
      node = node.parentNode;
      if (leaving.pop()) breakBlock();
    }
    if (!node || node === end) break;
    node = node.nextSibling;
  }
  return { text: parts.join(''), nodes, starts, sectionStarts };
}

/** Index of the node containing offset `at` (the last node starting at or before it). */
export function nodeIndexAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
