// When the page is read: a full read in slices with the page's turn between them, each scan
// with a token that a newer one (or switching off) supersedes; a long page read as far as the
// reader will soon see, and on as they scroll towards the rest; text added later read alone;
// and a rescan after other changes, spaced by the cost of the last one.

import { PART_CHARS } from '../shared/messages';
import { LOG_PREFIX } from '../shared/product';
import { EAGER_MARKS } from './marks';
import { AbortableTimers } from './abortable';
import { pageDate } from './page-date';
import type { MatchContext, PageMatcher } from './page-matcher';
import type { PageModel } from './page-model';
import { ReadAhead } from './read-ahead';
import { createTextReader, type PageText, type ReadUntil, type TextReader } from './text-reader';

// A full read works in slices of this many milliseconds, the page's turn between them.
export const SLICE_MS = 16;
export const RESCAN_DELAY_MS = 250;
// A rescan waits at least this many times its own last duration: under a storm of
// mutations the page keeps most of the CPU.
export const RESCAN_COST_FACTOR = 4;
// A long page is read at first only this far (characters; the seed articles are 5–22 K), and on
// to the first block beyond the screen below the viewport: the whole of almost any article, with
// its context (its acronyms, the names it gave in full), while the rest of a 2 MB live blog is
// read only if the reader scrolls towards it (bench/README.md: 64 K cost the load about 9 ms more).
export const FIRST_READ_CHARS = 32_000;
// More added nodes than this in one batch is a rebuild, not a live update: read it all.
export const MAX_ADDED_PER_BATCH = 50;

export interface ScanParts {
  doc: Document;
  matcher: PageMatcher;
  model: PageModel;
  /** Ends every scan, live update and rescan timer of this enable. */
  signal: AbortSignal;
  /** After a full read is marked: the shadow roots it read text from (to watch them too). */
  onScanned: (page: PageText) => void;
  /** Gives the page a turn; scheduler.yield by default. */
  yieldToPage?: () => Promise<void>;
}

/** A read paused before the page's end: what goes on from there, under the scan's token. */
interface Rest {
  token: number;
  reader: TextReader;
  context: MatchContext;
}

export class ScanScheduler {
  private token = 0;
  private scanning = false;
  private rest: Rest | undefined;
  /** The read of the rest under way, if any: one at a time. */
  private reading: Promise<void> | undefined;
  private readonly ahead: ReadAhead;
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  private lastScanMs = 0;
  private readonly timers: AbortableTimers;
  private readonly yieldToPage: () => Promise<void>;

  constructor(private readonly parts: ScanParts) {
    this.timers = new AbortableTimers(parts.signal);
    this.yieldToPage = parts.yieldToPage ?? yieldToPage;
    this.ahead = new ReadAhead(parts.doc, parts.signal, {
      pausedAt: () => (this.rest && !this.reading ? this.rest.reader.pausedAt : null),
      near: () => void this.readOn().catch((e) => console.warn(LOG_PREFIX, e)),
      gone: () => this.pageChanged([], true),
    });
  }

  /** Whether part of the page is not read yet (it is read as the reader scrolls towards it, or by readOn). */
  get unread(): boolean {
    return this.rest !== undefined && this.current(this.rest.token);
  }

  /**
   * Reads the page and repaints every mark, in slices with the page's turn between them,
   * so no single task of ours holds the page long. `started`: when our work in this task
   * began (loading the dictionary counts towards the first slice). Resolves when the scan
   * is marked or superseded.
   */
  async scan(started = performance.now()): Promise<void> {
    const token = ++this.token;
    this.scanning = true;
    try {
      await this.scanSlices(token, started);
    } finally {
      if (token === this.token) this.scanning = false;
    }
  }

  private current(token: number): boolean {
    return token === this.token && !this.parts.signal.aborted;
  }

  /**
   * Slices of work under `token`: the page gets a turn whenever our work since the last one
   * passes a slice; a short page is read, matched and marked in one go, with no turns to wait for.
   */
  private slices(token: number, started: number) {
    let busy = 0;
    let sliceStart = started;
    // `fresh`: the next step is long (sending a long text, painting thousands of marks) and starts a slice of its own.
    const turn = async (fresh = false): Promise<boolean> => {
      const now = performance.now();
      if (now - sliceStart < (fresh ? 1 : SLICE_MS)) return this.current(token);
      busy += now - sliceStart;
      await this.yieldToPage();
      sliceStart = performance.now();
      return this.current(token); // false: disabled, or a newer scan started
    };
    return {
      turn,
      /** Reads on until the reader is done or paused, a slice at a time; false when superseded. */
      read: async (reader: TextReader, until?: ReadUntil): Promise<boolean> => {
        while (!reader.step(sliceStart + SLICE_MS, until)) if (!(await turn())) return false;
        return true;
      },
      busy: () => busy + performance.now() - sliceStart,
    };
  }

