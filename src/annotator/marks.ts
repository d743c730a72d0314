// The page's marks: engine matches with lazily built DOM ranges, painted with the CSS
// Custom Highlight API (no change to the page's DOM) and found again by offset for hover.
// On a page with many marks only those near the viewport are painted: every painted
// range costs the browser work on every frame (pre-paint), whether seen or not; which are
// near is worked out from the scroll position, not by observing elements (NearViewport).

import type { Match } from '../engine/engine';
import { highlightName, MARK_KINDS, type MarkKind } from '../shared/mark-kinds';
import { FREQUENT_ENTITY_IDS, type Prefs } from '../shared/prefs';
import { NearViewport, type Run } from './near-viewport';
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

/** Keeps CSS.highlights in step with the marks: all of them, or those near the viewport. */
export class Painter {
  private highlights = new Map<MarkKind, Highlight>();
  private near: NearViewport | undefined;
  private count = 0;
  /** The marks painted all at once, while there are few: handed to a NearViewport if their number grows past EAGER_MARKS. */
  private eager: Mark[] = [];
  private long = false;

  constructor(private readonly win: Window & typeof globalThis) {}

  range(m: Mark): Range {
    m.range ??= rangeFor(m.page, m.match.start, m.match.end);
    return m.range;
  }

  /** Replaces every mark. `long`: the page is long (its first read stopped short of the end): only marks near the viewport are painted, however few. */
  set(marks: Mark[], long = false): void {
    this.clear();
    this.long = long;
    for (const kind of MARK_KINDS) this.highlights.set(kind, new this.win.Highlight());
    this.register();
    this.add(marks);
  }

  /** Adds marks for text added to the page (or read) since. */
  add(marks: Mark[]): void {
    this.count += marks.length;
    if (!this.near && (this.long || this.count > EAGER_MARKS) && 'requestAnimationFrame' in this.win) {
      // From now on only what is near the viewport is painted; those painted already stay so.
      this.near = new NearViewport(this.win, (run, near) => this.paintRun(run, near));
      marks = this.eager.concat(marks);
      this.eager = [];
    }
    if (this.near) this.near.added(marks);
    else
      for (const m of marks) {
        this.eager.push(m);
        this.highlights.get(m.kind)?.add(this.range(m));
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
    this.count = 0;
    this.eager = [];
    // Only our own: after an update the new version's annotator may already hold these names.
    for (const kind of MARK_KINDS)
      if (this.win.CSS.highlights.get(highlightName(kind)) === this.highlights.get(kind))
        this.win.CSS.highlights.delete(highlightName(kind));
    this.highlights.clear();
  }
}
