// Timers, frames and observers tied to an AbortSignal, as event listeners are with `{ signal }`:
// one abort() on disable tears down everything a part registered while annotation was on.

/** Runs `teardown` when `signal` aborts (at once if it already has). */
export function onAbort(signal: AbortSignal, teardown: () => void): void {
  if (signal.aborted) teardown();
  else signal.addEventListener('abort', teardown, { once: true });
}

/** Observes with `observer` until `signal` aborts. */
export function observeUntil<T extends { disconnect(): void }>(signal: AbortSignal, observer: T): T {
  onAbort(signal, () => observer.disconnect());
  return observer;
}

/**
 * setTimeout, setInterval and requestAnimationFrame that end when the signal aborts. One abort
 * listener serves them all, so a timer set on every pointer move adds no listener of its own.
 */
export class AbortableTimers {
  private readonly timeouts = new Set<ReturnType<typeof setTimeout>>();
  private readonly intervals = new Set<ReturnType<typeof setInterval>>();
  private readonly frames = new Set<number>();

  constructor(private readonly signal: AbortSignal) {
    onAbort(signal, () => {
      for (const t of this.timeouts) clearTimeout(t);
      for (const t of this.intervals) clearInterval(t);
      for (const f of this.frames) cancelAnimationFrame(f);
      this.timeouts.clear();
      this.intervals.clear();
      this.frames.clear();
    });
  }

  /** A timeout; undefined (nothing scheduled) once the signal has aborted. */
  timeout(fn: () => void, ms: number): ReturnType<typeof setTimeout> | undefined {
    if (this.signal.aborted) return undefined;
    const t = setTimeout(() => {
      this.timeouts.delete(t);
      fn();
    }, ms);
    this.timeouts.add(t);
    return t;
  }

  clearTimeout(t: ReturnType<typeof setTimeout> | undefined): void {
    if (t === undefined) return;
    clearTimeout(t);
    this.timeouts.delete(t);
  }

  interval(fn: () => void, ms: number): void {
    if (this.signal.aborted) return;
    this.intervals.add(setInterval(fn, ms));
  }

  /** An animation frame; 0 (nothing scheduled) once the signal has aborted. */
  frame(fn: () => void): number {
    if (this.signal.aborted) return 0;
    const f = requestAnimationFrame(() => {
      this.frames.delete(f);
      fn();
    });
    this.frames.add(f);
    return f;
  }
}
