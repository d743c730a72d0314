// The reader's pointer and keys: a pointer move is hit-tested against the marks once per
// frame; resting on a mark for the dwell time opens its card (in the 'alt' and 'shift'
// trigger modes only while that key is held; never in 'click'), leaving it closes the card
// after a grace period; Escape closes it; Alt+Shift+J/K step through the marks in every
// mode. Taps and clicks are tap.ts's.

import type { Prefs, Trigger } from '../shared/prefs';
import { AbortableTimers } from './abortable';
import type { CardPresenter } from './card-presenter';
import type { Mark, Painter } from './marks';
import type { PageModel } from './page-model';
import { TapOpener } from './tap';

export const CLOSE_GRACE_MS = 300;

export interface PointerParts {
  doc: Document;
  model: PageModel;
  painter: Painter;
  cards: CardPresenter;
  prefs: () => Prefs;
  /** Whether this script's extension context is gone (then it does nothing more). */
  orphaned: () => boolean;
  /** Whether part of a long page is not read yet, and reading on (the next stretch). */
  unread: () => boolean;
  readOn: () => Promise<void>;
}

/** Whether resting the pointer opens a card under this trigger mode with these keys held. */
export function dwellArmed(trigger: Trigger, held: { alt: boolean; shift: boolean }): boolean {
  return trigger === 'dwell' || (trigger === 'alt' && held.alt) || (trigger === 'shift' && held.shift);
}

type CaretDocument = Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };

export class PointerAndKeys {
  private timers: AbortableTimers | undefined;
  private dwellTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private pendingPoint: { x: number; y: number; at: number } | undefined;
  /** The mark under the pointer whose dwell is running. */
  private restingOn: Mark | undefined;
  private cursor = -1;
  private lastKeyStep = 0;
  /** The modifier keys held, from key events and the pointer's own altKey/shiftKey. */
  private readonly held = { alt: false, shift: false };
  private lastPoint: { x: number; y: number } | undefined;
  private readonly taps: TapOpener;

  constructor(private readonly parts: PointerParts) {
    this.taps = new TapOpener({
      doc: parts.doc,
      prefs: parts.prefs,
      markAtPoint: (x, y) => this.markAtPoint(x, y),
      markNode: (mark) => parts.painter.range(mark).startContainer,
      inCard: (target) => parts.cards.contains(target),
      isShown: () => parts.cards.isShown(),
      open: (mark) => {
        this.cancelClose();
        this.timers?.clearTimeout(this.dwellTimer);
        void parts.cards.open(mark, false);
      },
      close: () => this.closeCard(),
      orphaned: parts.orphaned,
    });
  }

  /** Listens until `signal` aborts; its timers end with it. */
  listen(signal: AbortSignal): void {
    this.timers = new AbortableTimers(signal);
    this.frame = 0;
    const { doc } = this.parts;
    doc.addEventListener('pointermove', this.onPointerMove, { passive: true, capture: true, signal });
    doc.addEventListener('keydown', this.onKeyDown, { capture: true, signal });
    doc.addEventListener('keyup', this.onKeyUp, { capture: true, signal });
    // Keys released while another window had focus send no keyup here.
    doc.defaultView?.addEventListener('blur', () => Object.assign(this.held, { alt: false, shift: false }), { signal });
    this.taps.listen(signal);
  }

  /** Closes the card and stops its timers (Escape, the card's close button, leaving the mark, switching off). */
  closeCard(): void {
    this.timers?.clearTimeout(this.closeTimer);
    this.timers?.clearTimeout(this.dwellTimer);
    this.closeTimer = undefined;
    this.dwellTimer = undefined;
    this.restingOn = undefined;
    this.parts.cards.close();
  }

  /** Keyboard: step to the next or previous mark, scroll it into view, open its card. */
  step(direction: 1 | -1): void {
    const marks = this.parts.model.marks;
    if (!marks.length) return;
    // Past the last mark read of a long page: read on first, so the step goes on down the page.
    if (direction === 1 && this.cursor === marks.length - 1 && this.parts.unread()) {
      void this.parts.readOn().then(() => this.step(1));
      return;
    }
    this.cursor = (this.cursor + direction + marks.length) % marks.length;
    this.reveal(marks[this.cursor]!);
  }

