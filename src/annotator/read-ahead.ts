// Where a long page's read pauses, and when it goes on: the read stops at the first block
// beyond the screen below the viewport, and goes on when a scroll (the document's or an inner
// scroller's) or a resize brings that block within the same distance. One measurement of that
// block per frame while scrolling; no element is observed (see near-viewport.ts on why not).

import { AbortableTimers } from './abortable';
import type { ReadUntil } from './text-reader';

/** How far below the viewport's bottom the page is read ahead, in viewport heights. */
export const AHEAD_SCREENS = 1;

export interface ReadAheadParts {
  /** The block a paused read goes on from; null when nothing waits (read to the end, or a read under way). */
  pausedAt: () => Element | null;
  /** That block came near the viewport: read on. */
  near: () => void;
  /** That block left the page: read it again. */
  gone: () => void;
}

export class ReadAhead {
  private frame = 0;
  private readonly timers: AbortableTimers;

  constructor(
    private readonly doc: Document,
    signal: AbortSignal,
    private readonly parts: ReadAheadParts,
  ) {
    this.timers = new AbortableTimers(signal);
    const win = doc.defaultView;
    if (!win) return;
    win.addEventListener('scroll', () => this.check(), { capture: true, passive: true, signal });
    win.addEventListener('resize', () => this.check(), { passive: true, signal });
  }

  /** A read that stops at `chars` characters or more, before the first block beyond the read-ahead. */
  until(chars: number): ReadUntil {
    return { chars, isPast: (el) => el.getBoundingClientRect().top > this.horizon() };
  }

  /** Looks, on the next frame, whether the paused read's block has come near. */
  check(): void {
    if (this.frame || !this.parts.pausedAt()) return;
    this.frame = this.timers.frame(() => {
      this.frame = 0;
      const el = this.parts.pausedAt();
      if (!el) return;
      if (!el.isConnected) this.parts.gone();
      // Read in a task of its own, not in this frame's: the frame that scrolled is the page's.
      else if (el.getBoundingClientRect().top <= this.horizon()) this.timers.timeout(() => this.parts.near(), 0);
    });
  }

  private horizon(): number {
    return (this.doc.defaultView?.innerHeight ?? 0) * (1 + AHEAD_SCREENS);
  }
}
