// One host element with an open shadow root holds the card: page CSS cannot reach in,
// styles come from constructable stylesheets (no inline <style>, so strict page CSPs
// do not block them), and the card is placed next to the mark with Floating UI.
//
// On a narrow viewport the card is a bottom sheet instead (sheet.ts): not placed by
// Floating UI, the page scrolled so the word stays above it, closed by a swipe or Back.
//
// The card itself is the positioned (fixed) element and the host never moves: a
// transform on the host would make it the card's containing block, and every card
// after the first would be placed relative to where the previous one was.

import { styleSheets } from '../ui/adopt-styles';
import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import { Card, type CardProps } from '../ui/card';
import type { CardData } from '../shared/views';
import cardCss from '../ui/card.css?inline';
import themeCss from '../ui/theme.css?inline';
import { isNarrow, keepAboveSheet, SheetHistory, swipeToClose } from './sheet';
import { OWN_HOST_TAG } from './text-reader';

export interface CardOptions extends Pick<CardProps, 'onSiteOff' | 'onIgnore' | 'onOptions' | 'notice'> {
  readAs?: string;
  focus: boolean;
  onOpenPledge?: (id: string) => void;
}

export interface CardHost {
  /** Shows the card to the reader; if prepare() already rendered and placed this very card, only reveals it. */
  show(anchor: Range, card: CardData, options: CardOptions): void;
  /** Renders and places a card while the pointer rests, still hidden: show() then costs one style change. */
  prepare(anchor: Range, card: CardData, options: CardOptions): void;
  /** Drops a prepared card that was never shown. */
  unprepare(): void;
  hide(): void;
  isOpen(): boolean;
  contains(node: EventTarget | null): boolean;
  element: HTMLElement;
}

const EDGE = 8;
const CARD_WIDTH = 380;
/** Below the mark, or above it when below has no room (flip's best fit: the side with more room);
 * slid sideways only (never over the mark); a card taller than the room scrolls inside. */
const PLACEMENT = [
  offset(6),
  flip({ padding: EDGE, crossAxis: false }),
  shift({ padding: EDGE }),
  size({
    padding: EDGE,
    apply({ availableHeight, elements }) {
      elements.floating.style.maxHeight = `min(70vh, 560px, ${Math.max(96, Math.floor(availableHeight))}px)`;
    },
  }),
];

