// The card as a bottom sheet on a narrow viewport: it must never cover the word it explains
// (the page scrolls the word above it, or the sheet gets lower), it closes on a swipe down
// of its top, and Back closes it: opening pushes one history entry of ours, which Back pops;
// closed otherwise, we go back over our own entry. The popstate events that are ours are
// kept from the page's listeners, so its own history handling never sees our entry.

/** Narrower than this (CSS px), the card is a bottom sheet. */
export const SHEET_BELOW_PX = 480;
/** Room kept between the word and the sheet's top edge. */
const GAP = 12;
/** The least a sheet is lowered to: its head and a few lines. */
const MIN_SHEET = 120;
/** How far the top is dragged down to close. */
export const SWIPE_CLOSE_PX = 60;

export function isNarrow(doc: Document): boolean {
  return doc.documentElement.clientWidth < SHEET_BELOW_PX;
}

/** Scrolls the page so that `word` is above the sheet; where the page cannot scroll that far, lowers the sheet. */
export function keepAboveSheet(word: Range, sheet: HTMLElement): void {
  const win = sheet.ownerDocument.defaultView;
  const viewport = sheet.ownerDocument.documentElement.clientHeight;
  const sheetTop = () => viewport - sheet.offsetHeight; // offsetHeight: its rise animation's transform does not count
  const box = () => word.getClientRects()[0] ?? word.getBoundingClientRect();
  let b = box();
  if (b.bottom + GAP > sheetTop() || b.top < 0) {
    // Into the upper third of the room above the sheet: the line before it stays readable too.
    win?.scrollBy({ top: b.top - Math.max(GAP, sheetTop() / 3), behavior: 'instant' });
    b = box();
  }
  if (b.bottom + GAP > sheetTop())
    sheet.style.setProperty('max-height', `${Math.max(MIN_SHEET, viewport - b.bottom - GAP)}px`, 'important');
}

/** The sheet's swipe down: a pointer drag on its top moves it with the finger; far enough, it closes. */
export function swipeToClose(root: ShadowRoot, onClose: () => void): void {
  let drag: { id: number; y: number; sheet: HTMLElement; dy: number } | undefined;
  // A shadow root's addEventListener is typed for plain events only.
  const on = (type: string, listener: (e: PointerEvent) => void) => root.addEventListener(type, listener as EventListener);
  on('pointerdown', (e) => {
    const target = e.target as Element;
    const sheet = target.closest?.<HTMLElement>('.card.sheet');
    // The top (handle and head) drags; its buttons stay buttons.
    if (!sheet || !target.closest('.top') || target.closest('button')) return;
    drag = { id: e.pointerId, y: e.clientY, sheet, dy: 0 };
    sheet.setPointerCapture?.(e.pointerId);
  });
  on('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    drag.dy = Math.max(0, e.clientY - drag.y);
    drag.sheet.style.transform = `translateY(${drag.dy}px)`;
  });
  const end = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    const { sheet, dy } = drag;
    drag = undefined;
    sheet.style.transform = '';
    if (e.type === 'pointerup' && dy >= SWIPE_CLOSE_PX) onClose();
  };
  on('pointerup', end);
  on('pointercancel', end);
}

/** Back closes the sheet: one history entry while it is open. */
export class SheetHistory {
  private readonly marker = `hpa-card-sheet-${Math.random().toString(36).slice(2)}`;
  private pushed = false;
  /** Our own history.back() is under way: its popstate is ours. */
  private goingBack = false;

  constructor(
    private readonly win: Window,
    onBack: () => void,
  ) {
    // Capture on the window: ahead of the page's own listeners, which never see our entry come and go.
    win.addEventListener(
      'popstate',
      (e) => {
        if (this.goingBack) {
          this.goingBack = false;
          e.stopImmediatePropagation();
        } else if (this.pushed) {
          this.pushed = false;
          e.stopImmediatePropagation();
          onBack();
        }
      },
      { capture: true },
    );
  }

  opened(): void {
    if (this.pushed) return;
    this.win.history.pushState(this.marker, '');
    this.pushed = true;
  }

  /** Closed by anything but Back: leave our entry, if it is still the current one (the page may have navigated since). */
  closed(): void {
    if (!this.pushed) return;
    this.pushed = false;
    if (this.win.history.state !== this.marker) return;
    this.goingBack = true;
    this.win.history.back();
  }
}