  private async scanSlices(token: number, started: number): Promise<void> {
    const { doc, matcher, model } = this.parts;
    this.rest = undefined;
    const work = this.slices(token, started);
    const { turn } = work;
    const date = pageDate(doc);
    const reader = createTextReader(doc);
    if (!(await work.read(reader, this.ahead.until(FIRST_READ_CHARS)))) return;
    const page = reader.result();
    // A text sent in parts (send-parts.ts) starts each part in a slice of its own, the first one too.
    if (!(await turn(page.text.length > PART_CHARS))) return;
    // The page's language: another English locale (en-AU, en-US, …) resolves no UK role phrase.
    const context = { date, lang: doc.documentElement?.lang || null };
    const matches = await matcher.matchPage(page.text, context, turn);
    if (!matches || !(await turn())) return;
    model.replace(page, matches, context, !reader.done);
    if (!(await turn(matches.length > EAGER_MARKS))) return;
    model.repaint();
    this.parts.onScanned(page);
    this.lastScanMs = work.busy();
    if (!reader.done) {
      this.rest = { token, reader, context };
      this.ahead.check(); // the reader may have scrolled meanwhile
    }
  }

  /**
   * Reads on past where the read paused: the next stretch (at least as much text again, to the
   * first block beyond the screen below the viewport), or with `all` to the page's end. The text
   * read so far is matched again with it, as one (its acronyms, the names given in full), and the
   * matches from the new stretch on are marked. Resolves when they are, or when superseded.
   */
  async readOn(all = false): Promise<void> {
    for (;;) {
      const rest = this.rest;
      if (!rest || !this.current(rest.token)) return;
      if (this.reading) {
        await this.reading;
        continue;
      }
      this.reading = this.readRest(rest, all).finally(() => (this.reading = undefined));
      await this.reading;
      if (!all) break;
    }
    this.ahead.check(); // the reader may have scrolled on meanwhile
  }

  private async readRest(rest: Rest, all: boolean): Promise<void> {
    const { reader, context, token } = rest;
    if (!reader.pausedAt?.isConnected) {
      this.pageChanged([], true); // where the read stopped is gone: read the page again
      return;
    }
    const from = reader.result().text.length;
    const work = this.slices(token, performance.now());
    const { turn } = work;
    // Each stretch at least doubles the text, so sending the whole text each time costs at most about twice the page's text in all.
    if (!(await work.read(reader, all ? undefined : this.ahead.until(2 * from)))) return;
    const page = reader.result();
    if (!(await turn(page.text.length > PART_CHARS))) return;
    const matches = await this.parts.matcher.matchPage(page.text, context, turn, from);
    if (!matches || !(await turn())) return;
    if (reader.done) this.rest = undefined;
    const marks = this.parts.model.extend(page, matches);
    if (!(await turn(marks.length > EAGER_MARKS))) return;
    this.parts.model.paint(marks);
    this.parts.onScanned(page);
  }

  /**
   * The page changed: pure additions (a live blog, infinite scroll) are read alone; anything
   * else may have moved or changed text we read, and the page is read again.
   */
  pageChanged(added: Node[], changed: boolean): void {
    // While a read is under way, its result would drop text added meanwhile: read again after.
    if (this.scanning || this.reading) changed = true;
    // Text added beyond where the read paused is read when the read goes on.
    const pausedAt = this.unread ? this.rest!.reader.pausedAt : null;
    if (pausedAt && !changed) {
      // Where the read stopped was moved into the page again: the read's own path is gone.
      if (added.some((n) => n !== pausedAt && n.contains(pausedAt))) changed = true;
      else added = added.filter((n) => !follows(n, pausedAt));
    }
    if (!changed && added.length <= MAX_ADDED_PER_BATCH) {
      if (added.length && this.rescanTimer === undefined) void this.parts.model.addText(outermost(added), this.parts.matcher);
      return;
    }
    // One rescan at a time, never postponed by further mutations, and spaced by its own
    // cost so a mutation storm cannot take the CPU.
    if (this.rescanTimer !== undefined) return;
    this.rescanTimer = this.timers.timeout(
      () => {
        this.rescanTimer = undefined;
        this.scan().catch((e) => console.warn(LOG_PREFIX, e));
      },
      Math.max(RESCAN_DELAY_MS, this.lastScanMs * RESCAN_COST_FACTOR),
    );
  }
}

/** Gives the page a turn: scheduler.yield where the browser has it, else a new task. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Whether `node` is `el` or comes after it in the document (inside it included). */
function follows(node: Node, el: Element): boolean {
  return node === el || (el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** The added nodes that are not inside another added node. */
function outermost(nodes: Node[]): Node[] {
  return nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
}
