// The page's marks: engine matches with lazily built DOM ranges, painted with the CSS
// Custom Highlight API (no change to the page's DOM) and found again by offset for hover.
// On a page with many marks only those near the viewport are painted: every painted
// range costs the browser work on every frame (pre-paint), whether seen or not.

import type { Match } from '../engine/engine';
import { highlightName, MARK_KINDS, type MarkKind } from '../shared/mark-kinds';
import { FREQUENT_ENTITY_IDS, type Prefs } from '../shared/prefs';
import { nodeIndexAt, type PageText } from './text-reader';

export interface Mark {
  match: Match;
  kind: MarkKind;
  /** The text the match's offsets refer to: the whole page, or a part added later. */
  page: PageText;
  /** Built on first need: painting near the viewport, hover, keyboard. */
  range?: Range;
}

/** Up to this many marks are all painted at once; beyond it, only those near the viewport. */
export const EAGER_MARKS = 1500;
/** How far beyond the viewport marks are painted ahead of scrolling. */
const NEAR_VIEWPORT = '150% 0px';

export function markKind(m: Match): MarkKind {
  return m.kind === 'role' ? 'person' : m.kind;
}

/** Which matches get a mark under the reader's preferences (kinds, frequent terms, the names they chose not to mark). */
export function selectMarked(matches: Match[], page: PageText, prefs: Prefs): Match[] {
  const seenInSection = new Map<string, number>();
  const ignored = new Set(prefs.ignored.map((n) => n.id));
  let section = 0;
  const out: Match[] = [];
  for (const m of matches) {
    if (!prefs.kinds[markKind(m)] || ignored.has(m.id)) continue;
    while (section + 1 < page.sectionStarts.length && page.sectionStarts[section + 1]! <= m.start) section++;
    if (prefs.frequent === 'first-per-section' && FREQUENT_ENTITY_IDS.has(m.id)) {
      if (seenInSection.get(m.id) === section) continue;
      seenInSection.set(m.id, section);
    }
    out.push(m);
  }
  return out;
}

export function rangeFor(page: PageText, start: number, end: number): Range {
  const a = nodeIndexAt(page.starts, start);
  const b = nodeIndexAt(page.starts, end - 1);
  const range = document.createRange();
  range.setStart(page.nodes[a]!, Math.min(start - page.starts[a]!, page.nodes[a]!.length));
  range.setEnd(page.nodes[b]!, Math.min(end - page.starts[b]!, page.nodes[b]!.length));
  return range;
}

/** The mark at an offset in a segment's text node `i`, by binary search over marks sorted by start. */
export function markAt(marks: Mark[], page: PageText, i: number, offset: number): Mark | undefined {
  const at = page.starts[i]! + offset;
  let lo = 0;
  let hi = marks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = marks[mid]!.match;
    if (at < m.start) hi = mid - 1;
    else if (at >= m.end) lo = mid + 1;
    else return marks[mid];
  }
  return undefined;
}

/**
 * Marks whose text sits in consecutive sibling elements of one top-to-bottom flow (the
 * paragraphs of an article): painted together while their band is near the viewport,
 * watched through their first and last elements only. Every observed element costs the
 * browser work on every frame.
 */
interface Run {
  /** Its elements in document order, each with the marks whose text sits in it. */
  groups: { element: Element; marks: Mark[] }[];
  /** The elements' parent, while they may gather more siblings; null for a run of one element on its own. */
  parent: Element | null;
  painted: boolean;
}

const firstOf = (run: Run): Element => run.groups[0]!.element;
const lastOf = (run: Run): Element => run.groups[run.groups.length - 1]!.element;

/** At most this many sibling elements per run. */
const RUN_ELEMENTS = 16;
/**
 * A run whose band is taller than this many viewports is watched element by element
 * instead: a reader who jumps into the middle of a band taller than the near area (four
 * viewports) would cross neither of its ends, and its observer would not be told. Half
 * of that leaves room for a page that grows taller after the first look (images).
 */
const TALLEST_RUN = 2;
/** NEAR_VIEWPORT as multiples of the viewport's height, for a run's band. */
const NEAR_ABOVE = 1.5;
const NEAR_BELOW = 2.5;

/** Keeps CSS.highlights in step with the marks: all of them, or those near the viewport. */
export class Painter {
  private highlights = new Map<MarkKind, Highlight>();
  private observer: IntersectionObserver | undefined;
  private runsOf = new Map<Element, Run[]>();
  /** Whether an element's children stack top to bottom in document order (so a run's band is first to last). */
  private stacking = new Map<Element, boolean>();
  private count = 0;

  constructor(private readonly win: Window & typeof globalThis) {}

  range(m: Mark): Range {
    m.range ??= rangeFor(m.page, m.match.start, m.match.end);
    return m.range;
  }

