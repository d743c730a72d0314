// The page side's controller: starts, switches annotation on and off, answers tab messages,
// and wires the parts, each of which does one job.
//
//   background --- setup, tab messages ---> Annotator (this file)
//                                             |  enable(): new parts sharing one AbortSignal
//                                             |  disable(): abort(), clear the model, dispose the matcher
//          +----------------------------------+-------------------------+
//          v                                  v                         v
//    PageWatcher -- added / changed --> ScanScheduler            PointerAndKeys
//    mutations, shadow roots,           slices, tokens,           hit-test, dwell and close
//    repaint check  ^                   rescans spaced by cost;   timers, keys, cursor
//                   |                   ReadAhead: a long page
//                   |                   read on as one scrolls
//                   |                     |         |                |            |
//                   +-- roots it read ----+    page text,      caret -> mark    mark
//                                               added text           v            v
//                                                   v            PageModel    CardPresenter
//                                              PageMatcher       segments,    card cache, host,
//                                      (background-matcher.ts)   node index,  prepare, open,
//                                        page:match |            named ids    close, reveal;
//                                                   +- matches ->    |        its UI (card-ui.js)
//                                                                    |        put in on the first card
//                                                               marks --> Painter (marks.ts):
//                                                                         CSS highlights
//
// Matching goes only through the PageMatcher: the background's warm engine (page:match), so the
// page never loads the dictionary or the automaton; what the cards need from the knowledge base
// (a role's name, a class's label) comes with the matches.

import browser from 'webextension-polyfill';
import { ask } from '../shared/ask';
import type { PageSetup } from '../shared/messages';
import { serveTab, type TabHandlers } from '../shared/serve-tab';
import type { Prefs } from '../shared/prefs';
import { LOG_PREFIX } from '../shared/product';
import { createBackgroundMatcher } from './background-matcher';
import { CardPresenter } from './card-presenter';
import { registeredCardUi, type CreateCardHost } from './card-ui';
import { foundEntities } from './found';
import { Painter } from './marks';
import type { PageMatcher } from './page-matcher';
import { PageModel } from './page-model';
import { pageUrl } from './page-url';
import { extensionContextAlive, PageWatcher, ShadowRootStyler } from './page-watcher';
import { PointerAndKeys } from './pointer-keys';
import { ScanScheduler } from './scan-scheduler';

export interface AnnotatorOptions {
  /**
   * `tabMessages: false` on an extension page (the welcome page's sample): there runtime messages are
   * the other extension pages' requests to the background, never the tab messages meant for us.
   */
  tabMessages?: boolean;
  /** Where matching runs; the background's engine (page:match) by default. */
  createMatcher?: () => PageMatcher;
  /** Whether this script's extension context is still alive (the runtime's id by default; tests). */
  contextAlive?: () => boolean;
  /** The card's UI: by default card-ui.js, which the background puts into this frame on the first card. */
  cardUi?: () => Promise<CreateCardHost>;
}

export class Annotator {
  private prefs!: Prefs;
  /** The knowledge base's version the cards were asked under. */
  private kbVersion: string | undefined;
  private matcher: PageMatcher | undefined;
  /** Aborted on disable: every listener, observer and timer of the enable ends with it. */
  private enabled: AbortController | undefined;
  private scanner: ScanScheduler | undefined;
  /** Set once this script's extension context is gone (the extension was updated or reloaded). */
  private retired = false;
  private readonly painter = new Painter(window);
  private readonly styler = new ShadowRootStyler();
  private readonly model: PageModel;
  private readonly cards: CardPresenter;
  private readonly pointer: PointerAndKeys;

  constructor(
    private readonly doc: Document,
    private readonly options: AnnotatorOptions = {},
  ) {
    const prefs = () => this.prefs;
    const orphaned = () => this.orphaned();
    this.model = new PageModel({ painter: this.painter, prefs, styleRoots: (roots) => this.styler.style(roots) });
    this.cards = new CardPresenter({
      doc,
      painter: this.painter,
      date: () => this.model.date,
      roleName: (id) => this.matcher?.roleName(id),
      fetchCard: ({ id, date, instance }) => ask({ type: 'card', id, date, ...(instance !== undefined && { instance }) }),
      openPledge: (id) => void ask({ type: 'pledge:open', id }).catch((e) => console.warn(LOG_PREFIX, e)),
      menu: {
        siteOff: () => ask({ type: 'page:site-off' }),
        siteUndo: () => ask({ type: 'page:site-undo' }),
        ignore: (name) => ask({ type: 'page:ignore', ...name }),
        openOptions: () => ask({ type: 'page:open-options' }),
      },
      onClose: () => this.pointer.closeCard(),
      orphaned,
      cardUi: options.cardUi ?? loadCardUi,
    });
    this.pointer = new PointerAndKeys({
      doc,
      model: this.model,
      painter: this.painter,
      cards: this.cards,
      prefs,
      orphaned,
      unread: () => this.scanner?.unread ?? false,
      readOn: () => this.scanner?.readOn() ?? Promise.resolve(),
    });
  }

