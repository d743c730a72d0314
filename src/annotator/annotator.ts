// The page side: reads the page's text, runs the engine, paints marks, and opens a
// card when the pointer rests on a mark or the keyboard steps to one.

import browser from 'webextension-polyfill';
import type { Dictionary } from '../engine/dictionary';
import { createEngine, type Engine, type Match } from '../engine/engine';
import type { FoundEntity, PageSetup } from '../shared/messages';
import { serveTab, type TabHandlers } from '../shared/serve-tab';
import type { Prefs } from '../shared/prefs';
import type { CardData } from '../shared/views';
import { createCardHost, type CardHost, type CardOptions } from './card-host';
import { markAt, markKind, Painter, selectMarked, type Mark } from './marks';
import { ask } from '../shared/ask';
import { pageDate } from './page-date';
import { LOG_PREFIX } from '../shared/product';
import { pageUrl } from './page-url';
import { createTextReader, isSkipped, readPageText, type PageText } from './text-reader';
import markCss from '../../extension/content.css?inline';

const CLOSE_GRACE_MS = 300;
const RESCAN_DELAY_MS = 250;
// A rescan waits at least this many times its own last duration: under a storm of
// mutations the page keeps most of the CPU.
const RESCAN_COST_FACTOR = 4;
// Pages may clear CSS.highlights (or replace the registry's entries); we check and repaint.
const REPAINT_CHECK_MS = 1000;
// A full read works in slices of this many milliseconds, the page's turn between them;
// matching is cut into pieces of this many characters (a few ms each) to check the clock.
const SLICE_MS = 16;
const MATCH_PIECE_CHARS = 200_000;
// More added nodes than this in one batch is a rebuild, not a live update: read it all.
const MAX_ADDED_PER_BATCH = 50;

interface Segment {
  page: PageText;
  matches: Match[];
  marks: Mark[];
}

export class Annotator {
  private engine: Engine | undefined;
  private dictionary: Dictionary | undefined;
  private prefs!: Prefs;
  private enabled = false;
  /** The page as last read in full, then each part added since (a live blog's new entries). */
  private segments: Segment[] = [];
  /** Which segment, and which of its nodes, a text node is. */
  private nodeIndex = new Map<Text, { segment: Segment; i: number }>();
  /** Ids of everything matched on the page so far: what added text may refer back to. */
  private named = new Set<string>();
  private marks: Mark[] = [];
  private readonly painter = new Painter(window);
  private scanToken = 0;
  private scanning = false;
  private date: string | null = null;
  /** Made on first need: a page nobody hovers never parses the card's styles. */
  private cardHost: CardHost | undefined;
  private openMark: Mark | undefined;
  private dwellTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingPoint: { x: number; y: number; at: number } | undefined;
  /** The mark under the pointer whose dwell is running. */
  private restingOn: Mark | undefined;
  /** Card requests by entity and date: asked for when the pointer lands, used when the dwell ends. */
  private cards = new Map<string, Promise<CardData>>();
  private frame = 0;
  private cursor = -1;
  private observer: MutationObserver | undefined;
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  private lastKeyStep = 0;
  private lastScanMs = 0;
  private repaintTimer: ReturnType<typeof setInterval> | undefined;
  private styledRoots = new WeakSet<ShadowRoot>();
  private observedRoots = new WeakSet<ShadowRoot>();
  private markSheet: CSSStyleSheet | null | undefined;
  /** Set once this script's extension context is gone (the extension was updated or reloaded). */
  private retired = false;

  /**
   * `tabMessages: false` on an extension page (the welcome page's sample): there runtime messages are
   * the other extension pages' requests to the background, never the tab messages meant for us.
   */
  constructor(
    private readonly doc: Document,
    private readonly options: { tabMessages?: boolean } = {},
  ) {}

  /** Asks the background whether this page is annotated, then starts (tests and benchmarks). */
  async start(): Promise<void> {
    const url = pageUrl(this.doc);
    if (!url) return;
    await this.startWith(await ask({ type: 'page:setup', url }));
  }

  /** Starts with the answer the page's loader already has. */
  async startWith(setup: PageSetup): Promise<void> {
    if (this.options.tabMessages !== false) browser.runtime.onMessage.addListener(serveTab(this.tabHandlers()));
    this.prefs = setup.prefs;
    if (setup.enabled && setup.dictionary) await this.enable(setup.dictionary);
  }

