// The card for a mark: asked for once per entity and date (a learned acronym's card is
// made here from its Match), rendered hidden while the pointer rests so that the dwell's
// end only reveals it, opened, closed, and revealed from the keyboard or the popup. Its
// menu's actions go to the background; the card then says what was done (with an Undo
// for the site switch).

import type { Match } from '../engine/engine';
import type { IgnoredName } from '../shared/prefs';
import { LOG_PREFIX } from '../shared/product';
import { errorText } from '../shared/reply';
import type { CardData } from '../shared/views';
import type { CardNotice } from '../ui/card';
import type { CardHost, CardOptions } from './card-host';
import type { CreateCardHost } from './card-ui';
import type { Mark, Painter } from './marks';
import { isNarrow } from './sheet';

export interface CardParts {
  doc: Document;
  painter: Painter;
  /** The article's date the page was matched at. */
  date: () => string | null;
  /** A role's name ("health secretary"), for the card's "read as". */
  roleName: (roleId: string) => string | undefined;
  /** The background's card for an entity (for a class card, the class and the name as written). */
  fetchCard: (request: { id: string; date: string | null; instance?: string }) => Promise<CardData>;
  /** A pledge link on the card was followed. */
  openPledge: (id: string) => void;
  /** The card menu's requests; the marks follow through the background's tab messages (site switch, prefs). */
  menu: {
    siteOff(): Promise<unknown>;
    siteUndo(): Promise<unknown>;
    ignore(name: IgnoredName): Promise<unknown>;
    openOptions(): Promise<unknown>;
  };
  /** The card's own close button and Escape inside it. */
  onClose: () => void;
  /** Whether this script's extension context is gone (then a failed card is not worth a warning). */
  orphaned: () => boolean;
  /** The card's UI, loaded on the first card (card-ui.ts): a page nobody hovers never evaluates it. */
  cardUi: () => Promise<CreateCardHost>;
}

export class CardPresenter {
  /** Made on first need: a page nobody hovers never loads the card's UI nor parses its styles. */
  private host: CardHost | undefined;
  private hostReady: Promise<CardHost> | undefined;
  private removed = false;
  /** Card requests by entity and date: asked for when the pointer lands, used when the dwell ends. */
  private readonly cache = new Map<string, Promise<CardData>>();
  /** The mark whose card is open or opening. */
  private openMark: Mark | undefined;
  /** The mark whose card is being prepared while the pointer rests on it. */
  private preparing: Mark | undefined;
  /** The card shown, for a notice after a menu action (the mark itself may be gone by then). */
  private shown: { anchor: Range; card: CardData; options: CardOptions } | undefined;
  /** Set while a menu action is under way: switching the site off closes the card, which must stay for its notice. */
  private acting = false;

  constructor(private readonly parts: CardParts) {}

  /** Another knowledge base: other cards. */
  forget(): void {
    this.cache.clear();
  }

  isOpenOn(mark: Mark): boolean {
    return this.openMark === mark;
  }

  get hasOpenMark(): boolean {
    return this.openMark !== undefined;
  }

  /** Whether the card is shown to the reader. */
  isShown(): boolean {
    return this.host?.isOpen() ?? false;
  }

  contains(target: EventTarget | null): boolean {
    return this.host?.contains(target) ?? false;
  }

  /** The card's data, asked for once per entity and date (a failed request is asked again next time). */
  data(m: Match): Promise<CardData> {
    const date = this.parts.date();
    const key = `${m.id}\u0000${date ?? ''}`;
    let card = this.cache.get(key);
    if (!card) {
      card = m.learned
        ? Promise.resolve(this.learnedCard(m, date))
        : m.classOf
          ? this.parts.fetchCard({ id: m.classOf, date, instance: m.name })
          : this.parts.fetchCard({ id: m.id, date });
      this.cache.set(key, card);
      card.catch(() => this.cache.delete(key));
    }
    return card;
  }

  /** While the pointer rests on a mark: fetch its card and render it hidden. */
  async prepare(mark: Mark): Promise<void> {
    this.preparing = mark;
    let card: CardData;
    let host: CardHost;
    try {
      [card, host] = await Promise.all([this.data(mark.match), this.ensureHost()]);
    } catch {
      return; // reported if the dwell ends and the card is opened
    }
    const anchor = this.parts.painter.range(mark);
    if (this.preparing !== mark || !anchor.startContainer.isConnected) return;
    host.prepare(anchor, card, this.options(mark, false));
  }

