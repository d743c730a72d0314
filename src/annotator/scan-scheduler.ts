// When the page is read: a full read in slices with the page's turn between them, each scan
// with a token that a newer one (or switching off) supersedes; text added later read alone;
// and a rescan after other changes, spaced by the cost of the last one.

import { PART_CHARS } from '../shared/messages';
import { LOG_PREFIX } from '../shared/product';
import { EAGER_MARKS } from './marks';
import { AbortableTimers } from './abortable';
import { pageDate } from './page-date';
import type { PageMatcher } from './page-matcher';
import type { PageModel } from './page-model';
import { createTextReader, type PageText } from './text-reader';

// A full read works in slices of this many milliseconds, the page's turn between them.
export const SLICE_MS = 16;
export const RESCAN_DELAY_MS = 250;
// A rescan waits at least this many times its own last duration: under a storm of
// mutations the page keeps most of the CPU.
export const RESCAN_COST_FACTOR = 4;
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

export class ScanScheduler {
  private token = 0;
  private scanning = false;
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  private lastScanMs = 0;
  private readonly timers: AbortableTimers;
  private readonly yieldToPage: () => Promise<void>;

  constructor(private readonly parts: ScanParts) {
    this.timers = new AbortableTimers(parts.signal);
    this.yieldToPage = parts.yieldToPage ?? yieldToPage;
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

  private async scanSlices(token: number, started: number): Promise<void> {
    const { doc, matcher, model } = this.parts;
    // The page gets a turn whenever our work since the last one passes a slice; a short
    // page is read, matched and marked in one go, with no turns to wait for.
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
    const date = pageDate(doc);
    const reader = createTextReader(doc);
    while (!reader.step(sliceStart + SLICE_MS)) if (!(await turn())) return;
    const page = reader.result();
    // A text sent in parts (send-parts.ts) starts each part in a slice of its own, the first one too.
    if (!(await turn(page.text.length > PART_CHARS))) return;
    // The page's language: another English locale (en-AU, en-US, …) resolves no UK role phrase.
    const context = { date, lang: doc.documentElement?.lang || null };
    const matches = await matcher.matchPage(page.text, context, turn);
    if (!matches || !(await turn())) return;
    model.replace(page, matches, context);
    if (!(await turn(matches.length > EAGER_MARKS))) return;
    model.repaint();
    this.parts.onScanned(page);
    this.lastScanMs = busy + performance.now() - sliceStart;
  }

  /**
   * The page changed: pure additions (a live blog, infinite scroll) are read alone; anything
   * else may have moved or changed text we read, and the page is read again.
   */
  pageChanged(added: Node[], changed: boolean): void {
    // While a full read is under way, its result would drop text added meanwhile: read again after.
    if (this.scanning) changed = true;
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

/** The added nodes that are not inside another added node. */
function outermost(nodes: Node[]): Node[] {
  return nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
}
