// @vitest-environment happy-dom
// Taps and trigger modes: a touch tap opens a card in every mode, a tap elsewhere closes it,
// a mark inside a link follows the link unless tapInLinks, 'alt'/'shift' dwell only while the
// key is held, 'click' opens on a click only; the card menu's actions and the ignore list.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCardHost } from '../../src/annotator/card-host';
import { CardPresenter } from '../../src/annotator/card-presenter';
import { Painter, selectMarked } from '../../src/annotator/marks';
import { PageModel } from '../../src/annotator/page-model';
import { dwellArmed, PointerAndKeys } from '../../src/annotator/pointer-keys';
import { linkAround, opensOnPress, TAP_MAX_MS, TAP_SLOP_PX } from '../../src/annotator/tap';
import { readPageText } from '../../src/annotator/text-reader';
import { DEFAULT_PREFS, type Prefs } from '../../src/shared/prefs';
import { installHighlights, installLayout, NameMatcher, settle } from './annotator-page';
import { cardData } from './card-data';

const DWELL = 300;
const cardFor = (id: string) => cardData(id);

// "Monitor and the Care Quality Commission": Monitor at x 0–70, outside any link; the CQC at
// x 160–390, the text of a link.
function setUp(prefs: Partial<Prefs> = {}) {
  installHighlights();
  document.body.innerHTML = '<p>Monitor and the <a href="#followed">Care Quality Commission</a></p>';
  installLayout(document);
  const painter = new Painter(window);
  const current: Prefs = { ...DEFAULT_PREFS, dwellMs: DWELL, ...prefs };
  const model = new PageModel({ painter, prefs: () => current, styleRoots: () => {} });
  const page = readPageText(document.body);
  model.replace(page, new NameMatcher(['Monitor', 'Care Quality Commission']).find(page.text), { date: '2024-05-01', lang: null });
  model.repaint();
  const pointer: { current?: PointerAndKeys } = {};
  const menu = {
    siteOff: vi.fn(async () => {
      cards.close(); // the background's tab:site-changed switches the page off before it answers
      return {};
    }),
    siteUndo: vi.fn(async () => ({})),
    ignore: vi.fn(async () => ({})),
    openOptions: vi.fn(async () => ({ opened: true })),
  };
  const cards = new CardPresenter({
    doc: document,
    painter,
    date: () => model.date,
    roleName: () => undefined,
    fetchCard: async ({ id }) => cardFor(id),
    openPledge: () => {},
    menu,
    onClose: () => pointer.current!.closeCard(),
    orphaned: () => false,
    cardUi: () => Promise.resolve(createCardHost),
  });
  const keys = (pointer.current = new PointerAndKeys({
    doc: document,
    model,
    painter,
    cards,
    unread: () => false,
    readOn: async () => {},
    prefs: () => current,
    orphaned: () => false,
  }));
  const abort = new AbortController();
  keys.listen(abort.signal);
  return { model, cards, keys, abort, menu, prefs: current };
}

type Pointer = 'touch' | 'pen' | 'mouse';

/** A press and release at x (y 10), on the element there, and the click the browser then sends; whether the click's default was prevented. */
function tap(x: number, pointerType: Pointer = 'touch', options: { moveTo?: number; holdMs?: number } = {}): boolean {
  const target = x >= 160 && x < 390 ? document.querySelector('a')! : document.querySelector('p')!;
  const init = { clientY: 10, pointerType, pointerId: 1, isPrimary: true, button: 0, bubbles: true, composed: true };
  target.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: x }));
  const end = options.moveTo ?? x;
  if (options.moveTo !== undefined) target.dispatchEvent(new PointerEvent('pointermove', { ...init, clientX: end }));
  if (options.holdMs) vi.advanceTimersByTime(options.holdMs);
  target.dispatchEvent(new PointerEvent('pointerup', { ...init, clientX: end }));
  const click = new MouseEvent('click', { clientX: end, clientY: 10, bubbles: true, cancelable: true });
  target.dispatchEvent(click);
  return click.defaultPrevented;
}