  /** Replaces every mark. */
  set(marks: Mark[]): void {
    this.clear();
    for (const kind of MARK_KINDS) this.highlights.set(kind, new this.win.Highlight());
    this.register();
    if (marks.length > EAGER_MARKS && 'IntersectionObserver' in this.win)
      this.observer = new this.win.IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: NEAR_VIEWPORT });
    this.add(marks);
  }

  /** Adds marks for text added to the page since. */
  add(marks: Mark[]): void {
    this.count += marks.length;
    if (!this.observer) {
      for (const m of marks) this.highlights.get(m.kind)?.add(this.range(m));
      return;
    }
    // Marks come sorted by offset, so their text nodes are found walking forward, not searched.
    let page: PageText | undefined;
    let node = 0;
    let run: Run | undefined;
    for (const m of marks) {
      if (m.page !== page || m.match.start < m.page.starts[node]!) {
        page = m.page;
        node = nodeIndexAt(page.starts, m.match.start);
      } else while (node + 1 < page.starts.length && page.starts[node + 1]! <= m.match.start) node++;
      const anchor = page.nodes[node]!.parentElement;
      if (!anchor) continue;
      if (run && anchor === lastOf(run)) {
        run.groups[run.groups.length - 1]!.marks.push(m);
        continue;
      }
      const parent = anchor.parentElement;
      if (run && run.groups.length < RUN_ELEMENTS && parent && run.parent === parent && anchor !== firstOf(run) && this.stacks(parent)) {
        run.groups.push({ element: anchor, marks: [m] });
        continue;
      }
      if (run) this.watch(run);
      run = { groups: [{ element: anchor, marks: [m] }], parent, painted: false };
    }
    if (run) this.watch(run);
  }

  private stacks(el: Element): boolean {
    let known = this.stacking.get(el);
    if (known === undefined) {
      const style = this.win.getComputedStyle(el);
      known =
        ['block', 'flow-root', 'list-item'].includes(style.display) &&
        style.columnCount === 'auto' &&
        style.writingMode.startsWith('horizontal');
      this.stacking.set(el, known);
    }
    return known;
  }

  private watch(run: Run): void {
    for (const el of new Set([firstOf(run), lastOf(run)])) {
      const runs = this.runsOf.get(el);
      if (runs) runs.push(run);
      else {
        this.runsOf.set(el, [run]);
        this.observer!.observe(el);
      }
    }
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    const height = this.win.innerHeight;
    // A run's first and last elements are told together when first watched: their boxes come with the entries.
    const boxes = new Map<Element, DOMRectReadOnly>();
    for (const e of entries) boxes.set(e.target, e.boundingClientRect);
    const seen = new Set<Run>();
    for (const e of entries)
      for (const run of [...(this.runsOf.get(e.target) ?? [])]) {
        if (seen.has(run)) continue;
        seen.add(run);
        let near = e.isIntersecting;
        if (run.groups.length > 1) {
          // The band from the first's top to the last's bottom (layout is fresh while observers are told).
          const first = firstOf(run);
          const last = lastOf(run);
          const top = (boxes.get(first) ?? first.getBoundingClientRect()).top;
          const bottom = (boxes.get(last) ?? last.getBoundingClientRect()).bottom;
          if (bottom - top > TALLEST_RUN * height) {
            this.split(run);
            continue;
          }
          near = bottom > -NEAR_ABOVE * height && top < NEAR_BELOW * height;
        }
        this.paintRun(run, near);
      }
  }

  private paintRun(run: Run, near: boolean): void {
    if (near === run.painted) return;
    run.painted = near;
    for (const g of run.groups)
      for (const m of g.marks) {
        const h = this.highlights.get(m.kind)!;
        if (near) h.add(this.range(m));
        else if (m.range) h.delete(m.range);
      }
  }

  /** A run too tall to watch by its ends: each of its elements is watched on its own. */
  private split(run: Run): void {
    this.paintRun(run, false);
    for (const el of new Set([firstOf(run), lastOf(run)])) {
      const runs = this.runsOf.get(el);
      if (!runs) continue;
      const i = runs.indexOf(run);
      if (i >= 0) runs.splice(i, 1);
      if (!runs.length) {
        this.runsOf.delete(el);
        this.observer?.unobserve(el);
      }
    }
    for (const g of run.groups) {
      const single: Run = { groups: [g], parent: null, painted: false };
      const runs = this.runsOf.get(g.element);
      if (runs) runs.push(single);
      else this.runsOf.set(g.element, [single]);
      // Watched afresh, so that the observer tells its state now (it does on a first observe).
      this.observer?.unobserve(g.element);
      this.observer?.observe(g.element);
    }
  }

  /** Makes sure a mark is painted now (keyboard stepping, reveal), whatever the viewport. */
  paintNow(m: Mark): void {
    this.highlights.get(m.kind)?.add(this.range(m));
  }

  private register(): void {
    for (const kind of MARK_KINDS) this.win.CSS.highlights.set(highlightName(kind), this.highlights.get(kind)!);
  }

  /** The page may clear CSS.highlights: put ours back. */
  repaintIfCleared(): void {
    if (!this.count) return;
    if (MARK_KINDS.some((k) => this.win.CSS.highlights.get(highlightName(k)) !== this.highlights.get(k))) this.register();
  }

  clear(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.runsOf.clear();
    this.stacking.clear();
    this.count = 0;
    // Only our own: after an update the new version's annotator may already hold these names.
    for (const kind of MARK_KINDS)
      if (this.win.CSS.highlights.get(highlightName(kind)) === this.highlights.get(kind))
        this.win.CSS.highlights.delete(highlightName(kind));
    this.highlights.clear();
  }
}
