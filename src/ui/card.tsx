// The context card: who or what it is, roles or history with dates relative to the
// article, what the seed articles said, related pledges, every line with its sources.

import { formatDate } from '../shared/dates';
import { NOT_INDIVIDUALLY } from '../shared/card-model';
import type { CardData, DatedLine } from '../shared/views';
import { CardMenu } from './card-menu';
import { SourceLinks, StatusChip } from './sources';

export interface CardProps {
  card: CardData;
  /** "the health secretary" when the mark was a role phrase. */
  readAs?: string;
  onOpenPledge?: (id: string) => void;
  onClose?: () => void;
  /** The card menu's actions (the menu shows those given). */
  onSiteOff?: () => void;
  onIgnore?: (name: { id: string; name: string }) => void;
  onOptions?: () => void;
  /** A line the host shows after an action ("Names are no longer marked on this site."), with an Undo when it can be undone. */
  notice?: CardNotice;
  /** A bottom sheet (narrow viewports): full width, a drag handle; the host places it and handles the swipe. */
  sheet?: boolean;
}

export interface CardNotice {
  text: string;
  onUndo?: () => void;
}

const KIND_LABEL = { person: 'Person', body: 'Organisation', term: 'Term', class: 'Not in the knowledge base' } as const;

function span(l: DatedLine): string {
  if (l.end === undefined) return formatDate(l.date);
  // A role still held says when a source last confirmed it: "present" would claim more than we know.
  if (l.end === null) return l.asOf ? `since ${formatDate(l.date)} (as of ${formatDate(l.asOf)})` : `since ${formatDate(l.date)}`;
  return `${formatDate(l.date)} – ${formatDate(l.end)}`;
}

const WHEN_LABEL = { before: 'before this article', at: 'at this article’s date', after: 'after this article' } as const;

export function Card({ card, readAs, onOpenPledge, onClose, onSiteOff, onIgnore, onOptions, notice, sheet }: CardProps) {
  const dateLabel = card.date ? formatDate(card.date) : 'today';
  return (
    <div class={sheet ? 'card sheet' : 'card'} role="dialog" aria-label={`${card.name}: context`} data-entity={card.id}>
      <div class="top">
        {sheet && <div class="drag-handle" aria-hidden="true" data-testid="card-drag-handle" />}
        {/* Not <header>: outside a sectioning element that is a banner landmark, a second one beside the page's. */}
        <div class="head">
          <div>
            <span class={`kind kind-${card.kind}`}>{KIND_LABEL[card.kind]}</span>
            <h2 class="name">{card.name}</h2>
          </div>
          <div class="tools">
            <CardMenu
              name={card.name}
              onSiteOff={onSiteOff}
              onIgnore={onIgnore && (() => onIgnore({ id: card.id, name: card.name }))}
              onOptions={onOptions}
            />
            {onClose && (
              <button type="button" class="close" aria-label="Close" onClick={onClose}>
                ×
              </button>
            )}
          </div>
        </div>
      </div>
      {/* Present from the start so that screen readers announce what the host puts here. */}
      <div class="notice" role="status" data-testid="card-notice">
        {notice && (
          <>
            <span>{notice.text}</span>
            {notice.onUndo && (
              <button type="button" class="undo" data-testid="card-undo" onClick={notice.onUndo}>
                Undo
              </button>
            )}
          </>
        )}
      </div>
      {readAs && (
        <p class="read-as">
          Read here as {readAs} on {dateLabel}.
        </p>
      )}
      {card.classOf && (
        <>
          <p class="class-label" data-testid="class-label">
            {card.classOf.label}
          </p>
          <p class="class-note" data-testid="class-note">
            {NOT_INDIVIDUALLY} What follows is about {card.classOf.name} in general.
          </p>
        </>
      )}
      <p class="description">
        {card.description} <SourceLinks sources={card.sources} />
      </p>
      {card.since && <p class="since">{card.since}</p>}
      {card.lines.length > 0 && (
        <section>
          <h3>{card.kind === 'person' ? 'Roles' : 'History'}</h3>
          <ul class="lines">
            {card.lines.map((l, i) => (
              <li key={i} class={`line when-${l.when}`}>
                <span class="date">{span(l)}</span> <span class="text">{l.text}</span>{' '}
                {card.date && l.when !== 'before' && <span class={`when when-${l.when}`}>{WHEN_LABEL[l.when]}</span>}{' '}
                <SourceLinks sources={l.sources} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {card.corrections.map((c, i) => (
        <p key={i} class="correction">
          {c.text} <SourceLinks sources={c.sources} />
        </p>
      ))}
      {card.quotes.length > 0 && (
        <section>
          <h3>In the source articles</h3>
          {card.quotes.map((q, i) => (
            <blockquote key={i}>
              <p>“{q.sentence}”</p>
              <cite>
                <a href={q.article.url} target="_blank" rel="noopener noreferrer">
                  {q.article.title}
                </a>{' '}
                — {q.article.publisher}, {formatDate(q.article.date)}
              </cite>
            </blockquote>
          ))}
        </section>
      )}
      {card.pledges.length > 0 && (
        <section>
          <h3>Pledges</h3>
          <ul class="pledges">
            {card.pledges.map((p) => (
              <li key={p.id}>
                <StatusChip status={p.status} />{' '}
                {onOpenPledge ? (
                  <button type="button" class="link" onClick={() => onOpenPledge(p.id)}>
                    {p.title}
                  </button>
                ) : (
                  p.title
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {card.related.length > 0 && <p class="related">Related: {card.related.map((r) => r.name).join(' · ')}</p>}
    </div>
  );
}
