// Small pieces shared by the card, the popup and the options page. Text is always
// rendered as text: Preact escapes it; nothing here sets HTML.

import type { PledgeStatus, SourceRef } from '../shared/views';
import { STATUS_LABEL } from '../shared/views';

export function SourceLinks({ sources }: { sources: SourceRef[] }) {
  if (!sources.length) return null;
  return (
    <span class="sources">
      {sources.map((s, i) => (
        <a
          key={i}
          class="source"
          href={s.url || undefined}
          target="_blank"
          rel="noopener noreferrer"
          title={s.quote ? `“${s.quote}” — ${s.label}` : s.label}
        >
          [{i + 1}
          {s.publisher && <span class="publisher"> {s.publisher}</span>}]
        </a>
      ))}
    </span>
  );
}

export function StatusChip({ status }: { status: PledgeStatus }) {
  return <span class={`chip chip-${status}`}>{STATUS_LABEL[status]}</span>;
}
