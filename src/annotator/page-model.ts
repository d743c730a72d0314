// The page's text as the annotator knows it: the text read in full, then each part added
// since (a live blog's new entries), each with its matches and marks; which segment a text
// node belongs to (for hit-testing); and the ids the page has named (what added text may
// refer back to). Text added later is matched through the PageMatcher, one batch at a time.

import type { Match } from '../engine/engine';
import { LOG_PREFIX } from '../shared/product';
import type { Prefs } from '../shared/prefs';
import { markAt, markKind, selectMarked, type Mark, type Painter } from './marks';
import type { MatchContext, PageMatcher } from './page-matcher';
import { isSkipped, readPageText, type PageText } from './text-reader';

export interface Segment {
  page: PageText;
  matches: Match[];
  marks: Mark[];
}

export interface PageModelParts {
  painter: Painter;
  prefs: () => Prefs;
  /** Shadow roots that text with marks was read from: they need our mark styles inside. */
  styleRoots: (roots: ShadowRoot[]) => void;
}

export class PageModel {
  private segments: Segment[] = [];
  /** Which segment a text node is in: built on first need (a hover), not while the page is first marked. */
  private nodeIndex: Map<Text, { segment: Segment; i: number }> | undefined;
  private named = new Set<string>();
  private context: MatchContext = { date: null, lang: null };
  /** The last extend(), for its paint(). */
  private extended: { generation: number; page: PageText } | undefined;
  /** The page is long (its first read stopped short of the end): only marks near the viewport are painted, then and after reading on. */
  private partly = false;
  /** Every mark, in segment order (keyboard stepping). */
  marks: Mark[] = [];
  /** Counts replace() and clear(): a live update read before either is stale when its matches arrive. */
  private generation = 0;
  /** Live updates are matched one batch at a time, so each sees the names the ones before it added. */
  private adding: Promise<void> = Promise.resolve();

  constructor(private readonly parts: PageModelParts) {}

  /** The article's date the matches were made at (the card's date too). */
  get date(): string | null {
    return this.context.date;
  }

  get isEmpty(): boolean {
    return this.segments.length === 0;
  }

  /** Every match on the page, learned and class ones included. */
  allMatches(): Match[] {
    return this.segments.flatMap((s) => s.matches);
  }

  /** The page read in full, or (`partly`) a long page's first stretch: replaces everything; repaint() paints. */
  replace(page: PageText, matches: Match[], context: MatchContext, partly = false): void {
    this.generation++;
    this.context = context;
    this.partly = partly;
    this.segments = [{ page, matches, marks: [] }];
    this.named = new Set(matches.map((m) => m.id));
    this.nodeIndex = undefined;
  }

  /**
   * The page's read went on (a long page, as the reader scrolls): `page` is the text read in full
   * so far, grown in place, and `matches` those from where it had stopped on. Marks them; the
   * marks made before stand. Returns the new marks, for paint() (a slice of its own on a long page).
   */
  extend(page: PageText, matches: Match[]): Mark[] {
    const segment = this.segments[0];
    if (segment?.page !== page || !matches.length) return [];
    const generation = this.generation;
    segment.matches = segment.matches.concat(matches);
    for (const m of matches) this.named.add(m.id);
    // Which are marked is decided along the text (first mention in a section): the new ones in the light of the old.
    const before = segment.marks.length;
    const selected = selectMarked(segment.matches, page, this.parts.prefs());
    if (selected.length < before || selected[before - 1] !== segment.marks[before - 1]?.match) {
      this.repaint();
      return [];
    }
    const added = selected.slice(before).map((match): Mark => ({ match, kind: markKind(match), page }));
    segment.marks = segment.marks.concat(added);
    this.nodeIndex = undefined; // the page's nodes grew: indexed again on the next hover
    this.marks = this.segments.flatMap((s) => s.marks);
    this.extended = { generation, page };
    return added;
  }

  /** Paints marks extend() returned, unless the page was read afresh or cleared since. */
  paint(marks: Mark[]): void {
    if (!marks.length || this.extended?.generation !== this.generation) return;
    this.parts.painter.add(marks);
    this.parts.styleRoots(this.extended.page.shadowRoots);
  }

  /** Marks every segment again under the current prefs and repaints them all. */
  repaint(): void {
    if (!this.segments.length) return;
    this.marks = this.segments.flatMap((s) => this.marksOf(s));
    this.parts.painter.set(this.marks, this.partly);
    for (const s of this.segments) this.parts.styleRoots(s.page.shadowRoots);
  }

  clear(): void {
    this.generation++;
    this.parts.painter.clear();
    this.marks = [];
    this.segments = [];
    this.nodeIndex = undefined;
    this.named.clear();
  }

  /** The mark at a caret position (a text node and an offset in it), if that node was read. */
  markAtCaret(node: Node, offset: number): Mark | undefined {
    const at = this.nodes().get(node as Text);
    return at && markAt(at.segment.marks, at.segment.page, at.i, offset);
  }

  /**
   * Text added to the page (a live blog's new entry) is read now and matched alone, with the
   * names the page already gave in full; the rest of the page is not read again. Resolves
   * when this batch is marked (or dropped as stale).
   */
  addText(nodes: Node[], matcher: PageMatcher): Promise<void> {
    const generation = this.generation;
    const pages: PageText[] = [];
    for (const node of nodes) {
      if (!node.isConnected || insideSkipped(node)) continue;
      const page = readPageText(node);
      if (page.nodes.length) pages.push(page);
    }
    if (!pages.length) return this.adding;
    this.adding = this.adding
      .then(() => this.matchAdded(pages, matcher, generation))
      .catch((e) => console.warn(LOG_PREFIX, 'added text could not be matched', e));
    return this.adding;
  }

  private async matchAdded(pages: PageText[], matcher: PageMatcher, generation: number): Promise<void> {
    const added: Mark[] = [];
    for (const page of pages) {
      if (!this.isNew(page, generation)) continue;
      const matches = await matcher.matchAdded(page.text, this.context, new Set(this.named));
      // Meanwhile the page may have been read again or annotation switched off (both replace the
      // model), the text removed (a rescan follows), or another batch may have taken these nodes.
      if (!this.isNew(page, generation) || !page.nodes.every((n) => n.isConnected)) continue;
      const segment: Segment = { page, matches, marks: [] };
      for (const m of matches) this.named.add(m.id);
      this.segments.push(segment);
      if (this.nodeIndex) this.index(this.nodeIndex, segment);
      added.push(...this.marksOf(segment));
      this.parts.styleRoots(page.shadowRoots);
    }
    if (!added.length) return;
    this.marks.push(...added);
    this.parts.painter.add(added);
  }

  private isNew(page: PageText, generation: number): boolean {
    return generation === this.generation && this.segments.length > 0 && !page.nodes.some((n) => this.nodes().has(n));
  }

  private nodes(): Map<Text, { segment: Segment; i: number }> {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map();
      for (const s of this.segments) this.index(this.nodeIndex, s);
    }
    return this.nodeIndex;
  }

  private index(map: Map<Text, { segment: Segment; i: number }>, segment: Segment): void {
    segment.page.nodes.forEach((n, i) => map.set(n, { segment, i }));
  }

  private marksOf(segment: Segment): Mark[] {
    const page = segment.page;
    segment.marks = selectMarked(segment.matches, page, this.parts.prefs()).map((match) => ({ match, kind: markKind(match), page }));
    return segment.marks;
  }
}

/** Whether a node sits where text is not read (a form field, an editable region, our card). */
function insideSkipped(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) if (isSkipped(el)) return true;
  return false;
}
