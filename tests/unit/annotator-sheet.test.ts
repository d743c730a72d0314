// @vitest-environment happy-dom
// The bottom sheet's parts: the swipe down that closes it, Back (one history entry of ours,
// whose popstates the page's own listeners never see), and keeping the word above it.
import { describe, expect, it, vi } from 'vitest';
import { isNarrow, keepAboveSheet, SheetHistory, SWIPE_CLOSE_PX, swipeToClose } from '../../src/annotator/sheet';

function sheetIn(root: ShadowRoot): HTMLElement {
  root.innerHTML =
    '<div class="card sheet"><div class="top"><div class="drag-handle"></div><button class="close">×</button></div><p>Body</p></div>';
  return root.querySelector('.card')!;
}

function drag(target: Element, dy: number): void {
  const init = { pointerId: 7, bubbles: true, composed: true, clientX: 50 };
  target.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientY: 500 }));
  target.dispatchEvent(new PointerEvent('pointermove', { ...init, clientY: 500 + dy }));
  target.dispatchEvent(new PointerEvent('pointerup', { ...init, clientY: 500 + dy }));
}

describe('the bottom sheet', () => {
  it('closes on a swipe down of its top far enough, not on a short one, not from its buttons or body', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const sheet = sheetIn(root);
    const onClose = vi.fn();
    swipeToClose(root, onClose);
    drag(sheet.querySelector('.drag-handle')!, SWIPE_CLOSE_PX / 2);
    expect(onClose).not.toHaveBeenCalled();
    expect(sheet.style.transform).toBe(''); // snapped back
    drag(sheet.querySelector('p')!, SWIPE_CLOSE_PX * 2);
    drag(sheet.querySelector('.close')!, SWIPE_CLOSE_PX * 2);
    expect(onClose).not.toHaveBeenCalled();
    drag(sheet.querySelector('.drag-handle')!, SWIPE_CLOSE_PX + 10);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('Back closes it, and the page’s own popstate listeners see none of our entry’s comings and goings', async () => {
    const onBack = vi.fn();
    const history = new SheetHistory(window, onBack);
    const pageSaw = vi.fn();
    window.addEventListener('popstate', pageSaw);
    const length = window.history.length;
    history.opened();
    history.opened(); // shown again with a notice: still one entry
    expect(window.history.length).toBe(length + 1);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null })); // the reader's Back
    expect(onBack).toHaveBeenCalledTimes(1);
    expect(pageSaw).not.toHaveBeenCalled();
    history.closed(); // already gone back: nothing more
    // Closed otherwise: we go back over our entry, and its popstate is ours too.
    history.opened();
    const back = vi.spyOn(window.history, 'back').mockImplementation(() => window.dispatchEvent(new PopStateEvent('popstate')));
    history.closed();
    expect(back).toHaveBeenCalledTimes(1);
    expect(onBack).toHaveBeenCalledTimes(1);
    expect(pageSaw).not.toHaveBeenCalled();
    // The page navigated on its own since the sheet opened: its entry is not ours to go back over.
    history.opened();
    window.history.pushState({ page: 2 }, '');
    history.closed();
    expect(back).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
    expect(pageSaw).toHaveBeenCalledTimes(1);
    back.mockRestore();
    window.removeEventListener('popstate', pageSaw);
  });

  it('scrolls the word above the sheet, and lowers the sheet where the page cannot scroll', () => {
    Object.defineProperty(document.documentElement, 'clientHeight', { value: 800, configurable: true });
    Object.defineProperty(document.documentElement, 'clientWidth', { value: 390, configurable: true });
    expect(isNarrow(document)).toBe(true);
    const sheet = document.createElement('div');
    document.body.append(sheet);
    Object.defineProperty(sheet, 'offsetHeight', { value: 400 });
    let wordTop = 600; // under the sheet's top at 400
    const word = {
      getClientRects: () => [{ top: wordTop, bottom: wordTop + 20 }],
      getBoundingClientRect: () => ({ top: wordTop, bottom: wordTop + 20 }),
    } as unknown as Range;
    const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(((o: ScrollToOptions) => (wordTop -= o.top ?? 0)) as never);
    keepAboveSheet(word, sheet);
    expect(wordTop + 20).toBeLessThanOrEqual(400);
    expect(sheet.style.maxHeight).toBe('');
    // At the end of the page: the scroll does nothing, the sheet is lowered below the word.
    wordTop = 600;
    scrollBy.mockImplementation(() => {});
    keepAboveSheet(word, sheet);
    expect(sheet.style.maxHeight).toBe(`${800 - 620 - 12}px`);
    scrollBy.mockRestore();
  });
});
