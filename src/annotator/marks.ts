// The page's marks: engine matches with lazily built DOM ranges, painted with the CSS
// Custom Highlight API (no change to the page's DOM) and found again by offset for hover.
// On a page with many marks only those near the viewport are painted: every painted
// range costs the browser work on every frame (pre-paint), whether seen or not; which are
// near is worked out from the scroll position, not by observing elements (NearViewport).

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
 * paragraphs of an article): painted together while their band is near the viewport.
 */
interface Run {
  /** Its elements in document order, each with the marks whose text sits in it. */
  groups: { element: Element; marks: Mark[] }[];
  /** The flow its elements stack in (their parent, or the parent of their list), while it may gather more; null if they do not stack. */
  parent: Element | null;
  painted: boolean;
  /** The band from the first element's top to the last's bottom, in document coordinates; NaN while hidden. */
  measured: number;
  /** Its first element's box, when the run before it measured it under the same layout. */
  starts?: { layout: number; rect: DOMRect };
  top: number;
  bottom: number;
}

const firstOf = (run: Run): Element => run.groups[0]!.element;
const lastOf = (run: Run): Element => run.groups[run.groups.length - 1]!.element;

/** Block containers that go on their parent's flow (an article's bullet points). */
const FLOW_INSIDE = new Set(['UL', 'OL', 'DL', 'BLOCKQUOTE']);

/** At most this many elements per run. */
const RUN_ELEMENTS = 16;
/** The area painted ahead of scrolling, as multiples of the viewport's height above and below its top. */
const NEAR_ABOVE = 1.5;
const NEAR_BELOW = 2.5;

/** Measuring the runs' bands gives the page its turn after this long (ms). */
const MEASURE_SLICE_MS = 4;

/**
 * Which runs are near the viewport, without observing any of their elements: every observed
 * element costs the browser work on every frame whose layout changed (an IntersectionObserver
 * watching a run's two ends on a 2 MB page cost about 40 ms a frame). The runs' bands are
 * measured after each layout change (the page's size, the window's size, an inner scroller)
 * in slices between the page's own tasks, and compared with the scroll position on the
 * frame after a scroll; meanwhile the bands measured before stand.
 */
class NearViewport {
  readonly runs: Run[] = [];
  /** Bumped by a layout change: bands measured before it are measured again. */
  private layout = 1;
  private frame = 0;
  private measuring = false;
  private readonly abort = new AbortController();
  private readonly resize: ResizeObserver | undefined;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly paint: (run: Run, near: boolean) => void,
  ) {
    const { signal } = this.abort;
    const relayout = () => {
      this.layout++;
      this.measure();
    };
    // The document's own scroll moves every band alike; an inner scroller's moves some of them.
    const onScroll = (e: Event) => {
      if (e.target !== win.document) relayout();
      else this.schedule();
    };
    win.addEventListener('scroll', onScroll, { capture: true, passive: true, signal });
    win.addEventListener('resize', relayout, { passive: true, signal });
    if ('ResizeObserver' in win) {
      // observe() reports the size it starts with: only a size other than the one the bands were
      // measured at is a layout change (re-measuring a 2 MB page's bands costs tens of ms).
      const observed = win.document.body ?? win.document.documentElement;
      const start = observed.getBoundingClientRect();
      let size = { width: start.width, height: start.height };
      this.resize = new win.ResizeObserver((entries) => {
        const box = entries[entries.length - 1]?.borderBoxSize?.[0];
        const now = box ? { width: box.inlineSize, height: box.blockSize } : undefined;
        if (now && Math.abs(now.width - size.width) < 0.5 && Math.abs(now.height - size.height) < 0.5) return;
        if (now) size = now;
        relayout();
      });
      this.resize.observe(observed);
    }
  }

  /** New runs: measured soon. */
  added(): void {
    this.measure();
  }

  stop(): void {
    this.abort.abort();
    this.resize?.disconnect();
    if (this.frame) this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Paints on the next frame what is near the viewport then. */
  private schedule(): void {
    if (this.frame || this.abort.signal.aborted) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      const y = this.win.scrollY;
      const height = this.win.innerHeight;
      const above = y - NEAR_ABOVE * height;
      const below = y + NEAR_BELOW * height;
      for (const run of this.runs) if (run.measured) this.paint(run, run.bottom > above && run.top < below);
    });
  }

  /**
   * Measures the bands not measured since the last layout change, a slice at a time, and paints
   * once the pass is done: every change of the highlights costs the page a whole frame's
   * pre-paint (about 20 ms on a 2 MB page), and a sidebar's runs come last in document order
   * though they sit at the top of the window. Scrolling meanwhile paints from the bands already known.
   */
  private measure(): void {
    if (this.measuring || this.abort.signal.aborted) return;
    this.measuring = true;
    let next = 0;
    const slice = () => {
      if (this.abort.signal.aborted) return;
      const started = performance.now();
      const y = this.win.scrollY;
      const layout = this.layout;
      for (; next < this.runs.length; next++) {
        const run = this.runs[next]!;
        if (run.measured === layout) continue;
        this.measureRun(run, this.runs[next + 1], y, layout);
        if (performance.now() - started > MEASURE_SLICE_MS) break;
      }
      if (next < this.runs.length) {
        setTimeout(slice, 0);
        return;
      }
      this.measuring = false;
      this.schedule();
      // The layout changed while measuring: measure again what was measured before the change.
      if (this.runs.some((r) => r.measured !== this.layout)) this.measure();
    };
    slice();
  }

  /**
   * A run's band: from its first element's top to its last element's bottom, or, when the next
   * run goes on in the same parent, to where that run starts (one measurement per run, not two).
   */
  private measureRun(run: Run, next: Run | undefined, y: number, layout: number): void {
    const a = run.starts?.layout === layout ? run.starts.rect : firstOf(run).getBoundingClientRect();
    run.measured = layout;
    if (!a.width && !a.height) {
      run.top = run.bottom = NaN; // hidden (display: none, or in a closed <details>)
      return;
    }
    let bottom: number;
    if (next && next.parent && next.parent === run.parent) {
      const b = firstOf(next).getBoundingClientRect();
      next.starts = { layout, rect: b };
      bottom = b.width || b.height ? Math.max(a.bottom, b.top) : lastOf(run).getBoundingClientRect().bottom;
    } else bottom = run.groups.length > 1 ? Math.max(a.bottom, lastOf(run).getBoundingClientRect().bottom) : a.bottom;
    run.top = a.top + y;
    run.bottom = bottom + y;
  }
}

