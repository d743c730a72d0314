// The footer: which knowledge base is installed, what it holds and the articles it was
// built from; an install problem as an alert; the way to the options page.

import browser from 'webextension-polyfill';
import { formatDate, formatLongDate } from '../../shared/dates';
import { MARK_KIND_INFO, MARK_KINDS } from '../../shared/mark-kinds';
import type { KbInfo } from '../../shared/views';
import type { Loaded } from '../use-load';

function Counts({ counts }: { counts: KbInfo['counts'] }) {
  const items: [number, string, string][] = [
    ...MARK_KINDS.map((k): [number, string, string] => {
      const info = MARK_KIND_INFO[k];
      return [counts[info.countKey], info.one, info.many];
    }),
    [counts.roles, 'role', 'roles'],
    [counts.pledges, 'pledge', 'pledges'],
    [counts.sources, 'source', 'sources'],
  ];
  return (
    <ul class="counts">
      {items.map(([n, one, many]) => (
        <li key={many} data-count={many}>
          <strong>{n}</strong> {n === 1 ? one : many}
        </li>
      ))}
    </ul>
  );
}

function openOptions(e: Event) {
  e.preventDefault();
  void browser.runtime.openOptionsPage();
}

function openWelcome(e: Event) {
  e.preventDefault();
  void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') });
}

export function KbFooter({ info }: { info: Loaded<KbInfo> }) {
  return (
    <footer class="panel kb" data-testid="kb-info">
      <h2>Knowledge base</h2>
      {info.status === 'loading' && <p class="muted">Loading…</p>}
      {info.status === 'error' && (
        <p class="alert" role="alert">
          The knowledge base could not be read: {info.error}
        </p>
      )}
      {info.status === 'ready' && (
        <>
          {info.data.installError && (
            <p class="alert" role="alert" data-testid="kb-install-error">
              {info.data.installError}
            </p>
          )}
          {info.data.asOf && (
            <p class="as-of" data-testid="kb-as-of">
              Knowledge as of {formatLongDate(info.data.asOf)}
            </p>
          )}
          <p>
            Version <span data-testid="kb-version">{info.data.version}</span>
          </p>
          <Counts counts={info.data.counts} />
          {info.data.articles.length > 0 && (
            <details class="articles">
              <summary>Built from {info.data.articles.length === 1 ? '1 article' : `${info.data.articles.length} articles`}</summary>
              <ul>
                {info.data.articles.map((a) => (
                  <li key={a.id}>
                    <a href={a.url} target="_blank" rel="noopener noreferrer">
                      {a.title}
                    </a>{' '}
                    <span class="muted">
                      — {a.publisher}, {formatDate(a.date)}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <p class="options-link">
        <a href="options.html" data-testid="open-options" onClick={openOptions}>
          Options
        </a>
        {' · '}
        <a href="welcome.html" data-testid="open-welcome" onClick={openWelcome}>
          How to use it
        </a>
      </p>
    </footer>
  );
}
