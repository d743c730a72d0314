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
  /** Open shadow roots the text was read from: marks inside them need our styles there. */
  shadowRoots: ShadowRoot[];
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
  const shadowRoots: ShadowRoot[] = [];
  let length = 0;
  let lastWasBreak = true;
  const breakBlock = () => {
    if (lastWasBreak) return;
    parts.push(BLOCK_BREAK);
    length += 1;
    lastWasBreak = true;
  };

  // The flat tree, as rendered: an open shadow root stands for its host's children and a
  // slot for what is assigned to it. An explicit stack, so 2,000-deep pages cannot
  // overflow the call stack.
  interface Frame {
    list: ArrayLike<Node>;
    i: number;
    block: boolean;
  }
  const start: Node = root.nodeType === Node.DOCUMENT_NODE ? ((root as Document).body ?? (root as Document).documentElement) : root;
  const stack: Frame[] = [{ list: [start], i: 0, block: false }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.list.length) {
      stack.pop();
      if (top.block) breakBlock();
      continue;
    }
    const node = top.list[top.i++]!;
    if (node.nodeType === Node.TEXT_NODE) {
      const t = (node as Text).data;
      if (t.length) {
        nodes.push(node as Text);
        starts.push(length);
        parts.push(t);
        length += t.length;
        if (lastWasBreak && t.trim()) lastWasBreak = false;
      }
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    if (skipped(el)) continue;
    const tag = el.tagName.toUpperCase();
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      breakBlock();
      if (HEADING_TAGS.has(tag)) sectionStarts.push(length);
    }
    let children: ArrayLike<Node> = el.childNodes;
    if (el.shadowRoot) {
      shadowRoots.push(el.shadowRoot);
      children = el.shadowRoot.childNodes;
    } else if (tag === 'SLOT') {
      const assigned = (el as HTMLSlotElement).assignedNodes({ flatten: true });
      if (assigned.length) children = assigned;
    }
    if (children.length) stack.push({ list: children, i: 0, block });
    else if (block) breakBlock();
  }
  return { text: parts.join(''), nodes, starts, sectionStarts, shadowRoots };
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
