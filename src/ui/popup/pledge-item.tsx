// One pledge as a disclosure: status and title; inside, the words used, who made it and
// when, the deadline, a dated timeline and the status with its sources.

import { formatDate } from '../../shared/dates';
import type { PledgeView, SourceRef } from '../../shared/views';
import { SourceLinks, StatusChip } from '../sources';

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

export function PledgeItem({ pledge: p }: { pledge: PledgeView }) {
  return (
    <details class="pledge" id={`pledge-${p.id}`} data-pledge={p.id}>
      <summary>
        <StatusChip status={p.status} /> <span class="pledge-title">{p.title}</span>
      </summary>
      <div class="pledge-body">
        <p class="made">
          Made by {p.who.name} on {formatDate(p.made)}
          {p.madeWhere ? ` — ${p.madeWhere}` : ''}.
        </p>
        {p.deadline && <p class="deadline">Deadline: {formatDate(p.deadline)}.</p>}
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
        <p class="status-note">
          <strong>Status as of {formatDate(p.statusAsOf)}:</strong> {p.statusNote} <SourceLinks sources={p.statusSources} />
        </p>
        {p.related.length > 0 && <p class="related muted">Related: {p.related.map((r) => r.name).join(' · ')}</p>}
      </div>
    </details>
  );
}
