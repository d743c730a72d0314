// Functions run inside test pages (serialised by the driver): they read what a reader
// would see — the CSS highlights and the card in its shadow root. Plain loops only:
// hostile test pages replace Array.prototype methods.

export type Marked = Record<'hpa-person' | 'hpa-body' | 'hpa-term', string[]>;

export function markedTexts(): Marked {
  const out: Record<string, string[]> = { 'hpa-person': [], 'hpa-body': [], 'hpa-term': [] };
  for (const [name, h] of CSS.highlights as unknown as Map<string, Set<Range>>) {
    const texts: string[] = [];
    for (const r of h) texts[texts.length] = r.toString();
    out[name] = texts;
  }
  return out as Marked;
}

export function highlightCount(): number {
  let n = 0;
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>) n += h.size;
  return n;
}

/** Scrolls the first mark with this text into view and returns its centre. */
export function markCentre(text: string): { x: number; y: number } | null {
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h) {
      if (r.toString() !== text) continue;
      r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = r.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  return null;
}

/** The text of the card the reader sees: shown, not merely prepared (rendered hidden while the pointer rests). */
export function cardText(): string {
  const host = document.querySelector<HTMLElement>('hpa-card-host');
  const card = host?.shadowRoot?.querySelector('.card');
  return card && host!.style.display !== 'none' && host!.style.visibility !== 'hidden' ? (card.textContent ?? '') : '';
}

export function marksInsideEditable(): string[] {
  const out: string[] = [];
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h) {
      const el = r.startContainer.parentElement;
      if (el?.closest('textarea, input, [contenteditable]:not([contenteditable="false"])')) out[out.length] = r.toString();
    }
  return out;
}

/** Records, as window.__cardShownAfter, the milliseconds from the last pointer move to the card being shown. */
export function watchCardReveal(): void {
  const w = window as unknown as { __cardShownAfter: number | null };
  w.__cardShownAfter = null;
  let movedAt = 0;
  window.addEventListener('pointermove', (e) => (movedAt = e.timeStamp), true);
  const check = () => {
    const host = document.querySelector<HTMLElement>('hpa-card-host');
    if (!host || w.__cardShownAfter !== null) return;
    mo.observe(host, { attributes: true, attributeFilter: ['style'] });
    if (host.style.display === 'block' && host.style.visibility === 'visible') w.__cardShownAfter = performance.now() - movedAt;
  };
  const mo = new MutationObserver(check);
  mo.observe(document.documentElement, { childList: true });
  check();
}

/** The ids (p<n>) of the paragraphs with a painted mark, as numbers, ascending. */
export function paintedParagraphs(): number[] {
  const out = new Set<number>();
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h) {
      const p = r.startContainer.parentElement?.closest('p[id]');
      if (p) out.add(Number(p.id.slice(1)));
    }
  return [...out].sort((a, b) => a - b);
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where the shown card is and where its mark is (the line box of the mark under the point), and the viewport. */
export function cardAndMark(point: { x: number; y: number } | null): { card: Rect; mark: Rect | null; vw: number; vh: number } | null {
  const host = document.querySelector<HTMLElement>('hpa-card-host');
  const card = host?.shadowRoot?.querySelector('.card');
  if (!card || host!.style.display === 'none' || host!.style.visibility !== 'visible') return null;
  const box = (r: DOMRect): Rect => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  let mark: Rect | null = null;
  if (point)
    for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
      for (const r of h)
        for (const b of r.getClientRects())
          if (b.left - 1 <= point.x && point.x <= b.right + 1 && b.top - 1 <= point.y && point.y <= b.bottom + 1) mark = box(b);
  return {
    card: box(card.getBoundingClientRect()),
    mark,
    vw: document.documentElement.clientWidth,
    vh: document.documentElement.clientHeight,
  };
}

