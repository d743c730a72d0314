// One host element with an open shadow root holds the card: page CSS cannot reach in,
// styles come from constructable stylesheets (no inline <style>, so strict page CSPs
// do not block them), and the card is placed next to the mark with Floating UI.

import { autoUpdate, computePosition, flip, offset, shift, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import { Card } from '../ui/card';
import type { CardData } from '../shared/views';
import cardCss from '../ui/card.css?inline';
import themeCss from '../ui/theme.css?inline';
import { OWN_HOST_TAG } from './text-reader';

export interface CardHost {
  show(anchor: Range, card: CardData, options: { readAs?: string; focus: boolean; onOpenPledge?: (id: string) => void }): void;
  hide(): void;
  isOpen(): boolean;
  contains(node: EventTarget | null): boolean;
  element: HTMLElement;
}

function sheet(css: string): CSSStyleSheet | null {
  try {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  } catch {
    return null;
  }
}

export function createCardHost(onClose: () => void): CardHost {
  const host = document.createElement(OWN_HOST_TAG.toLowerCase());
  host.style.setProperty('position', 'fixed', 'important');
  host.style.setProperty('top', '0', 'important');
  host.style.setProperty('left', '0', 'important');
  host.style.setProperty('z-index', '2147483647', 'important');
  host.style.setProperty('display', 'none', 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  const sheets = [sheet(themeCss), sheet(cardCss)].filter((s): s is CSSStyleSheet => s !== null);
  shadow.adoptedStyleSheets = sheets;
  const mount = document.createElement('div');
  const announce = document.createElement('div');
  announce.className = 'announce';
  announce.setAttribute('aria-live', 'polite');
  shadow.append(mount, announce);
  let open = false;
  let returnFocus: Element | null = null;
  let placing = 0;
  let stopFollowing: (() => void) | undefined;

  function hide() {
    if (!open) return;
    open = false;
    stopFollowing?.();
    stopFollowing = undefined;
    render(null, mount);
    host.style.setProperty('display', 'none', 'important');
    if (returnFocus instanceof HTMLElement) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  return {
    element: host,
    isOpen: () => open,
    contains: (node) => node instanceof Node && (node === host || host.contains(node) || shadow.contains(node)),
    hide,
    show(anchor, card, options) {
      if (!host.isConnected) document.documentElement.append(host);
      open = true;
      host.style.setProperty('display', 'block', 'important');
      render(<Card card={card} readAs={options.readAs} onOpenPledge={options.onOpenPledge} onClose={onClose} />, mount);
      announce.textContent = `${card.name}: ${card.description}`;
      // Measured live: the page may still be scrolling to the mark (keyboard), or scroll later.
      const reference: VirtualElement = {
        getBoundingClientRect: () => anchor.getClientRects()[0] ?? anchor.getBoundingClientRect(),
        getClientRects: () => anchor.getClientRects(),
        contextElement: anchor.startContainer.parentElement ?? undefined,
      };
      const floating = mount.firstElementChild as HTMLElement;
      // Hidden until placed, so it never shows at the corner for a frame.
      host.style.setProperty('visibility', 'hidden', 'important');
      const token = ++placing;
      // A hidden element cannot take focus: the card is focused once it is placed and shown.
      let focusWhenPlaced = options.focus;
      stopFollowing?.();
      stopFollowing = autoUpdate(reference, floating, () => {
        void computePosition(reference, floating, { strategy: 'fixed', placement: 'bottom-start', middleware: [offset(6), flip(), shift({ padding: 8 })] }).then(({ x, y }) => {
          if (token !== placing || !open) return;
          host.style.setProperty('transform', `translate(${Math.round(x)}px, ${Math.round(y)}px)`, 'important');
          host.style.setProperty('visibility', 'visible', 'important');
          if (focusWhenPlaced) {
            focusWhenPlaced = false;
            floating.tabIndex = -1;
            floating.focus({ preventScroll: true });
          }
        });
      });
      if (options.focus) {
        // Stepping from card to card keeps the place focus first came from.
        if (document.activeElement !== host) returnFocus = document.activeElement;
      }
    },
  };
}
