// Reads the page's visible text once: the text nodes in document order, joined into one
// string with block breaks between blocks, and where each node starts in it. Skips what
// a reader does not read as article text (scripts, form fields, editable regions, site
// navigation, the page's footer, cookie and consent banners, dialogs) and our own card.

import { BLOCK_BREAK } from '../engine/chars';
import { BLOCK_TAGS as BLOCK_ELEMENT_TAGS, SKIPPED_TAGS } from '../shared/page-tags';

// tagName is upper case for HTML elements and as written for SVG and MathML ones.
const bothCases = (tags: readonly string[]) => new Set(tags.flatMap((t) => [t.toUpperCase(), t]));
const SKIP_TAGS = bothCases(SKIPPED_TAGS);
const BLOCK_TAGS = bothCases(BLOCK_ELEMENT_TAGS);
export const HEADING_TAGS = bothCases(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

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

/** Whether an element's text is not read (scripts, form fields, editable regions, menus, footers, banners, our card). */
export function isSkipped(el: Element): boolean {
  const flags = TAG_FLAGS.get(el.tagName) ?? 0;
  return (flags & SKIP) !== 0 || (flags & FOOTER && isPageFooter(el)) || (el.hasAttributes() && skippedByAttributes(el));
}

// Landmarks and widgets that hold no article text: menus, the page's footer, dialogs.
const SKIP_ROLES = new Set(['navigation', 'contentinfo', 'dialog', 'alertdialog', 'menu', 'menubar', 'search']);
// Consent platforms put their banner straight into <body>; the id or class names them.
const CONSENT = /cookie|consent|gdpr|onetrust|didomi|cybot|sp_message|qc-cmp|fc-consent|privacy-banner|cmp-/i;

function skippedByAttributes(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  const role = el.getAttribute('role');
  if (role !== null && SKIP_ROLES.has(role)) return true;
  if (el.getAttribute('aria-modal') === 'true') return true;
  return el.parentElement === el.ownerDocument.body && CONSENT.test(`${el.id} ${el.getAttribute('class') ?? ''}`);
}

/** A <footer> outside any article or section is the page's footer (role contentinfo); an article's own footer is read. */
function isPageFooter(el: Element): boolean {
  return !el.parentElement?.closest('article, aside, main, nav, section, [role="main"], [role="article"]');
}

export function readPageText(root: Node): PageText {
  const reader = createTextReader(root);
  reader.step(Infinity);
  return reader.result();
}

/**
 * Where a read may stop before the page's end: at the first block, once `chars` characters are
 * read, that `isPast` says lies beyond what the reader will soon see (checked every few screens
 * of text: each check measures the element).
 */
export interface ReadUntil {
  chars: number;
  isPast(el: Element): boolean;
}

export interface TextReader {
  /**
   * Reads on until done or paused at `until` (true) or until performance.now() passes
   * `deadline` (false). After a pause, step() goes on from where it stopped.
   */
  step(deadline: number, until?: ReadUntil): boolean;
  /** Whether the page was read to its end. */
  readonly done: boolean;
  /** The block element a paused read goes on from (null when done or not paused). */
  readonly pausedAt: Element | null;
  /**
   * The text read so far. The same object each time, grown by each read since: offsets into
   * it stay valid, its arrays are appended to and its text is the whole text read.
   */
  result(): PageText;
}

// A paused read measures a block at most once per this many characters.
const UNTIL_CHECK_CHARS = 4_096;

// One lookup per element: what its tag means to the reader.
const SKIP = 1;
const BLOCK = 2;
const HEADING = 4;
const SLOT = 8;
const LIST = 16; // (on the parents' stack) its children are walked from a list
const SHADOW_HOST = 32; // may have a shadow root: the only elements whose shadowRoot is worth asking
const FOOTER = 64; // skipped when it is the page's footer, not an article's
const TAG_FLAGS = new Map<string, number>();
for (const t of SKIP_TAGS) TAG_FLAGS.set(t, SKIP);
TAG_FLAGS.set(OWN_HOST_TAG, SKIP);
for (const t of BLOCK_TAGS) TAG_FLAGS.set(t, (TAG_FLAGS.get(t) ?? 0) | BLOCK | (HEADING_TAGS.has(t) ? HEADING : 0));
TAG_FLAGS.set('FOOTER', (TAG_FLAGS.get('FOOTER') ?? 0) | FOOTER);
TAG_FLAGS.set('footer', (TAG_FLAGS.get('footer') ?? 0) | FOOTER);
TAG_FLAGS.set('SLOT', SLOT);
TAG_FLAGS.set('slot', SLOT);
// The elements attachShadow() accepts, besides custom elements (whose names have a hyphen).
for (const t of bothCases('article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span'.split(' ')))
  TAG_FLAGS.set(t, (TAG_FLAGS.get(t) ?? 0) | SHADOW_HOST);

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
  // slot for what is assigned to it. The walk follows the DOM's own links; the elements
  // it is inside are kept on arrays (no object per element, and 2,000-deep pages cannot
  // overflow the call stack). A slot's assigned nodes are walked from a list instead.
  const parents: Node[] = [];
  const parentFlags: number[] = [];
  const lists: { nodes: Node[]; i: number }[] = [];
  let pausedAt: Element | null = null;
  let checkedAt = 0;
  let node: Node | null = root.nodeType === Node.DOCUMENT_NODE ? ((root as Document).body ?? (root as Document).documentElement) : root;
  const nextOf = (n: Node): Node | null => {
    if (parents.length === 0) return null; // the root has been read
    if (parentFlags[parentFlags.length - 1]! & LIST) {
      const list = lists[lists.length - 1]!;
      return list.i < list.nodes.length ? list.nodes[list.i++]! : null;
    }
    return n.nextSibling;
  };
  const step = (deadline: number, until?: ReadUntil): boolean => {
    pausedAt = null;
    let budgetCheck = 0;
    for (;;) {
      // Looking at the clock costs: once every 512 nodes.
      if (++budgetCheck === 512) {
        budgetCheck = 0;
        if (performance.now() > deadline) return false;
      }
      if (node === null) {
        // The end of an element's children: leave it.
        if (parents.length === 0) return true;
        const left = parents.pop()!;
        const flags = parentFlags.pop()!;
        if (flags & LIST) lists.pop();
        if (flags & BLOCK) breakBlock();
        node = nextOf(left);
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
        node = nextOf(node);
        continue;
      }
      if (type !== 1) {
        node = nextOf(node);
        continue;
      }
      const el = node as Element;
      const tag = el.tagName;
      let flags = TAG_FLAGS.get(tag) ?? (tag.includes('-') ? SHADOW_HOST : 0);
      // Most elements carry no attribute at all: the cheap test first.
      if (flags & SKIP || (flags & FOOTER && isPageFooter(el)) || (el.hasAttributes() && skippedByAttributes(el))) {
        node = nextOf(node);
        continue;
      }
      if (flags & BLOCK) {
        if (until && length >= until.chars && length - checkedAt >= UNTIL_CHECK_CHARS && el !== root) {
          checkedAt = length;
          if (until.isPast(el)) {
            pausedAt = el; // read from here on the next step()
            return true;
          }
        }
        breakBlock();
        if (flags & HEADING) sectionStarts.push(length);
      }
      const shadow = flags & SHADOW_HOST ? el.shadowRoot : null;
      let first: Node | null;
      if (shadow) {
        shadowRoots.push(shadow);
        first = shadow.firstChild;
      } else if (flags & SLOT) {
        const assigned = (el as HTMLSlotElement).assignedNodes({ flatten: true });
        if (assigned.length) {
          lists.push({ nodes: assigned, i: 1 });
          flags |= LIST;
          first = assigned[0]!;
        } else first = el.firstChild;
      } else first = el.firstChild;
      if (first) {
        parents.push(el);
        parentFlags.push(flags);
        node = first;
      } else {
        if (flags & BLOCK) breakBlock();
        node = nextOf(el);
      }
    }
  };
  const page: PageText = { text: '', nodes, starts, sectionStarts, shadowRoots };
  return {
    step,
    get done() {
      return node === null && parents.length === 0;
    },
    get pausedAt() {
      return pausedAt;
    },
    result() {
      if (page.text.length !== length) page.text = parts.join('');
      return page;
    },
  };
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
