// @vitest-environment happy-dom
// Pointer and keys: hit-testing by caret and the mark's boxes, the dwell before a card opens
// (its data asked for as the pointer lands), the grace before it closes, Escape, key stepping.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCardHost } from '../../src/annotator/card-host';
import { CardPresenter } from '../../src/annotator/card-presenter';
import { Painter } from '../../src/annotator/marks';
import { PageModel } from '../../src/annotator/page-model';
import { CLOSE_GRACE_MS, PointerAndKeys } from '../../src/annotator/pointer-keys';
import { readPageText } from '../../src/annotator/text-reader';
import { DEFAULT_PREFS } from '../../src/shared/prefs';
import { installHighlights, installLayout, NameMatcher, settle } from './annotator-page';
import { cardData } from './card-data';

const DWELL = 300;
const cardFor = (id: string) => cardData(id);

// "Monitor and the Care Quality Commission": Monitor spans x 0–70, the CQC x 160–390 (10 px a character).
function setUp(
  reading: { unread: () => boolean; readOn: () => Promise<void> } = { unread: () => false, readOn: async () => {} },
  cardUi = () => Promise.resolve(createCardHost),
) {
  installHighlights();
  document.body.innerHTML = '<p>Monitor and the Care Quality Commission</p>';
  installLayout(document);
  const painter = new Painter(window);
  const prefs = () => ({ ...DEFAULT_PREFS, dwellMs: DWELL });
  const model = new PageModel({ painter, prefs, styleRoots: () => {} });
  const page = readPageText(document.body);
  model.replace(page, new NameMatcher(['Monitor', 'Care Quality Commission']).find(page.text), { date: '2024-05-01', lang: null });
  model.repaint();
  const fetchCard = vi.fn(async ({ id }: { id: string }) => cardFor(id));
  const pointer: { current?: PointerAndKeys } = {};
  const cards = new CardPresenter({
    doc: document,
    painter,
    date: () => model.date,
    roleName: () => undefined,
    fetchCard,
    openPledge: () => {},
    onClose: () => pointer.current!.closeCard(),
    menu: { siteOff: vi.fn(), siteUndo: vi.fn(), ignore: vi.fn(), openOptions: vi.fn() },
    orphaned: () => false,
    cardUi,
  });
  const keys = (pointer.current = new PointerAndKeys({ doc: document, model, painter, cards, prefs, orphaned: () => false, ...reading }));
  const abort = new AbortController();
  keys.listen(abort.signal);
  return { model, cards, keys, fetchCard, abort };
}

function move(x: number): void {
  document.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: 10 }));
  vi.advanceTimersToNextFrame();
}

describe('PointerAndKeys', () => {
  let abort: AbortController | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
  });
  afterEach(() => {
    abort?.abort();
    vi.useRealTimers();
  });

  it('finds the mark under a point, and none between marks', () => {
    const t = setUp();
    abort = t.abort;
    expect(t.keys.markAtPoint(35, 10)?.match.id).toBe('monitor');
    expect(t.keys.markAtPoint(200, 10)?.match.id).toBe('care-quality-commission');
    expect(t.keys.markAtPoint(100, 10)).toBeUndefined();
    expect(t.keys.markAtPoint(35, 50)).toBeUndefined(); // below the mark's box
  });

  it('asks for the card when the pointer lands and opens it only when the dwell has passed', async () => {
    const t = setUp();
    abort = t.abort;
    const monitor = t.model.marks[0]!;
    move(35);
    expect(t.fetchCard).toHaveBeenCalledWith({ id: 'monitor', date: '2024-05-01' });
    move(45); // moving within the mark restarts the dwell from this move
    await vi.advanceTimersByTimeAsync(DWELL - 20);
    expect(t.cards.isOpenOn(monitor)).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(t.cards.isOpenOn(monitor)).toBe(true);
    expect(t.fetchCard).toHaveBeenCalledTimes(1); // the card asked for on landing is the one opened
  });

  it('loads the card’s UI on the first card, not before, and once; a failed load is tried again on the next card', async () => {
    let fail = true;
    const cardUi = vi.fn(async () => {
      if (fail) throw new Error('the background is asleep');
      return createCardHost;
    });
    const t = setUp(undefined, cardUi);
    abort = t.abort;
    expect(cardUi).not.toHaveBeenCalled();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    move(35); // Monitor: its UI does not load, so no card, and a warning says why
    await vi.advanceTimersByTimeAsync(DWELL + 50);
    expect(t.cards.isShown()).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.any(String), 'no card for', 'monitor', expect.any(Error));
    warn.mockRestore();
    fail = false;
    move(200); // the CQC: loaded now
    await vi.advanceTimersByTimeAsync(DWELL + 50);
    expect(t.cards.isShown()).toBe(true);
    const loads = cardUi.mock.calls.length;
    move(35); // Monitor again: the UI is not loaded again
    await vi.advanceTimersByTimeAsync(DWELL + 50);
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
    expect(t.cards.isShown()).toBe(true);
    expect(cardUi).toHaveBeenCalledTimes(loads);
  });

  it('closes the card a grace period after the pointer leaves its mark, and not if it comes back', async () => {
    const t = setUp();
    abort = t.abort;
    const monitor = t.model.marks[0]!;
    move(35);
    await vi.advanceTimersByTimeAsync(DWELL);
    expect(t.cards.isOpenOn(monitor)).toBe(true);
    move(100);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS - 50);
    move(35); // back on the open mark in time: the card stays, without a fresh dwell
    await vi.advanceTimersByTimeAsync(20);
    expect(t.cards.isOpenOn(monitor)).toBe(true);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS);
    expect(t.cards.isOpenOn(monitor)).toBe(true);
    move(100);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS);
    expect(t.cards.hasOpenMark).toBe(false);
  });

  it('a pointer that passes over a mark quicker than the dwell opens nothing', async () => {
    const t = setUp();
    abort = t.abort;
    move(35);
    await vi.advanceTimersByTimeAsync(DWELL / 2);
    move(100);
    await vi.advanceTimersByTimeAsync(DWELL * 2);
    expect(t.cards.hasOpenMark).toBe(false);
  });

  it('steps through the marks with Alt+Shift+J and K, and opens each one’s card', async () => {
    const t = setUp();
    abort = t.abort;
    const key = (code: string) =>
      document.dispatchEvent(new KeyboardEvent('keydown', { code, key: code.slice(3).toLowerCase(), altKey: true, shiftKey: true }));
    key('KeyJ');
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
    key('KeyJ');
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[1]!)).toBe(true);
    key('KeyK');
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
    expect(t.keys.revealEntity('care-quality-commission')).toBe(true);
    expect(t.keys.revealEntity('nobody')).toBe(false);
  });

  it('stepping past the last mark read of a long page reads on first', async () => {
    let unread = true;
    const readOn = vi.fn(async () => {
      unread = false; // the rest held no further mark
    });
    const t = setUp({ unread: () => unread, readOn });
    abort = t.abort;
    t.keys.step(1);
    t.keys.step(1);
    await settle();
    expect(readOn).not.toHaveBeenCalled();
    expect(t.cards.isOpenOn(t.model.marks[1]!)).toBe(true);
    t.keys.step(1);
    await settle();
    expect(readOn).toHaveBeenCalledTimes(1);
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true); // read to the end: round to the first
  });

  it('listens no more once its signal aborts', async () => {
    const t = setUp();
    t.abort.abort();
    move(35);
    await vi.advanceTimersByTimeAsync(DWELL * 2);
    expect(t.fetchCard).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
