// One pledge as a disclosure: status (and "Overdue") and title; inside, the words used, who
// made it and when, the deadline, a dated timeline, earlier ratings and the status with its sources.

import { formatDate } from '../../shared/dates';
import type { PledgeView, SourceRef } from '../../shared/views';
import { SourceLinks, StatusChip } from '../sources';
import { isOverdue } from './pledge-overdue';

function SourceLabel({ source }: { source: SourceRef }) {
  return source.url ? (
    <a href={source.url} target="_blank" rel="noopener noreferrer">
      {source.label}
    </a>
  ) : (
    <>{source.label}</>
  );
}

function Words({ words }: { words: SourceRef[] }) {
  return (
    <ul class="words">
      {words.map((w, i) => (
        <li key={i}>
          {w.quote && (
            <blockquote>
              <p>“{w.quote}”</p>
            </blockquote>
          )}
          <p class="source-label">
            <SourceLabel source={w} />
          </p>
        </li>
      ))}
    </ul>
  );
}

function names(list: { name: string }[]): string {
  const n = list.map((w) => w.name);
  return n.length < 2 ? (n[0] ?? '') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

/** `today` (YYYY-MM-DD) decides whether the deadline has passed. */
export function PledgeItem({ pledge: p, today }: { pledge: PledgeView; today: string }) {
  const overdue = isOverdue(p, today);
  return (
    <details class="pledge" id={`pledge-${p.id}`} data-pledge={p.id}>
      <summary>
        <StatusChip status={p.status} />{' '}
        {overdue && (
          <span class="chip chip-overdue" data-testid="overdue">
            Overdue
          </span>
        )}{' '}
        <span class="pledge-title">{p.title}</span>
      </summary>
      <div class="pledge-body">
        <p class="made">
          Made by {p.who.name} on {formatDate(p.made)}
          {p.madeWhere ? ` — ${p.madeWhere}` : ''}.
        </p>
        {p.alsoWho.length > 0 && <p class="also-who">Also made by {names(p.alsoWho)}.</p>}
        {p.deadline && (
          <p class="deadline">
            Deadline: {formatDate(p.deadline)}.{overdue && ' It has passed without the pledge being rated kept, broken or dropped.'}
          </p>
        )}
        {p.words.length > 0 && (
          <>
            <h4>The words used</h4>
            <Words words={p.words} />
          </>
        )}
        {p.timeline.length > 0 && (
          <>
            <h4>Since then</h4>
            <ol class="timeline">
              {p.timeline.map((t, i) => (
                <li key={i}>
                  <span class="date">{formatDate(t.date)}</span> {t.text} <SourceLinks sources={t.sources} />
                </li>
              ))}
            </ol>
          </>
        )}
        {p.statusHistory.length > 0 && (
          <>
            <h4>Earlier ratings</h4>
            <ol class="status-history">
              {p.statusHistory.map((h, i) => (
                <li key={i}>
                  <span class="date">{formatDate(h.date)}</span> <StatusChip status={h.status} /> {h.note}{' '}
                  <SourceLinks sources={h.sources} />
                </li>
              ))}
            </ol>
          </>
        )}
        <p class="status-note">
          <strong>Status as of {formatDate(p.statusAsOf)}:</strong> {p.statusNote} <SourceLinks sources={p.statusSources} />
        </p>
        {p.related.length > 0 && <p class="related muted">Related: {p.related.map((r) => r.name).join(' · ')}</p>}
      </div>
    </details>
  );
}