/** Keeps CSS.highlights in step with the marks: all of them, or those near the viewport. */
export class Painter {
  private highlights = new Map<MarkKind, Highlight>();
  private near: NearViewport | undefined;
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
    if (marks.length > EAGER_MARKS && 'requestAnimationFrame' in this.win)
      this.near = new NearViewport(this.win, (run, near) => this.paintRun(run, near));
    this.add(marks);
  }

  /** Adds marks for text added to the page since. */
  add(marks: Mark[]): void {
    this.count += marks.length;
    const near = this.near;
    if (!near) {
      for (const m of marks) this.highlights.get(m.kind)?.add(this.range(m));
      return;
    }
    // Marks come sorted by offset, so their text nodes are found walking forward, not searched;
    // marks in the same text node share its element (one DOM lookup per node, not per mark).
    let page: PageText | undefined;
    let node = 0;
    let anchorOf = -1;
    let anchor: Element | null = null;
    // Consecutive elements mostly share their parent: its flow is looked up once for them.
    let flowParent: Element | null | undefined;
    let flow: Element | null = null;
    let run: Run | undefined;
    for (const m of marks) {
      if (m.page !== page || m.match.start < m.page.starts[node]!) {
        page = m.page;
        node = nodeIndexAt(page.starts, m.match.start);
        anchorOf = -1;
      } else while (node + 1 < page.starts.length && page.starts[node + 1]! <= m.match.start) node++;
      if (node !== anchorOf) {
        anchorOf = node;
        anchor = page.nodes[node]!.parentElement;
      }
      if (!anchor) continue;
      if (run && anchor === lastOf(run)) {
        run.groups[run.groups.length - 1]!.marks.push(m);
        continue;
      }
      const parent = anchor.parentElement;
      if (parent !== flowParent) [flowParent, flow] = [parent, this.flowOf(parent)];
      if (run && run.groups.length < RUN_ELEMENTS && flow && run.parent === flow && anchor !== firstOf(run)) {
        run.groups.push({ element: anchor, marks: [m] });
        continue;
      }
      run = { groups: [{ element: anchor, marks: [m] }], parent: flow, painted: false, measured: 0, top: NaN, bottom: NaN };
      near.runs.push(run);
    }
    near.added();
  }

  /**
   * The flow an element's children stack in: the element itself, or, for a list or quotation in
   * an article's flow, the article's (so an article's paragraphs and bullet points form one run,
   * not one run per switch between them: fewer bands to measure). Null if they do not stack.
   */
  private flowOf(parent: Element | null): Element | null {
    if (!parent || !this.stacks(parent)) return null;
    const outer = parent.parentElement;
    return FLOW_INSIDE.has(parent.tagName) && outer && this.stacks(outer) ? outer : parent;
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
    this.near?.stop();
    this.near = undefined;
    this.stacking.clear();
    this.count = 0;
    // Only our own: after an update the new version's annotator may already hold these names.
    for (const kind of MARK_KINDS)
      if (this.win.CSS.highlights.get(highlightName(kind)) === this.highlights.get(kind))
        this.win.CSS.highlights.delete(highlightName(kind));
    this.highlights.clear();
  }
}