  /** The pointer left the mark before its dwell ended. */
  unprepare(): void {
    this.preparing = undefined;
    this.host?.unprepare();
  }

  async open(mark: Mark, focus: boolean): Promise<void> {
    this.openMark = mark;
    let card: CardData;
    let host: CardHost;
    try {
      [card, host] = await Promise.all([this.data(mark.match), this.ensureHost()]);
    } catch (e) {
      if (!this.parts.orphaned()) console.warn(LOG_PREFIX, 'no card for', mark.match.id, e);
      return;
    }
    if (this.openMark !== mark) return; // the pointer moved on meanwhile
    const anchor = this.parts.painter.range(mark);
    // A mark whose text left the page (a live update) has no place to show a card at.
    if (!anchor.startContainer.isConnected) return;
    const options = this.options(mark, focus);
    this.shown = { anchor, card, options };
    host.show(anchor, card, options);
  }

  /** Keyboard and popup: paint the mark now, scroll it into view, open its card with focus. */
  reveal(mark: Mark): Promise<void> {
    this.parts.painter.paintNow(mark);
    const el = this.parts.painter.range(mark).startContainer.parentElement;
    // A bottom sheet then scrolls the mark above itself: a smooth scroll still under way would undo that.
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches && !isNarrow(this.parts.doc);
    el?.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    return this.open(mark, true);
  }

  close(): void {
    if (this.acting) return;
    this.shown = undefined;
    this.openMark = undefined;
    this.preparing = undefined;
    this.host?.hide();
    this.host?.unprepare();
  }

  /** The extension context is gone: the card host leaves the page with us (and a host still loading never comes). */
  remove(): void {
    this.removed = true;
    this.host?.element.remove();
  }

  /** The host, its UI loaded on first need (a failed load is tried again on the next card). */
  private ensureHost(): Promise<CardHost> {
    this.hostReady ??= this.parts.cardUi().then(
      (create) => {
        if (this.removed) throw new Error('the annotator has stood down');
        return (this.host ??= create(() => this.parts.onClose()));
      },
      (e: unknown) => {
        this.hostReady = undefined;
        throw e;
      },
    );
    return this.hostReady;
  }

  private options(mark: Mark, focus: boolean): CardOptions {
    const role = mark.match.role;
    const readAs = role ? this.parts.roleName(role)?.toLowerCase() : undefined;
    return {
      ...(readAs && { readAs: `the ${readAs}` }),
      focus,
      onOpenPledge: this.parts.openPledge,
      onSiteOff: () => void this.act(() => this.parts.menu.siteOff(), this.siteOffNotice()),
      onIgnore: () =>
        void this.act(() => this.parts.menu.ignore({ id: mark.match.id, name: mark.match.name }), {
          text: `“${mark.match.name}” is no longer marked. The options page lists the names you chose not to mark.`,
        }),
      onOptions: () => void this.parts.menu.openOptions().catch((e) => this.notify({ text: `The options did not open: ${errorText(e)}` })),
    };
  }

  private siteOffNotice(): CardNotice {
    return {
      text: 'Names are no longer marked on this site.',
      onUndo: () => void this.act(() => this.parts.menu.siteUndo(), { text: 'Names are marked on this site again.' }),
    };
  }

  /** Runs a menu action with the card kept open, then shows what was done or why not. */
  private async act(run: () => Promise<unknown>, done: CardNotice): Promise<void> {
    this.acting = true;
    let notice = done;
    try {
      await run();
    } catch (e) {
      notice = { text: `Not done: ${errorText(e)}` };
    } finally {
      this.acting = false;
    }
    this.notify(notice);
  }

  private notify(notice: CardNotice): void {
    const shown = this.shown;
    if (!shown || !this.host?.isOpen()) return; // closed meanwhile
    this.host.show(shown.anchor, shown.card, { ...shown.options, focus: false, notice });
  }

  /** An acronym the page defines itself: its card says so, from the Match alone. */
  private learnedCard(m: Match, date: string | null): CardData {
    return {
      id: m.id,
      kind: 'term',
      name: m.name,
      description: `“${m.text.replace(/s$/, '')}” is defined on this page as “${m.name}”.`,
      sources: [{ label: 'This page', url: this.parts.doc.location.href }],
      date,
      lines: [],
      corrections: [],
      quotes: [],
      pledges: [],
      related: [],
    };
  }
}
