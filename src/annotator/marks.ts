// The page's marks: engine matches turned into DOM ranges, painted with the CSS Custom
// Highlight API (no change to the page's DOM), and found again by offset for hover.

import type { Match } from '../engine/engine';
import { FREQUENT_ENTITY_IDS, type MarkKind, type Prefs } from '../shared/prefs';
import { nodeIndexAt, type PageText } from './text-reader';

export interface Mark {
  match: Match;
  range: Range;
  kind: MarkKind;
}

export const HIGHLIGHT_NAMES: Record<MarkKind, string> = { person: 'hpa-person', body: 'hpa-body', term: 'hpa-term' };

export function markKind(m: Match): MarkKind {
  return m.kind === 'role' ? 'person' : m.kind;
}

/** Which matches get a mark under the reader's preferences. */
export function selectMarked(matches: Match[], page: PageText, prefs: Prefs): Match[] {
  const seenInSection = new Map<string, number>();
  let section = 0;
  const out: Match[] = [];
  for (const m of matches) {
    if (!prefs.kinds[markKind(m)]) continue;
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
  range.setStart(page.nodes[a]!, start - page.starts[a]!);
  range.setEnd(page.nodes[b]!, end - page.starts[b]!);
  return range;
}

export function paint(marks: Mark[]): void {
  const registry = CSS.highlights;
  for (const kind of Object.keys(HIGHLIGHT_NAMES) as MarkKind[]) {
    const ranges = marks.filter((m) => m.kind === kind).map((m) => m.range);
    if (ranges.length) registry.set(HIGHLIGHT_NAMES[kind], new Highlight(...ranges));
    else registry.delete(HIGHLIGHT_NAMES[kind]);
  }
}

export function unpaint(): void {
  for (const name of Object.values(HIGHLIGHT_NAMES)) CSS.highlights.delete(name);
}

/** The mark under a point in a text node, by binary search over marks sorted by start. */
export function markAt(marks: Mark[], page: PageText, nodeIndex: Map<Text, number>, node: Node, offset: number): Mark | undefined {
  const i = nodeIndex.get(node as Text);
  if (i === undefined) return undefined;
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