function move(x: number, keys: { altKey?: boolean; shiftKey?: boolean } = {}, pointerType: Pointer = 'mouse'): void {
  document.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: 10, pointerType, ...keys }));
  vi.advanceTimersToNextFrame();
}

describe('taps, clicks and trigger modes', () => {
  let abort: AbortController | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
  });
  afterEach(() => {
    abort?.abort();
    vi.useRealTimers();
  });

  it('which pointers open cards by a press, which keys arm the dwell, which links a node is in', () => {
    expect(['dwell', 'alt', 'shift', 'click'].map((t) => opensOnPress('touch', t as Prefs['trigger']))).toEqual([true, true, true, true]);
    expect(opensOnPress('pen', 'dwell')).toBe(true);
    expect(opensOnPress('mouse', 'dwell')).toBe(false);
    expect(opensOnPress('mouse', 'click')).toBe(true);
    const none = { alt: false, shift: false };
    expect(dwellArmed('dwell', none)).toBe(true);
    expect(dwellArmed('alt', none)).toBe(false);
    expect(dwellArmed('alt', { alt: true, shift: false })).toBe(true);
    expect(dwellArmed('shift', { alt: true, shift: false })).toBe(false);
    expect(dwellArmed('shift', { alt: false, shift: true })).toBe(true);
    expect(dwellArmed('click', { alt: true, shift: true })).toBe(false);
    document.body.innerHTML = '<a href="/x"><b>in</b></a><a>no href</a><p>out</p>';
    expect(linkAround(document.querySelector('b')!.firstChild)?.getAttribute('href')).toBe('/x');
    expect(linkAround(document.querySelector('a:not([href])')!.firstChild)).toBeNull();
    expect(linkAround(document.querySelector('p'))).toBeNull();
  });

  it('a tap on a mark opens its card and keeps the tap from doing more; a tap elsewhere closes it', async () => {
    const t = setUp();
    abort = t.abort;
    expect(tap(35)).toBe(true);
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
    expect(t.cards.isShown()).toBe(true);
    expect(tap(120)).toBe(false); // between the marks: the page's own tap, untouched
    await settle();
    expect(t.cards.hasOpenMark).toBe(false);
  });

  it('a pen taps as a finger does; a drag or a long press is not a tap', async () => {
    const t = setUp();
    abort = t.abort;
    expect(tap(35, 'touch', { moveTo: 35 + TAP_SLOP_PX + 5 })).toBe(false);
    expect(tap(35, 'touch', { holdMs: TAP_MAX_MS + 50 })).toBe(false);
    await settle();
    expect(t.cards.hasOpenMark).toBe(false);
    tap(35, 'pen');
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
  });

  it('a tap on a marked word inside a link follows the link, unless the reader chose taps in links to open cards', async () => {
    const t = setUp();
    abort = t.abort;
    expect(tap(200)).toBe(false);
    await settle();
    expect(t.cards.hasOpenMark).toBe(false);
    t.prefs.tapInLinks = true;
    expect(tap(200)).toBe(true);
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[1]!)).toBe(true);
  });

  it('a finger moving over a mark never opens its card by dwell', async () => {
    const t = setUp();
    abort = t.abort;
    move(35, {}, 'touch');
    await vi.advanceTimersByTimeAsync(DWELL * 2);
    expect(t.cards.hasOpenMark).toBe(false);
  });

  it('dwell mode: a mouse click opens nothing by itself (the dwell does)', async () => {
    const t = setUp();
    abort = t.abort;
    expect(tap(35, 'mouse')).toBe(false);
    await settle();
    expect(t.cards.hasOpenMark).toBe(false);
  });

  for (const key of ['alt', 'shift'] as const) {
    it(`${key} mode: resting opens the card only while ${key === 'alt' ? 'Alt' : 'Shift'} is held, also when pressed while resting`, async () => {
      const t = setUp({ trigger: key });
      abort = t.abort;
      const held = key === 'alt' ? { altKey: true } : { shiftKey: true };
      move(35);
      await vi.advanceTimersByTimeAsync(DWELL * 2);
      expect(t.cards.hasOpenMark).toBe(false);
      move(40, held);
      await vi.advanceTimersByTimeAsync(DWELL);
      expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
      t.keys.closeCard();
      // Resting on the other mark without the key, then pressing it: the dwell starts there.
      move(200);
      await vi.advanceTimersByTimeAsync(DWELL * 2);
      expect(t.cards.hasOpenMark).toBe(false);
      const name = key === 'alt' ? 'Alt' : 'Shift';
      document.dispatchEvent(new KeyboardEvent('keydown', { key: name, ...held }));
      vi.advanceTimersToNextFrame();
      await vi.advanceTimersByTimeAsync(DWELL);
      expect(t.cards.isOpenOn(t.model.marks[1]!)).toBe(true);
      // Released before a dwell ends on the next mark: nothing opens there.
      t.keys.closeCard();
      document.dispatchEvent(new KeyboardEvent('keyup', { key: name }));
      move(35);
      await vi.advanceTimersByTimeAsync(DWELL * 2);
      expect(t.cards.hasOpenMark).toBe(false);
    });
  }

  it('click mode: no dwell; a click opens, the card stays when the pointer leaves, a click elsewhere closes it; keys still step', async () => {
    const t = setUp({ trigger: 'click' });
    abort = t.abort;
    move(35);
    await vi.advanceTimersByTimeAsync(DWELL * 2);
    expect(t.cards.hasOpenMark).toBe(false);
    expect(tap(35, 'mouse')).toBe(true);
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
    move(120);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
    expect(tap(200, 'mouse')).toBe(false); // the CQC is a link: followed
    tap(120, 'mouse');
    await settle();
    expect(t.cards.hasOpenMark).toBe(false);
    document.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyJ', key: 'j', altKey: true, shiftKey: true }));
    await settle();
    expect(t.cards.isOpenOn(t.model.marks[0]!)).toBe(true);
  });

  it('the card menu: switching the site off keeps the card open for its notice, whose Undo asks again', async () => {
    const t = setUp();
    abort = t.abort;
    tap(35);
    await settle();
    const root = document.querySelector('hpa-card-host')!.shadowRoot!;
    (root.querySelector('[data-testid="card-menu-site-off"]') as HTMLButtonElement).click();
    await settle();
    expect(t.menu.siteOff).toHaveBeenCalledTimes(1);
    expect(t.cards.isShown()).toBe(true);
    expect(root.querySelector('[data-testid="card-notice"]')!.textContent).toContain('no longer marked on this site');
    (root.querySelector('[data-testid="card-undo"]') as HTMLButtonElement).click();
    await settle();
    expect(t.menu.siteUndo).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[data-testid="card-notice"]')!.textContent).toContain('marked on this site again');
    (root.querySelector('[data-testid="card-menu-ignore"]') as HTMLButtonElement).click();
    await settle();
    expect(t.menu.ignore).toHaveBeenCalledWith({ id: 'monitor', name: 'Monitor' });
    (root.querySelector('[data-testid="card-menu-options"]') as HTMLButtonElement).click();
    await settle();
    expect(t.menu.openOptions).toHaveBeenCalledTimes(1);
  });

  it('a failed action says why on the card', async () => {
    const t = setUp();
    abort = t.abort;
    t.menu.ignore.mockRejectedValueOnce(new Error('the list is full'));
    tap(35);
    await settle();
    const root = document.querySelector('hpa-card-host')!.shadowRoot!;
    (root.querySelector('[data-testid="card-menu-ignore"]') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector('[data-testid="card-notice"]')!.textContent).toContain('Not done: the list is full');
  });

  it('names the reader chose not to mark get no marks', () => {
    installHighlights();
    document.body.innerHTML = '<p>Monitor and the Care Quality Commission</p>';
    const page = readPageText(document.body);
    const matches = new NameMatcher(['Monitor', 'Care Quality Commission']).find(page.text);
    const ids = (prefs: Prefs) => selectMarked(matches, page, prefs).map((m) => m.id);
    expect(ids(DEFAULT_PREFS)).toEqual(['monitor', 'care-quality-commission']);
    expect(ids({ ...DEFAULT_PREFS, ignored: [{ id: 'monitor', name: 'Monitor' }] })).toEqual(['care-quality-commission']);
  });
});
