// The card's menu (WAI-ARIA menu button): "Don't mark on this site", "Don't mark <name>",
// "Options". Enter, Space or ArrowDown on the button open it at the first item (ArrowUp at
// the last); the arrow keys, Home and End move; Escape closes it and returns focus to the
// button; Tab closes it and moves on. The actions are the host's: the card only calls them.

import { useEffect, useId, useRef, useState } from 'preact/hooks';

export interface CardMenuActions {
  onSiteOff?: () => void;
  onIgnore?: () => void;
  onOptions?: () => void;
}

interface Item {
  key: string;
  label: string;
  run: () => void;
}

export function CardMenu({ name, onSiteOff, onIgnore, onOptions }: CardMenuActions & { name: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  /** The item to focus once the menu is rendered open. */
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const items: Item[] = [];
  if (onSiteOff) items.push({ key: 'site-off', label: 'Don’t mark on this site', run: onSiteOff });
  if (onIgnore) items.push({ key: 'ignore', label: `Don’t mark “${name}”`, run: onIgnore });
  if (onOptions) items.push({ key: 'options', label: 'Options', run: onOptions });

  useEffect(() => {
    if (open) list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active]);

  if (items.length === 0) return null;

  function openAt(index: number) {
    setActive((index + items.length) % items.length);
    setOpen(true);
  }

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function onButtonKey(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(e.key === 'ArrowDown' ? 0 : -1);
    }
    // Enter and Space reach onClick, as on any button.
  }

  function onMenuKey(e: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: -1 };
    if (e.key in moves) {
      e.preventDefault();
      setActive((moves[e.key]! + items.length) % items.length);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // the menu closes, not the card
      close(true);
    } else if (e.key === 'Tab') {
      close(false); // focus moves on by the browser's default
    }
  }

  return (
    <div
      class="menu-wrap"
      onFocusOut={(e) => {
        // Focus went outside the button and menu (a click elsewhere, Tab): the menu closes.
        const to = e.relatedTarget;
        if (open && !(to instanceof Node && e.currentTarget.contains(to))) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        class="menu-button"
        id={`${id}-button`}
        aria-label="Card options"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        data-testid="card-menu-button"
        onClick={() => (open ? close(true) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <ul ref={list} class="menu" id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} hidden={!open} onKeyDown={onMenuKey}>
        {items.map((item, i) => (
          <li key={item.key} role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-testid={`card-menu-${item.key}`}
              onFocus={() => setActive(i)}
              onClick={() => {
                close(true);
                item.run();
              }}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
