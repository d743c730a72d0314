// @vitest-environment happy-dom
// The card's menu: the WAI-ARIA menu button's keyboard behaviour, the actions it calls,
// the notice with Undo, and the bottom sheet's parts. Rendered with Preact in happy-dom.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Card, type CardProps } from '../../src/ui/card';
import { cardData } from './card-data';

const CARD = cardData('cqc', { name: 'Care Quality Commission', description: 'The health and care regulator in England.' });

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function show(props: Partial<CardProps> = {}) {
  const actions = { onSiteOff: vi.fn(), onIgnore: vi.fn(), onOptions: vi.fn(), onClose: vi.fn() };
  void act(() => render(<Card card={CARD} {...actions} {...props} />, root));
  const button = root.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')!;
  const menu = root.querySelector<HTMLElement>('[role="menu"]')!;
  const items = () => [...root.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  return { actions, button, menu, items };
}

function key(target: Element, k: string) {
  void act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });
}

const focused = () => document.activeElement;

describe('the card menu', () => {
  it('is a menu button named "Card options", closed at first', () => {
    const { button, menu } = show();
    expect(button.getAttribute('aria-label')).toBe('Card options');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-controls')).toBe(menu.id);
    expect(menu.getAttribute('aria-labelledby')).toBe(button.id);
    expect(menu.hidden).toBe(true);
  });

  it('lists the three actions, the name as text', () => {
    const { items } = show({ card: { ...CARD, name: '<img src=x onerror=alert(1)>' } });
    expect(items().map((i) => i.textContent)).toEqual(['Don’t mark on this site', 'Don’t mark “<img src=x onerror=alert(1)>”', 'Options']);
    expect(root.querySelector('img')).toBeNull();
  });

  it('opens at the first item with ArrowDown (and by click, as Enter and Space do), at the last with ArrowUp', () => {
    const { button, menu, items } = show();
    button.focus();
    key(button, 'ArrowDown');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu.hidden).toBe(false);
    expect(focused()).toBe(items()[0]);
    key(menu, 'Escape');
    key(button, 'ArrowUp');
    expect(focused()).toBe(items()[2]);
    key(menu, 'Escape');
    void act(() => button.click());
    expect(focused()).toBe(items()[0]);
  });

  it('moves with the arrow keys (wrapping), Home and End', () => {
    const { button, menu, items } = show();
    key(button, 'ArrowDown');
    key(menu, 'ArrowDown');
    expect(focused()).toBe(items()[1]);
    key(menu, 'ArrowDown');
    key(menu, 'ArrowDown');
    expect(focused()).toBe(items()[0]);
    key(menu, 'ArrowUp');
    expect(focused()).toBe(items()[2]);
    key(menu, 'Home');
    expect(focused()).toBe(items()[0]);
    key(menu, 'End');
    expect(focused()).toBe(items()[2]);
  });

  it('closes on Escape, returning focus to the button, and keeps the Escape from the card', () => {
    const { button, menu, actions } = show();
    const outer = vi.fn();
    root.addEventListener('keydown', outer);
    key(button, 'ArrowDown');
    key(menu, 'Escape');
    expect(menu.hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(focused()).toBe(button);
    expect(outer).not.toHaveBeenCalledWith(expect.objectContaining({ key: 'Escape' }));
    expect(actions.onClose).not.toHaveBeenCalled();
  });

  it('closes on Tab without holding focus back', () => {
    const { button, menu } = show();
    key(button, 'ArrowDown');
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    void act(() => {
      menu.dispatchEvent(tab);
    });
    expect(tab.defaultPrevented).toBe(false);
    expect(menu.hidden).toBe(true);
  });

  it('calls each action once, with the card’s id and name for "Don’t mark", and closes', () => {
    const { button, menu, items, actions } = show();
    for (const [i, fn] of [actions.onSiteOff, actions.onIgnore, actions.onOptions].entries()) {
      key(button, 'ArrowDown');
      void act(() => items()[i]!.click());
      expect(fn).toHaveBeenCalledTimes(1);
      expect(menu.hidden).toBe(true);
      expect(focused()).toBe(button);
    }
    expect(actions.onIgnore).toHaveBeenCalledWith({ id: 'cqc', name: 'Care Quality Commission' });
  });

  it('shows only the actions given, and no menu without any', () => {
    expect(
      show({ onSiteOff: undefined, onIgnore: undefined })
        .items()
        .map((i) => i.textContent),
    ).toEqual(['Options']);
    void act(() => render(<Card card={CARD} />, root));
    expect(root.querySelector('[aria-haspopup="menu"]')).toBeNull();
  });
});

describe('the notice and the bottom sheet', () => {
  it('shows the host’s notice in a status region, with an Undo that calls back', () => {
    const onUndo = vi.fn();
    show({ notice: { text: 'Names are no longer marked on this site.', onUndo } });
    const status = root.querySelector('[role="status"]')!;
    expect(status.textContent).toContain('Names are no longer marked on this site.');
    void act(() => status.querySelector<HTMLButtonElement>('button')!.click());
    expect(onUndo).toHaveBeenCalledTimes(1);
  });

  it('keeps the status region, empty, when there is nothing to say', () => {
    show();
    expect(root.querySelector('[role="status"]')!.textContent).toBe('');
  });

  it('is a sheet with a drag handle and a close button when the host says so', () => {
    show({ sheet: true });
    expect(root.querySelector('.card')!.classList.contains('sheet')).toBe(true);
    expect(root.querySelector('.drag-handle')!.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('button[aria-label="Close"]')).not.toBeNull();
    void act(() => render(<Card card={CARD} />, root));
    expect(root.querySelector('.card')!.classList.contains('sheet')).toBe(false);
    expect(root.querySelector('.drag-handle')).toBeNull();
  });
});
