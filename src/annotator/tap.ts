// Taps and clicks that open cards. On a touch or pen pointer a tap on a mark opens its card
// (in every trigger mode: a finger cannot rest); in the 'click' mode a mouse click does too.
// A tap or click elsewhere closes the card. The page's own action keeps working: a mark
// inside a link follows the link unless the reader chose "tap opens cards in links too",
// and only a tap that opened a card has its click's default prevented.

import type { Prefs, Trigger } from '../shared/prefs';
import type { Mark } from './marks';

/** How far a finger may move and still tap (CSS px), and how long a tap may last. */
export const TAP_SLOP_PX = 10;
export const TAP_MAX_MS = 600;

export interface TapParts {
  doc: Document;
  prefs: () => Prefs;
  markAtPoint(x: number, y: number): Mark | undefined;
  /** Where the mark's text is in the page (to find a link around it). */
  markNode(mark: Mark): Node;
  /** Whether an event's target is our card (its own controls handle it). */
  inCard(target: EventTarget | null): boolean;
  isShown(): boolean;
  open(mark: Mark): void;
  close(): void;
  orphaned: () => boolean;
}

/** Whether a press with this pointer opens cards under this trigger mode. */
export function opensOnPress(pointerType: string, trigger: Trigger): boolean {
  return pointerType === 'touch' || pointerType === 'pen' || (pointerType === 'mouse' && trigger === 'click');
}

/** The link a node is inside, if any: the page's own action for a tap there. */
export function linkAround(node: Node | null | undefined): Element | null {
  const el = node instanceof Element ? node : node?.parentElement;
  return el?.closest('a[href], area[href]') ?? null;
}

interface Press {
  id: number;
  x: number;
  y: number;
  at: number;
}

export class TapOpener {
  private press: Press | undefined;
  /** The click that follows a tap which opened a card: its default (a link) is prevented. */
  private swallow: { x: number; y: number; until: number } | undefined;

  constructor(private readonly parts: TapParts) {}

  listen(signal: AbortSignal): void {
    const { doc } = this.parts;
    const passive = { capture: true, passive: true, signal };
    doc.addEventListener('pointerdown', this.onDown, passive);
    doc.addEventListener('pointermove', this.onMove, passive);
    doc.addEventListener('pointercancel', this.onCancel, passive);
    doc.addEventListener('pointerup', this.onUp, passive);
    doc.addEventListener('click', this.onClick, { capture: true, signal });
  }

  private readonly onDown = (e: PointerEvent): void => {
    this.press = e.isPrimary && e.button === 0 ? { id: e.pointerId, x: e.clientX, y: e.clientY, at: e.timeStamp } : undefined;
  };

  private readonly onMove = (e: PointerEvent): void => {
    const p = this.press;
    if (p && e.pointerId === p.id && Math.hypot(e.clientX - p.x, e.clientY - p.y) > TAP_SLOP_PX) this.press = undefined;
  };

  private readonly onCancel = (): void => {
    this.press = undefined; // the browser took the gesture (a scroll, a zoom)
  };

  private readonly onUp = (e: PointerEvent): void => {
    const p = this.press;
    this.press = undefined;
    if (!p || e.pointerId !== p.id || this.parts.orphaned()) return;
    if (Math.hypot(e.clientX - p.x, e.clientY - p.y) > TAP_SLOP_PX || e.timeStamp - p.at > TAP_MAX_MS) return;
    const prefs = this.parts.prefs();
    if (!opensOnPress(e.pointerType, prefs.trigger) || this.parts.inCard(e.target)) return;
    const mark = this.parts.markAtPoint(e.clientX, e.clientY);
    if (!mark) {
      if (this.parts.isShown()) this.parts.close();
      return;
    }
    const inLink = linkAround(e.target as Node | null) ?? linkAround(this.parts.markNode(mark));
    if (inLink && !prefs.tapInLinks) return; // the link is followed, as without us
    this.swallow = { x: e.clientX, y: e.clientY, until: e.timeStamp + 1000 };
    this.parts.open(mark);
  };

  private readonly onClick = (e: MouseEvent): void => {
    const s = this.swallow;
    this.swallow = undefined;
    if (s && e.timeStamp <= s.until && Math.hypot(e.clientX - s.x, e.clientY - s.y) <= 3 * TAP_SLOP_PX) e.preventDefault();
  };
}