  /** Asks the background whether this page is annotated, then starts (tests and benchmarks). */
  async start(): Promise<void> {
    const url = pageUrl(this.doc);
    if (!url) return;
    await this.startWith(await ask({ type: 'page:setup', url }));
  }

  /** Starts with the answer the page's loader already has. */
  async startWith(setup: PageSetup): Promise<void> {
    if (this.options.tabMessages !== false) browser.runtime.onMessage.addListener(serveTab(this.tabHandlers()));
    this.prefs = setup.prefs;
    if (setup.enabled) await this.enable(setup.kbVersion);
  }

  /** Keyboard: step to the next or previous mark, scroll it into view, open its card. */
  step(direction: 1 | -1): void {
    this.pointer.step(direction);
  }

  private async enable(kbVersion: string | undefined): Promise<void> {
    const started = performance.now();
    this.disable(); // a second switch-on while the first is under way starts afresh
    if (this.kbVersion !== kbVersion) {
      this.kbVersion = kbVersion;
      this.cards.forget(); // another knowledge base: other cards
    }
    const matcher = (this.matcher = (this.options.createMatcher ?? defaultMatcher)());
    const abort = (this.enabled = new AbortController());
    const { signal } = abort;
    const watcher = new PageWatcher({
      doc: this.doc,
      signal,
      isOwn: (node) => this.cards.contains(node),
      onChange: (added, changed) => scanner.pageChanged(added, changed),
      onRepaintCheck: () => {
        if (!this.orphaned() && !signal.aborted) this.painter.repaintIfCleared();
      },
    });
    const scanner = (this.scanner = new ScanScheduler({
      doc: this.doc,
      matcher,
      model: this.model,
      signal,
      onScanned: (page) => watcher.observeRoots(page.shadowRoots),
    }));
    this.pointer.listen(signal);
    await scanner.scan(started);
  }

  private disable(): void {
    const abort = this.enabled;
    if (!abort) return;
    this.enabled = undefined;
    this.scanner = undefined;
    abort.abort();
    this.pointer.closeCard();
    this.model.clear();
    this.matcher?.dispose();
    this.matcher = undefined;
  }

  /**
   * After an update or a reload of the extension this script's context is gone while it still
   * runs in the page. It stands down quietly, taking its marks and card with it, and leaves the
   * page to the new version's script, which the background puts in.
   */
  private orphaned(): boolean {
    if (this.retired) return true;
    if ((this.options.contextAlive ?? extensionContextAlive)()) return false;
    this.retired = true;
    this.disable();
    this.cards.remove();
    return true;
  }

  // --- messages from the background and the popup -------------------------------------

  private tabHandlers(): TabHandlers {
    return {
      'tab:site-changed': async (msg) => {
        if (msg.enabled && !this.enabled) {
          const setup = await ask({ type: 'page:setup', url: pageUrl(this.doc) ?? this.doc.location.href });
          this.prefs = setup.prefs;
          if (setup.enabled) await this.enable(setup.kbVersion);
        } else if (!msg.enabled && this.enabled) this.disable();
        return { enabled: Boolean(this.enabled) };
      },
      'tab:prefs-changed': (msg) => {
        this.prefs = msg.prefs;
        if (this.enabled) this.model.repaint();
        return null;
      },
      'tab:found': async () => {
        // The popup lists the whole page: a long page not yet read to its end is read on first.
        await this.scanner?.readOn(true);
        return foundEntities(this.model.allMatches(), (classId) => this.classLabel(classId));
      },
      'tab:reveal': (msg) => ({ revealed: this.pointer.revealEntity(msg.id) }),
      'tab:next-mark': () => {
        this.pointer.commandStep();
        return null;
      },
    };
  }

  private classLabel(classId: string): string | undefined {
    return this.matcher?.classLabel(classId);
  }
}

/** card-ui.js, put into this frame by the background the first time a card is needed. */
async function loadCardUi(): Promise<CreateCardHost> {
  if (!registeredCardUi()) await ask({ type: 'page:card-ui' });
  const create = registeredCardUi();
  if (!create) throw new Error('card-ui.js was put into the frame but did not register');
  return create;
}

/** The page's text goes to the background's warm engine; the page holds no dictionary. */
function defaultMatcher(): PageMatcher {
  return createBackgroundMatcher((request) => ask(request));
}