  /** The `next-mark` command: the key handler may already have stepped for the same key press. */
  commandStep(): void {
    if (performance.now() - this.lastKeyStep > 100) this.step(1);
  }

  /** The popup's "on this page": reveal the first mark of an entity. */
  revealEntity(id: string): boolean {
    const marks = this.parts.model.marks;
    const i = marks.findIndex((m) => m.match.id === id);
    if (i < 0) return false;
    this.cursor = i;
    this.reveal(marks[i]!);
    return true;
  }

  private reveal(mark: Mark): void {
    this.cancelClose();
    void this.parts.cards.reveal(mark);
  }

  private cancelClose(): void {
    this.timers?.clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }

  private readonly onPointerMove = (e: PointerEvent): void => {
    // A finger does not rest: touch opens cards by tap (tap.ts).
    if (this.parts.orphaned() || e.pointerType === 'touch') return;
    this.held.alt = e.altKey;
    this.held.shift = e.shiftKey;
    this.lastPoint = { x: e.clientX, y: e.clientY };
    if (this.parts.cards.contains(e.target)) {
      this.cancelClose();
      return;
    }
    // The dwell counts from the move itself, not from the frame that hit-tests it.
    this.pendingPoint = { x: e.clientX, y: e.clientY, at: e.timeStamp };
    if (!this.frame) this.frame = this.timers?.frame(() => this.hitTest()) ?? 0;
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (this.parts.orphaned()) return;
    this.modifierChanged(e);
    if (e.key === 'Escape' && this.parts.cards.isShown()) {
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

  private readonly onKeyUp = (e: KeyboardEvent): void => {
    if (!this.parts.orphaned()) this.modifierChanged(e);
  };

  /** Alt or Shift pressed or released while the pointer rests: the dwell starts or stops there. */
  private modifierChanged(e: KeyboardEvent): void {
    const alt = e.key === 'Alt' ? e.type === 'keydown' : e.altKey;
    const shift = e.key === 'Shift' ? e.type === 'keydown' : e.shiftKey;
    if (alt === this.held.alt && shift === this.held.shift) return;
    this.held.alt = alt;
    this.held.shift = shift;
    const trigger = this.parts.prefs().trigger;
    if ((trigger !== 'alt' && trigger !== 'shift') || !this.lastPoint) return;
    this.pendingPoint = { ...this.lastPoint, at: e.timeStamp };
    if (!this.frame) this.frame = this.timers?.frame(() => this.hitTest()) ?? 0;
  }

  private hitTest(): void {
    this.frame = 0;
    const p = this.pendingPoint;
    const { cards, model } = this.parts;
    if (!p || model.isEmpty) return;
    let mark = this.markAtPoint(p.x, p.y);
    if (mark && cards.isOpenOn(mark)) {
      this.cancelClose();
      return;
    }
    const trigger = this.parts.prefs().trigger;
    // A card opened by a click stays until a click elsewhere or Escape.
    if (trigger === 'click') return;
    this.timers?.clearTimeout(this.dwellTimer);
    this.dwellTimer = undefined;
    if (!dwellArmed(trigger, this.held)) mark = undefined;
    if (mark !== this.restingOn) {
      this.restingOn = mark;
      if (mark) void cards.prepare(mark);
      else cards.unprepare();
    }
    if (mark) {
      const rested = Math.max(0, performance.now() - p.at);
      this.dwellTimer = this.timers?.timeout(
        () => {
          this.dwellTimer = undefined;
          this.cancelClose();
          void cards.open(mark, false);
        },
        Math.max(0, this.parts.prefs().dwellMs - rested),
      );
    }
    if (cards.hasOpenMark && !this.closeTimer) this.closeTimer = this.timers?.timeout(() => this.closeCard(), CLOSE_GRACE_MS);
  }

  /** The mark under a point: the caret there, then the mark's own boxes (the caret snaps to the nearest text). */
  markAtPoint(x: number, y: number): Mark | undefined {
    const doc = this.parts.doc as CaretDocument;
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
    // The caret is the nearest gap between characters: look at the character on either side.
    for (const o of [offset, offset - 1]) {
      if (o < 0) continue;
      const mark = this.parts.model.markAtCaret(node, o);
      if (
        mark &&
        [...this.parts.painter.range(mark).getClientRects()].some(
          (r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1,
        )
      )
        return mark;
    }
    return undefined;
  }
}
