// Watches the page while annotation is on: mutations (in the document and in the shadow
// roots text was read from) go to the scan scheduler, and a periodic check puts our marks
// back if the page cleared CSS.highlights. Also: our mark styles inside shadow roots, and
// whether this script's extension context is still alive.

import browser from 'webextension-polyfill';
import markCss from '../../extension/content.css?inline';
import { AbortableTimers, observeUntil } from './abortable';
import { styleSheets } from '../ui/adopt-styles';

// Pages may clear CSS.highlights (or replace the registry's entries); we check and repaint.
export const REPAINT_CHECK_MS = 1000;
const OBSERVED = { childList: true, subtree: true, characterData: true } as const;

export interface WatchParts {
  doc: Document;
  /** Ends the observer and the repaint check. */
  signal: AbortSignal;
  /** Mutations of our own (the card) are not the page's. */
  isOwn: (node: Node) => boolean;
  /** Nodes purely added, and whether anything else changed. */
  onChange: (added: Node[], changed: boolean) => void;
  onRepaintCheck: () => void;
}

export class PageWatcher {
  private readonly observer: MutationObserver;
  private readonly observedRoots = new WeakSet<ShadowRoot>();

  constructor(private readonly parts: WatchParts) {
    this.observer = observeUntil(parts.signal, new MutationObserver((records) => this.onMutations(records)));
    this.observer.observe(parts.doc.body ?? parts.doc.documentElement, OBSERVED);
    new AbortableTimers(parts.signal).interval(parts.onRepaintCheck, REPAINT_CHECK_MS);
  }

  /** Mutations inside shadow trees do not reach an observer on the document: watch each root text was read from. */
  observeRoots(roots: ShadowRoot[]): void {
    if (this.parts.signal.aborted) return;
    for (const root of roots)
      if (!this.observedRoots.has(root)) {
        this.observedRoots.add(root);
        this.observer.observe(root, OBSERVED);
      }
  }

  private onMutations(records: MutationRecord[]): void {
    const added: Node[] = [];
    let changed = false;
    for (const r of records) {
      if (this.parts.isOwn(r.target)) continue;
      if (r.type !== 'childList' || r.removedNodes.length) changed = true;
      else for (const n of r.addedNodes) added.push(n);
    }
    if (added.length || changed) this.parts.onChange(added, changed);
  }
}

/** Document styles do not reach into shadow trees: marks there need our rules inside. */
export class ShadowRootStyler {
  private readonly styled = new WeakSet<ShadowRoot>();
  private sheet: CSSStyleSheet | null | undefined;

  style(roots: ShadowRoot[]): void {
    if (!roots.length) return;
    if (this.sheet === undefined) this.sheet = styleSheets(markCss)[0] ?? null;
    const sheet = this.sheet;
    if (!sheet) return;
    for (const root of roots) {
      if (this.styled.has(root)) continue;
      this.styled.add(root);
      try {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      } catch {
        // A closed-off or foreign root: its marks stay unstyled, nothing else breaks.
      }
    }
  }
}

/**
 * After an update or a reload of the extension this script's context is gone: its runtime
 * has no id while the script still runs in the page.
 */
export function extensionContextAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}
