// Reads the page's visible text once: the text nodes in document order, joined into one
// string with block breaks between blocks, and where each node starts in it. Skips what
// a reader does not read as article text (scripts, form fields, editable regions) and
// our own card.

import { BLOCK_BREAK } from '../engine/chars';

// tagName is upper case for HTML elements and as written for SVG and MathML ones.
const withLower = (tags: string) => new Set(tags.split(' ').flatMap((t) => [t, t.toLowerCase()]));
const SKIP_TAGS = withLower('SCRIPT STYLE NOSCRIPT TEMPLATE TEXTAREA INPUT SELECT OPTION BUTTON SVG MATH IFRAME OBJECT CANVAS VIDEO AUDIO HEAD TITLE');
const BLOCK_TAGS = withLower(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL BODY',
);
export const HEADING_TAGS = withLower('H1 H2 H3 H4 H5 H6');

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

/** Whether an element's text is not read (scripts, form fields, editable regions, our card). */
export function isSkipped(el: Element): boolean {
  return skipped(el, el.tagName);
}

function skipped(el: Element, tag: string): boolean {
  if (SKIP_TAGS.has(tag) || tag === OWN_HOST_TAG) return true;
  // Most elements carry no attribute at all: the cheap test first.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce !== 'false';
}

export function readPageText(root: Node): PageText {
  const reader = createTextReader(root);
  reader.step(Infinity);
  return reader.result();
}

export interface TextReader {
  /** Reads on until done (true) or until performance.now() passes `deadline` (false). */
  step(deadline: number): boolean;
  /** The text read, once step() returned true. */
  result(): PageText;
}

/** The page's text read in pieces, so a long page can give the page a turn between them. */
export function createTextReader(root: Node): TextReader {
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
    /** The next sibling to visit, or, for slotted content, the assigned nodes by index. */
    next: Node | null;
    list?: Node[];
    i: number;
    block: boolean;
  }
  const start: Node = root.nodeType === Node.DOCUMENT_NODE ? ((root as Document).body ?? (root as Document).documentElement) : root;
  const stack: Frame[] = [{ next: null, list: [start], i: 0, block: false }];
  const step = (deadline: number): boolean => {
    let budgetCheck = 0;
    while (stack.length) {
      // Looking at the clock costs: once every 512 nodes.
      if (++budgetCheck === 512) {
        budgetCheck = 0;
        if (performance.now() > deadline) return false;
      }
      const top = stack[stack.length - 1]!;
      let node: Node | null;
      if (top.list) node = top.i < top.list.length ? top.list[top.i++]! : null;
      else {
        node = top.next;
        if (node) top.next = node.nextSibling;
      }
      if (!node) {
        stack.pop();
        if (top.block) breakBlock();
        continue;
      }
      const type = node.nodeType;
      if (type === 3) {
        const t = (node as Text).data;
        if (t.length) {
          nodes.push(node as Text);
          starts.push(length);
          parts.push(t);
          length += t.length;
          if (lastWasBreak && /\S/.test(t)) lastWasBreak = false;
        }
        continue;
      }
      if (type !== 1) continue;
      const el = node as Element;
      const tag = el.tagName;
      if (skipped(el, tag)) continue;
      const block = BLOCK_TAGS.has(tag);
      if (block) {
        breakBlock();
        if (HEADING_TAGS.has(tag)) sectionStarts.push(length);
      }
      const shadow = el.shadowRoot;
      if (shadow) {
        shadowRoots.push(shadow);
        stack.push({ next: shadow.firstChild, i: 0, block });
      } else if (tag === 'SLOT' || tag === 'slot') {
        const assigned = (el as HTMLSlotElement).assignedNodes({ flatten: true });
        stack.push(assigned.length ? { next: null, list: assigned, i: 0, block } : { next: el.firstChild, i: 0, block });
      } else if (el.firstChild) stack.push({ next: el.firstChild, i: 0, block });
      else if (block) breakBlock();
    }
    return true;
  };
  return { step, result: () => ({ text: parts.join(''), nodes, starts, sectionStarts, shadowRoots }) };
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