export function createCardHost(onClose: () => void): CardHost {
  // A host left by an earlier version of the extension (its script was unloaded with it) goes.
  for (const old of document.querySelectorAll(OWN_HOST_TAG.toLowerCase())) old.remove();
  const host = document.createElement(OWN_HOST_TAG.toLowerCase());
  host.style.setProperty('position', 'fixed', 'important');
  host.style.setProperty('top', '0', 'important');
  host.style.setProperty('left', '0', 'important');
  host.style.setProperty('width', '0', 'important');
  host.style.setProperty('height', '0', 'important');
  host.style.setProperty('z-index', '2147483647', 'important');
  host.style.setProperty('display', 'none', 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = styleSheets(themeCss, cardCss);
  const mount = document.createElement('div');
  const announce = document.createElement('div');
  announce.className = 'announce';
  announce.setAttribute('aria-live', 'polite');
  shadow.append(mount, announce);
  swipeToClose(shadow, onClose);
  const history = new SheetHistory(window, () => {
    if (open) onClose();
  });
  let open = false;
  let returnFocus: Element | null = null;
  let placing = 0;
  let stopFollowing: (() => void) | undefined;
  /** What is rendered in the host while hidden, ready to be shown. */
  let prepared: { anchor: Range; card: CardData; options: CardOptions; sheet: boolean; placed: boolean } | undefined;
  /** Set while shown but not yet placed: reveal once placed. */
  let revealWhenPlaced = false;
  let focusWhenPlaced = false;

  function clear() {
    stopFollowing?.();
    stopFollowing = undefined;
    placing++;
    prepared = undefined;
    revealWhenPlaced = false;
    focusWhenPlaced = false;
    render(null, mount);
    host.style.setProperty('display', 'none', 'important');
  }

  function hide() {
    if (!open) return;
    open = false;
    history.closed();
    clear();
    if (returnFocus instanceof HTMLElement) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  function reveal(floating: HTMLElement) {
    host.style.setProperty('visibility', 'visible', 'important');
    if (focusWhenPlaced) {
      focusWhenPlaced = false;
      floating.tabIndex = -1;
      floating.focus({ preventScroll: true });
    }
  }

  /** Renders the card hidden and keeps it placed next to the anchor (Floating UI). */
  function renderPlaced(anchor: Range, card: CardData, options: CardOptions) {
    if (!host.isConnected) document.documentElement.append(host);
    host.style.setProperty('visibility', 'hidden', 'important');
    host.style.setProperty('display', 'block', 'important');
    const { readAs, onOpenPledge, onSiteOff, onIgnore, onOptions, notice } = options;
    const sheet = isNarrow(document);
    render(<Card card={card} onClose={onClose} {...{ readAs, onOpenPledge, onSiteOff, onIgnore, onOptions, notice, sheet }} />, mount);
    // Measured live: the page may still be scrolling to the mark (keyboard), or scroll later.
    const reference: VirtualElement = {
      getBoundingClientRect: () => anchor.getClientRects()[0] ?? anchor.getBoundingClientRect(),
      getClientRects: () => anchor.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    const floating = mount.firstElementChild as HTMLElement;
    const token = ++placing;
    const entry = { anchor, card, options, sheet, placed: sheet };
    prepared = entry;
    stopFollowing?.();
    stopFollowing = undefined;
    if (sheet) return; // placed by its CSS, at the bottom
    stopFollowing = autoUpdate(reference, floating, () => {
      // Measure the card at its natural height, so flip() picks the side with room for it; as
      // wide as the page's own width allows (100vw would count a classic scrollbar).
      floating.style.maxHeight = '';
      floating.style.width = `${Math.min(CARD_WIDTH, document.documentElement.clientWidth - 2 * EDGE)}px`;
      void computePosition(reference, floating, { strategy: 'fixed', placement: 'bottom-start', middleware: PLACEMENT }).then(
        ({ x, y }) => {
          if (token !== placing) return;
          floating.style.left = `${Math.round(x)}px`;
          floating.style.top = `${Math.round(y)}px`;
          entry.placed = true;
          // Hidden until placed, so it never shows at the corner for a frame.
          if (revealWhenPlaced) {
            revealWhenPlaced = false;
            reveal(floating);
          }
        },
      );
    });
  }

  return {
    element: host,
    isOpen: () => open,
    contains: (node) => node instanceof Node && (node === host || host.contains(node) || shadow.contains(node)),
    hide,
    prepare(anchor, card, options) {
      if (open) return; // never disturb a card the reader is looking at
      renderPlaced(anchor, card, options);
    },
    unprepare() {
      if (!open && prepared) clear();
    },
    show(anchor, card, options) {
      const again = open && prepared?.anchor === anchor; // the same card with a notice
      open = true;
      announce.textContent = `${card.name}: ${card.description}`;
      // A hidden element cannot take focus: the card is focused once it is placed and shown.
      focusWhenPlaced = options.focus;
      if (options.focus && document.activeElement !== host) returnFocus = document.activeElement; // stepping from card to card keeps where focus came from
      const was = prepared;
      const ready =
        was && was.anchor === anchor && was.card === card && was.options.readAs === options.readAs && was.options.notice === options.notice;
      if (!ready) renderPlaced(anchor, card, options);
      const floating = mount.firstElementChild as HTMLElement;
      if (prepared?.sheet) {
        // Shown again with a notice: the page was already scrolled for this word.
        if (!again) keepAboveSheet(anchor, floating);
        history.opened();
      }
      if (prepared?.placed) reveal(floating);
      else revealWhenPlaced = true;
    },
  };
}