/** Why no card is seen, for a failure's message: the host's state and what is at the point. */
export function cardState(point: { x: number; y: number } | null): string {
  const host = document.querySelector<HTMLElement>('hpa-card-host');
  const card = host?.shadowRoot?.querySelector('.card');
  const at = point ? document.elementFromPoint(point.x, point.y) : null;
  const marks = [...(CSS.highlights as unknown as Map<string, Set<Range>>).values()].reduce((n, h) => n + h.size, 0);
  let markThere: string | null = null;
  if (point)
    for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
      for (const r of h)
        for (const b of r.getClientRects())
          if (b.left - 1 <= point.x && point.x <= b.right + 1 && b.top - 1 <= point.y && point.y <= b.bottom + 1) markThere = r.toString();
  return JSON.stringify({
    markThere,
    scrollY: window.scrollY,
    host: host ? { display: host.style.display, visibility: host.style.visibility, card: Boolean(card) } : null,
    atPoint: at ? `${at.tagName} ${(at.textContent ?? '').slice(0, 40)}` : null,
    marksPainted: marks,
    url: location.pathname,
  });
}

/** Texts of marks spread over the page: `count` distinct ones, evenly spaced in document order. */
export function spreadMarks(count: number): string[] {
  const ranges: Range[] = [];
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>) for (const r of h) ranges[ranges.length] = r;
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const seen = new Set<string>();
  const distinct: string[] = [];
  for (const r of ranges) {
    const t = r.toString();
    if (!seen.has(t)) {
      seen.add(t);
      distinct[distinct.length] = t;
    }
  }
  const out: string[] = [];
  for (let i = 0; i < count; i++) out[out.length] = distinct[Math.floor((i * distinct.length) / count)]!;
  return out;
}

/** The centre of the first line box of the n-th mark in document order (0-based), scrolled into view first. */
export function nthMarkCentre(n: number): { x: number; y: number } | null {
  const ranges: Range[] = [];
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>) for (const r of h) ranges[ranges.length] = r;
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const r = ranges[n];
  if (!r) return null;
  const b = r.getClientRects()[0]!;
  return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
}

/** For each part of a news page (a CSS selector), how many marks start inside it. */
export function marksIn(selectors: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sel of selectors) out[sel] = 0;
  for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
    for (const r of h) {
      const el = r.startContainer.parentElement;
      for (const sel of selectors) if (el?.closest(sel)) out[sel]!++;
    }
  return out;
}
/** The text of the card's shadow root while its host is visible, else ''. */
export function shownCardText(): string {
  const host = document.querySelector<HTMLElement>('hpa-card-host');
  return host?.style.visibility === 'visible' ? (host.shadowRoot?.textContent ?? '') : '';
}

/**
 * Run in one of the extension's own pages: what the extension keeps, per place — every IndexedDB
 * database's stores (record count and a checksum of keys and values) and its storage areas — to
 * compare before and after reading pages.
 */
export async function extensionStores(): Promise<Record<string, string>> {
  const checksum = (text: string): string => {
    let h = 0x811c9dc5; // FNV-1a, 32 bits
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(16);
  };
  const request = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    });
  const out: Record<string, string> = {};
  for (const info of await indexedDB.databases()) {
    const db = await request(indexedDB.open(info.name!));
    for (const name of Array.from(db.objectStoreNames)) {
      const store = db.transaction(name, 'readonly').objectStore(name);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      out[`indexedDB ${info.name} › ${name}`] = `${keys.length} records, ${checksum(JSON.stringify([keys, values]))}`;
    }
    db.close();
  }
  type Area = { get(keys: null): Promise<Record<string, unknown>> };
  const g = globalThis as unknown as Record<string, { storage?: Record<string, Area | undefined> } | undefined>;
  const storage = (g.browser ?? g.chrome)!.storage ?? {};
  for (const area of ['local', 'sync', 'session']) {
    const items = await storage[area]?.get(null);
    if (items) out[`storage.${area}`] = `${Object.keys(items).length} items, ${checksum(JSON.stringify(items))}`;
  }
  return out;
}
