// "On this page": the names the content script marked, by kind; choosing one scrolls
// the page to it and opens its card.

import type { FoundEntity } from '../../shared/messages';
import { MARK_KIND_INFO, MARK_KINDS } from '../../shared/mark-kinds';
import type { Loaded } from '../use-load';
import { revealOnPage } from './active-tab';

const GROUPS: { kind: FoundEntity['kind']; label: string }[] = [
  ...MARK_KINDS.map((kind) => ({ kind, label: MARK_KIND_INFO[kind].heading })),
  { kind: 'class', label: 'Not in the knowledge base individually' },
];

interface Props {
  tabId: number;
  found: Loaded<FoundEntity[] | null>;
  /** Whether annotation is on for the site, when known. */
  enabled: boolean | undefined;
}

export function FoundSection({ tabId, found, enabled }: Props) {
  return (
    <section class="panel" aria-labelledby="found-heading">
      <h2 id="found-heading">On this page</h2>
      <FoundBody tabId={tabId} found={found} enabled={enabled} />
    </section>
  );
}

function FoundBody({ tabId, found, enabled }: Props) {
  if (found.status === 'loading') return <p class="muted">Looking…</p>;
  const entities = found.status === 'ready' ? (found.data ?? []) : [];
  if (!entities.length)
    return (
      <p class="muted" data-testid="found-empty">
        {enabled === false ? 'Annotation is off for this site.' : 'Nothing marked on this page.'}
      </p>
    );

  async function reveal(id: string) {
    await revealOnPage(tabId, id);
    window.close();
  }

  return (
    <div class="found scroll" data-testid="found-list">
      {GROUPS.map(({ kind, label }) => {
        const items = entities.filter((e) => e.kind === kind);
        if (!items.length) return null;
        return (
          <div key={kind} class="found-group">
            <h3>
              {label} <span class="count">({items.length})</span>
            </h3>
            <ul>
              {items.map((e) => (
                <li key={e.id}>
                  <button type="button" class="found-entry" data-entity={e.id} onClick={() => void reveal(e.id)}>
                    <span class="found-name">
                      {e.name}
                      {e.label && <span class="found-label"> — {e.label}</span>}
                    </span>
                    <span class="count">
                      <span aria-hidden="true">×{e.count}</span>
                      <span class="sr-only">, {e.count === 1 ? 'once' : `${e.count} times`}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