  private async enable(dictionary: Dictionary): Promise<void> {
    const started = performance.now();
    if (this.dictionary !== dictionary) {
      this.dictionary = dictionary;
      this.engine = createEngine(dictionary);
      this.cards.clear(); // another knowledge base: other cards
    }
    this.enabled = true;
    this.listen();
    await this.scan(started);
  }

  private disable(): void {
    this.enabled = false;
    this.scanToken++;
    this.closeCard();
    this.painter.clear();
    this.marks = [];
    this.segments = [];
    this.nodeIndex.clear();
    this.named.clear();
    this.unlisten();
  }

  /**
   * Reads the page and repaints every mark, in slices with the page's turn between them,
   * so no single task of ours holds the page long. `started`: when our work in this task
   * began (loading the dictionary counts towards the first slice).
   */
  private async scan(started = performance.now()): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const token = ++this.scanToken;
    this.scanning = true;
    try {
      await this.scanSlices(engine, token, started);
    } finally {
      if (token === this.scanToken) this.scanning = false;
    }
  }

  private async scanSlices(engine: Engine, token: number, started: number): Promise<void> {
    // The page gets a turn whenever our work since the last one passes a slice; a short
    // page is read, matched and marked in one go, with no turns to wait for.
    let busy = 0;
    let sliceStart = started;
    const turn = async (): Promise<boolean> => {
      const now = performance.now();
      if (now - sliceStart < SLICE_MS) return token === this.scanToken;
      busy += now - sliceStart;
      await yieldToPage();
      sliceStart = performance.now();
      return token === this.scanToken; // false: disabled, or a newer scan started
    };
    const date = pageDate(this.doc);
    const reader = createTextReader(this.doc);
    while (!reader.step(sliceStart + SLICE_MS)) if (!(await turn())) return;
    const page = reader.result();
    if (!(await turn())) return;
    // The page's language: another English locale (en-AU, en-US, …) resolves no UK role phrase.
    const lang = this.doc.documentElement?.lang || null;
    const matches = await engine.annotateInPieces(page.text, { date, lang }, async () => void (await turn()), MATCH_PIECE_CHARS);
    if (!(await turn())) return;
    this.date = date;
    this.segments = [{ page, matches, marks: [] }];
    this.named = new Set(matches.map((m) => m.id));
    this.nodeIndex = new Map();
    this.indexSegment(this.segments[0]!);
    if (!(await turn())) return;
    this.applyPrefs();
    // Mutations inside shadow trees do not reach an observer on the document.
    for (const root of page.shadowRoots)
      if (this.observer && !this.observedRoots.has(root)) {
        this.observedRoots.add(root);
        this.observer.observe(root, { childList: true, subtree: true, characterData: true });
      }
    this.lastScanMs = busy + performance.now() - sliceStart;
  }

  private indexSegment(segment: Segment): void {
    segment.page.nodes.forEach((n, i) => this.nodeIndex.set(n, { segment, i }));
  }

  private marksOf(segment: Segment): Mark[] {
    const page = segment.page;
    segment.marks = selectMarked(segment.matches, page, this.prefs).map((match) => ({ match, kind: markKind(match), page }));
    return segment.marks;
  }

  private applyPrefs(): void {
    if (!this.segments.length) return;
    this.marks = this.segments.flatMap((s) => this.marksOf(s));
    this.painter.set(this.marks);
    for (const s of this.segments) this.styleShadowRoots(s.page.shadowRoots);
  }

  /**
   * Text added to the page (a live blog's new entry) is read and matched alone, with
   * the names the page already gave in full; the rest of the page is not read again.
   */
  private addText(nodes: Node[]): void {
    const engine = this.engine;
    if (!engine || !this.segments.length) return;
    const added: Mark[] = [];
    for (const node of nodes) {
      if (!node.isConnected || insideSkipped(node)) continue;
      const page = readPageText(node);
      if (!page.nodes.length || page.nodes.some((n) => this.nodeIndex.has(n))) continue;
      const segment: Segment = {
        page,
        matches: engine.annotate(page.text, { date: this.date, known: this.named, lang: this.doc.documentElement?.lang || null }),
        marks: [],
      };
      for (const m of segment.matches) this.named.add(m.id);
      this.segments.push(segment);
      this.indexSegment(segment);
      added.push(...this.marksOf(segment));
      this.styleShadowRoots(page.shadowRoots);
    }
    if (!added.length) return;
    this.marks.push(...added);
    this.painter.add(added);
  }

  /** Document styles do not reach into shadow trees: marks there need our rules inside. */
  private styleShadowRoots(roots: ShadowRoot[]): void {
    if (!roots.length) return;
    if (this.markSheet === undefined) {
      try {
        this.markSheet = new CSSStyleSheet();
        this.markSheet.replaceSync(markCss);
      } catch {
        this.markSheet = null;
      }
    }
    const sheet = this.markSheet;
    if (!sheet) return;
    for (const root of roots) {
      if (this.styledRoots.has(root)) continue;
      this.styledRoots.add(root);
      try {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      } catch {
        // A closed-off or foreign root: its marks stay unstyled, nothing else breaks.
      }
    }
  }

  /** The page may clear CSS.highlights: put our marks back. */
  private checkPainted(): void {
    if (this.orphaned()) return;
    if (this.enabled) this.painter.repaintIfCleared();
  }

  /**
   * After an update or a reload of the extension this script's context is gone (its runtime has
   * no id) while it still runs in the page. It stands down quietly, taking its marks and card
   * with it, and leaves the page to the new version's script, which the background puts in.
   */
  private orphaned(): boolean {
    if (this.retired) return true;
    let id: string | undefined;
    try {
      id = browser.runtime?.id;
    } catch {
      id = undefined;
    }
    if (id) return false;
    this.retired = true;
    this.disable();
    clearInterval(this.repaintTimer);
    this.cardHost?.element.remove();
    return true;
  }

  // --- events -------------------------------------------------------------------

  private readonly onPointerMove = (e: PointerEvent) => {
    if (this.orphaned()) return;
    if (this.cardHost?.contains(e.target)) {
      this.cancelClose();
      return;
    }
    // The dwell counts from the move itself, not from the frame that hit-tests it.
    this.pendingPoint = { x: e.clientX, y: e.clientY, at: e.timeStamp };
    if (!this.frame) this.frame = requestAnimationFrame(() => this.hitTest());
  };

  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (this.orphaned()) return;
    if (e.key === 'Escape' && this.cardHost?.isOpen()) {
      this.closeCard();
      return;
    }
    // Alt+Shift+J / Alt+Shift+K: next and previous mark (also the manifest command).
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyJ' || e.code === 'KeyK')) {
      e.preventDefault();
      this.lastKeyStep = performance.now();
      this.step(e.code === 'KeyJ' ? 1 : -1);
    }
  };

  private readonly onMutations = (records: MutationRecord[]) => {
    // Pure additions (a live blog, infinite scroll) are read alone. Anything else may have
    // moved or changed text we read: the page is read again.
    const added: Node[] = [];
    let changed = false;
    for (const r of records) {
      if (this.cardHost?.contains(r.target)) continue;
      if (r.type !== 'childList' || r.removedNodes.length) changed = true;
      else for (const n of r.addedNodes) added.push(n);
    }
    // While a full read is under way, its result would drop text added meanwhile: read again after.
    if (this.scanning) changed = true;
    if (!changed && added.length <= MAX_ADDED_PER_BATCH) {
      if (added.length && this.rescanTimer === undefined) this.addText(outermost(added));
      return;
    }
    // One rescan at a time, never postponed by further mutations, and spaced by its own
    // cost so a mutation storm cannot take the CPU.
    if (this.rescanTimer !== undefined) return;
    this.rescanTimer = setTimeout(
      () => {
        this.rescanTimer = undefined;
        if (this.enabled) void this.scan();
      },
      Math.max(RESCAN_DELAY_MS, this.lastScanMs * RESCAN_COST_FACTOR),
    );
  };

  private listen(): void {
    this.doc.addEventListener('pointermove', this.onPointerMove, { passive: true, capture: true });
    this.doc.addEventListener('keydown', this.onKeyDown, { capture: true });
    this.observer ??= new MutationObserver(this.onMutations);
    this.observer.observe(this.doc.body ?? this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    this.repaintTimer ??= setInterval(() => this.checkPainted(), REPAINT_CHECK_MS);
  }

  private unlisten(): void {
    this.doc.removeEventListener('pointermove', this.onPointerMove, { capture: true });
    this.doc.removeEventListener('keydown', this.onKeyDown, { capture: true });
    this.observer?.disconnect();
    this.observedRoots = new WeakSet();
    clearTimeout(this.rescanTimer);
    this.rescanTimer = undefined;
    clearInterval(this.repaintTimer);
    this.repaintTimer = undefined;
  }

  private hitTest(): void {
    this.frame = 0;
    const p = this.pendingPoint;
    if (!p || !this.segments.length) return;
    const mark = this.markAtPoint(p.x, p.y);
    if (mark && mark === this.openMark) {
      this.cancelClose();
      return;
    }
    clearTimeout(this.dwellTimer);
    if (mark !== this.restingOn) {
      this.restingOn = mark;
      if (mark) void this.prepareCard(mark);
      else this.cardHost?.unprepare();
    }
    if (mark) {
      const rested = Math.max(0, performance.now() - p.at);
      this.dwellTimer = setTimeout(() => void this.openCard(mark, false), Math.max(0, this.prefs.dwellMs - rested));
    }
    if (this.openMark && !this.closeTimer) this.closeTimer = setTimeout(() => this.closeCard(), CLOSE_GRACE_MS);
  }

  private markAtPoint(x: number, y: number): Mark | undefined {
    const doc = this.doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
    let node: Node | undefined;
    let offset = 0;
    if (doc.caretPositionFromPoint) {
      const pos = doc.caretPositionFromPoint(x, y);
      if (pos) ({ offsetNode: node, offset } = pos);
    } else if (doc.caretRangeFromPoint) {
      const r = doc.caretRangeFromPoint(x, y);
      if (r) ({ startContainer: node, startOffset: offset } = r);
    }
    if (!node) return undefined;
    const at = this.nodeIndex.get(node as Text);
    if (!at) return undefined;
    // The caret is the nearest gap between characters: look at the character on either side.
    for (const o of [offset, offset - 1]) {
      if (o < 0) continue;
      const mark = markAt(at.segment.marks, at.segment.page, at.i, o);
      if (
        mark &&
        [...this.painter.range(mark).getClientRects()].some(
          (r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1,
        )
      )
        return mark;
    }
    return undefined;
  }

  // --- cards --------------------------------------------------------------------

  private cancelClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }

  private card(): CardHost {
    return (this.cardHost ??= createCardHost(() => this.closeCard()));
  }

  /** The card's data, asked for once per entity and date (a failed request is asked again next time). */
  private cardData(m: Match): Promise<CardData> {
    const key = `${m.id}\u0000${this.date ?? ''}`;
    let card = this.cards.get(key);
    if (!card) {
      card = m.learned
        ? Promise.resolve(this.learnedCard(m))
        : m.classOf
          ? ask({ type: 'card', id: m.classOf, date: this.date, instance: m.name })
          : ask({ type: 'card', id: m.id, date: this.date });
      this.cards.set(key, card);
      card.catch(() => this.cards.delete(key));
    }
    return card;
  }

  private cardOptions(mark: Mark, focus: boolean): CardOptions {
    const m = mark.match;
    const readAs = m.role ? this.dictionary?.entities.find((e) => e.id === m.role)?.name.toLowerCase() : undefined;
    return {
      ...(readAs && { readAs: `the ${readAs}` }),
      focus,
      onOpenPledge: (id) => void ask({ type: 'pledge:open', id }).catch((e) => console.warn(LOG_PREFIX, e)),
    };
  }

  /** While the pointer rests on a mark: fetch its card and render it hidden, so the dwell's end only reveals it. */
  private async prepareCard(mark: Mark): Promise<void> {
    let card: CardData;
    try {
      card = await this.cardData(mark.match);
    } catch {
      return; // reported if the dwell ends and the card is opened
    }
    const anchor = this.painter.range(mark);
    if (this.restingOn !== mark || !anchor.startContainer.isConnected) return;
    this.card().prepare(anchor, card, this.cardOptions(mark, false));
  }

  private async openCard(mark: Mark, focus: boolean): Promise<void> {
    this.cancelClose();
    this.openMark = mark;
    let card: CardData;
    try {
      card = await this.cardData(mark.match);
    } catch (e) {
      if (!this.orphaned()) console.warn(LOG_PREFIX, 'no card for', mark.match.id, e);
      return;
    }
    if (this.openMark !== mark) return; // the pointer moved on meanwhile
    const anchor = this.painter.range(mark);
    // A mark whose text left the page (a live update) has no place to show a card at.
    if (!anchor.startContainer.isConnected) return;
    this.card().show(anchor, card, this.cardOptions(mark, focus));
  }

  private learnedCard(m: Match): CardData {
    return {
      id: m.id,
      kind: 'term',
      name: m.name,
      description: `“${m.text.replace(/s$/, '')}” is defined on this page as “${m.name}”.`,
      sources: [{ label: 'This page', url: this.doc.location.href }],
      date: this.date,
      lines: [],
      corrections: [],
      quotes: [],
      pledges: [],
      related: [],
    };
  }

  private closeCard(): void {
    clearTimeout(this.closeTimer);
    clearTimeout(this.dwellTimer);
    this.closeTimer = undefined;
    this.openMark = undefined;
    this.restingOn = undefined;
    this.cardHost?.hide();
    this.cardHost?.unprepare();
  }

  /** Keyboard: step to the next or previous mark, scroll it into view, open its card. */
  step(direction: 1 | -1): void {
    if (!this.marks.length) return;
    this.cursor = (this.cursor + direction + this.marks.length) % this.marks.length;
    this.reveal(this.marks[this.cursor]!);
  }

  private reveal(mark: Mark): void {
    this.painter.paintNow(mark);
    const el = this.painter.range(mark).startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    void this.openCard(mark, true);
  }

  // --- messages from the background and the popup -------------------------------------

  /** The answers to tab messages (src/shared/protocol.ts, TAB_MESSAGES). */
  private tabHandlers(): TabHandlers {
    return {
      'tab:site-changed': async (msg) => {
        if (msg.enabled && !this.enabled) {
          const setup = await ask({ type: 'page:setup', url: pageUrl(this.doc) ?? this.doc.location.href });
          this.prefs = setup.prefs;
          if (setup.enabled && setup.dictionary) await this.enable(setup.dictionary);
        } else if (!msg.enabled && this.enabled) this.disable();
        return { enabled: this.enabled };
      },
      'tab:prefs-changed': (msg) => {
        this.prefs = msg.prefs;
        if (this.enabled) this.applyPrefs();
        return null;
      },
      'tab:found': () => this.found(),
      'tab:reveal': (msg) => {
        const mark = this.marks.find((m) => m.match.id === msg.id);
        if (mark) {
          this.cursor = this.marks.indexOf(mark);
          this.reveal(mark);
        }
        return { revealed: Boolean(mark) };
      },
      'tab:next-mark': () => {
        if (performance.now() - this.lastKeyStep > 100) this.step(1); // the key handler already stepped
        return null;
      },
    };
  }

  /** A class mark in "on this page": the name as written, with its class ("an NHS foundation trust"). */
  private foundClass(m: Match): FoundEntity {
    const dict = this.dictionary;
    const cls = dict?.classes?.find((c) => dict.entities[c.entity]?.id === m.classOf);
    const f: FoundEntity = { id: m.id, name: m.name, kind: 'class', count: 0 };
    if (cls) f.label = cls.label;
    return f;
  }

  private found(): FoundEntity[] {
    const byId = new Map<string, FoundEntity>();
    for (const m of this.segments.flatMap((seg) => seg.matches)) {
      if (m.learned) continue;
      const f = byId.get(m.id) ?? (m.classOf ? this.foundClass(m) : { id: m.id, name: m.name, kind: markKind(m), count: 0 });
      f.count++;
      byId.set(m.id, f);
    }
    return [...byId.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }
}

/** Gives the page a turn: scheduler.yield where the browser has it, else a new task. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The added nodes that are not inside another added node. */
function outermost(nodes: Node[]): Node[] {
  return nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
}

/** Whether a node sits where text is not read (a form field, an editable region, our card). */
function insideSkipped(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) if (isSkipped(el)) return true;
  return false;
}
