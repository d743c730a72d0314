// Which marks of a page with thousands are near the viewport, so that only those are painted:
// every painted range costs the browser work on every frame (pre-paint), whether seen or not.
// Marks are grouped into runs (consecutive elements of one top-to-bottom flow), each run's band
// is measured after a layout change, and compared with the scroll position; no element is observed.

import type { Mark } from './marks';
import { nodeIndexAt, type PageText } from './text-reader';

/**
 * Marks whose text sits in consecutive elements of one top-to-bottom flow (an article's
 * paragraphs and bullet points): painted together while their band is near the viewport.
 */
export interface Run {
  /** Its elements in document order, each with the marks whose text sits in it. */
  groups: { element: Element; marks: Mark[] }[];
  /** The flow its elements stack in (their parent, or the parent of their list), while it may gather more; null if they do not stack. */
  parent: Element | null;
  painted: boolean;
  /** The layout its band was measured under (0: not yet). */
  measured: number;
  /** Its first element's box, when the run before it measured it under the same layout. */
  starts?: { layout: number; rect: DOMRect };
  /** Its band, in document coordinates: its first element's top to its last's bottom (or the next run's top); NaN while hidden. */
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

/** Grouping marks into runs and measuring their bands gives the page its turn after this long (ms). */
const MEASURE_SLICE_MS = 4;

/**
 * Groups marks into runs, a slice at a time (a 2 MB page has some 20,000 marks: grouping them
 * in one go was a task of 50–100 ms). Marks come sorted by offset, so their text nodes are
 * found walking forward, not searched; marks in the same text node share its element (one DOM
 * lookup per node, not per mark); the state carries over from one slice, or one batch, to the next.
 */
class RunBuilder {
  private queue: Mark[][] = [];
  private at = 0;
  private page: PageText | undefined;
  private node = 0;
  private anchorOf = -1;
  private anchor: Element | null = null;
  // Consecutive elements mostly share their parent: its flow is looked up once for them.
  private flowParent: Element | null | undefined;
  private flow: Element | null = null;
  private run: Run | undefined;
  /** Whether an element's children stack top to bottom in document order (so a run's band is first to last). */
  private readonly stacking = new Map<Element, boolean>();

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly runs: Run[],
  ) {}

  add(marks: Mark[]): void {
    if (marks.length) this.queue.push(marks);
  }

  get done(): boolean {
    return this.queue.length === 0;
  }

  /** Groups queued marks until `deadline` (performance.now()); true when none are left. */
  build(deadline: number): boolean {
    while (this.queue.length) {
      const marks = this.queue[0]!;
      for (; this.at < marks.length; this.at++) {
        if ((this.at & 255) === 255 && performance.now() > deadline) return false;
        this.place(marks[this.at]!);
      }
      this.queue.shift();
      this.at = 0;
    }
    return true;
  }

  private place(m: Mark): void {
    let page = this.page;
    if (m.page !== page || m.match.start < m.page.starts[this.node]!) {
      page = this.page = m.page;
      this.node = nodeIndexAt(page.starts, m.match.start);
      this.anchorOf = -1;
    } else while (this.node + 1 < page.starts.length && page.starts[this.node + 1]! <= m.match.start) this.node++;
    if (this.node !== this.anchorOf) {
      this.anchorOf = this.node;
      this.anchor = page.nodes[this.node]!.parentElement;
    }
    const anchor = this.anchor;
    if (!anchor) return;
    const run = this.run;
    if (run && anchor === lastOf(run)) {
      run.groups[run.groups.length - 1]!.marks.push(m);
      return;
    }
    const parent = anchor.parentElement;
    if (parent !== this.flowParent) [this.flowParent, this.flow] = [parent, this.flowOf(parent)];
    const flow = this.flow;
    if (run && run.groups.length < RUN_ELEMENTS && flow && run.parent === flow && anchor !== firstOf(run)) {
      run.groups.push({ element: anchor, marks: [m] });
      return;
    }
    this.run = { groups: [{ element: anchor, marks: [m] }], parent: flow, painted: false, measured: 0, top: NaN, bottom: NaN };
    this.runs.push(this.run);
  }

  /**
   * The flow an element's children stack in: the element itself, or, for a list or quotation in
   * an article's flow, the article's (so an article's paragraphs and bullet points form one run,
   * not one run per switch between them: fewer bands to measure). Null if they do not stack.
   */
  private flowOf(parent: Element | null): Element | null {
    if (!parent) return null;
    // A list's own layout does not matter (its items may even sit side by side): it is one block
    // of its article's flow, between the paragraphs before and after it. Not asking saves a
    // computed style per list (thousands on a long page).
    const outer = parent.parentElement;
    if (FLOW_INSIDE.has(parent.tagName) && outer && this.stacks(outer)) return outer;
    return this.stacks(parent) ? parent : null;
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
}

/**
 * Which runs are near the viewport, without observing any of their elements: every observed
 * element costs the browser work on every frame whose layout changed (an IntersectionObserver
 * watching a run's two ends on a 2 MB page cost about 40 ms a frame). The runs' bands are
 * measured after each layout change (the page's size, the window's size, an inner scroller)
 * in slices between the page's own tasks, and compared with the scroll position on the
 * frame after a scroll; meanwhile the bands measured before stand.
 */
export class NearViewport {
  private readonly runs: Run[] = [];
  private readonly builder: RunBuilder;
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
    this.builder = new RunBuilder(win, this.runs);
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

  /** New marks: grouped into runs and measured soon, then painted if near. */
  added(marks: Mark[]): void {
    this.builder.add(marks);
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
      if (!this.builder.build(started + MEASURE_SLICE_MS)) {
        setTimeout(slice, 0);
        return;
      }
      const y = this.win.scrollY;
      const layout = this.layout;
      for (; next < this.runs.length; next++) {
        const run = this.runs[next]!;
        if (run.measured === layout) continue;
        this.measureRun(run, this.runs[next + 1], y, layout);
        if (performance.now() - started > MEASURE_SLICE_MS) break;
      }
      if (next < this.runs.length || !this.builder.done) {
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
