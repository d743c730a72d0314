// What the page-side tests need beyond happy-dom: the CSS Custom Highlight API, caret hit-testing
// and layout boxes (happy-dom has none of them), and a PageMatcher that finds given names.

import type { Match } from '../../src/engine/engine';
import type { MatchContext, PageMatcher } from '../../src/annotator/page-matcher';

/** The Highlight registry as browsers have it: CSS.highlights maps names to sets of ranges. */
export function installHighlights(): void {
  const w = window as unknown as { Highlight?: unknown; CSS?: { highlights?: Map<string, unknown> } };
  w.Highlight ??= class Highlight extends Set<Range> {};
  (globalThis as { Highlight?: unknown }).Highlight = w.Highlight;
  // happy-dom's CSS object has no highlights registry: give the window one that stays.
  if (!w.CSS?.highlights) Object.defineProperty(window, 'CSS', { value: { highlights: new Map() }, configurable: true });
}

/** Every text node gets one box per character, 10 px wide, in one line at y 0–20: enough layout to hit-test by. */
export function installLayout(doc: Document): void {
  const boxOf = (node: Node, offset: number): DOMRect => {
    const x = xOf(node) + offset * 10;
    return { left: x, right: x + 10, top: 0, bottom: 20, x, y: 0, width: 10, height: 20, toJSON: () => ({}) };
  };
  const xOf = (node: Node): number => {
    let x = 0;
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && n !== node; n = walker.nextNode()) x += (n.textContent?.length ?? 0) * 10;
    return x;
  };
  Range.prototype.getClientRects = function (this: Range) {
    const rects: DOMRect[] = [];
    if (this.startContainer === this.endContainer)
      for (let o = this.startOffset; o < this.endOffset; o++) rects.push(boxOf(this.startContainer, o));
    return rects as unknown as DOMRectList;
  };
  (doc as unknown as { caretPositionFromPoint: unknown }).caretPositionFromPoint = (x: number) => {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    let left = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const length = n.textContent?.length ?? 0;
      if (x < left + length * 10) return { offsetNode: n, offset: Math.round((x - left) / 10) };
      left += length * 10;
    }
    return null;
  };
}

export interface MatcherCall {
  kind: 'page' | 'added';
  text: string;
  context: MatchContext;
  known?: ReadonlySet<string>;
  /** A page's text read on: the matches before it were had already. */
  from?: number;
}

/** A PageMatcher that finds each given name (as its own id, kind body) wherever it is written. */
export class NameMatcher implements PageMatcher {
  readonly calls: MatcherCall[] = [];
  disposed = 0;
  /** When set, matchAdded waits for this before answering (matches arriving late). */
  gate: Promise<void> | undefined;

  constructor(readonly names: string[]) {}

  find(text: string): Match[] {
    const out: Match[] = [];
    for (const name of this.names)
      for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
        out.push({ start: i, end: i + name.length, text: name, id: name.toLowerCase().replace(/\s+/g, '-'), name, kind: 'body' });
    return out.sort((a, b) => a.start - b.start);
  }

  async matchPage(text: string, context: MatchContext, turn: () => Promise<boolean>, from = 0): Promise<Match[] | null> {
    this.calls.push({ kind: 'page', text, context, ...(from ? { from } : {}) });
    if (!(await turn())) return null;
    return this.find(text).filter((m) => m.start >= from);
  }

  async matchAdded(text: string, context: MatchContext, known: ReadonlySet<string>): Promise<Match[]> {
    this.calls.push({ kind: 'added', text, context, known });
    await this.gate;
    return this.find(text);
  }

  dispose(): void {
    this.disposed++;
  }

  // Its matches name no roles and no classes.
  roleName(): string | undefined {
    return undefined;
  }

  classLabel(): string | undefined {
    return undefined;
  }
}

/** A promise and its resolve, to hold an answer back until a test lets it go. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending promise callbacks run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
