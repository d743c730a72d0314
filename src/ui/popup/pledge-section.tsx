// "Pledge history": every pledge in the knowledge base, by person, with a status filter
// and a search box. Opens and scrolls to the pledge named in the URL's #fragment.

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PledgeStatus, PledgeView } from '../../shared/views';
import { STATUS_LABEL } from '../../shared/views';
import { todayIso } from '../../shared/dates';
import type { Loaded } from '../use-load';
import { groupByPerson, matchesPledge, type StatusFilter } from './pledge-filter';
import { PledgeItem } from './pledge-item';

interface Props {
  pledges: Loaded<PledgeView[]>;
  /** Entity ids marked on the current page. */
  onPage: ReadonlySet<string>;
  /** A pledge to open and scroll to, once loaded. */
  target: string | null;
}

const STATUSES = Object.keys(STATUS_LABEL) as PledgeStatus[];

function plural(n: number): string {
  return `${n} ${n === 1 ? 'pledge' : 'pledges'}`;
}

export function PledgeSection({ pledges, onPage, target }: Props) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const all = useMemo(() => (pledges.status === 'ready' ? pledges.data : []), [pledges]);
  const shown = useMemo(() => all.filter((p) => matchesPledge(p, query, status)), [all, query, status]);
  const groups = useMemo(() => groupByPerson(shown, onPage), [shown, onPage]);
  // Read at display time: whether a deadline has passed depends on the day the popup opens.
  const today = todayIso();

  // The person headings stick just below the search bar, so a pledge opened from a card always
  // shows whose it is: the bar's height (it wraps on a narrow popup) is measured, not assumed.
  useEffect(() => {
    const bar = document.querySelector<HTMLElement>('.pledges .filters');
    const list = document.querySelector<HTMLElement>('.pledges');
    if (!bar || !list) return;
    const measure = () => list.style.setProperty('--filters-h', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(bar);
    return () => ro.disconnect();
  }, [pledges.status]);

  useEffect(() => {
    if (!target || pledges.status !== 'ready') return;
    const el = document.getElementById(`pledge-${target}`);
    if (!(el instanceof HTMLDetailsElement)) return;
    el.open = true;
    el.scrollIntoView({ block: 'start' });
    el.querySelector('summary')?.focus({ preventScroll: true });
  }, [target, pledges.status]);

  return (
    <section class="panel pledges" aria-labelledby="pledges-heading">
      <h2 id="pledges-heading">Pledge history</h2>
      {pledges.status === 'loading' && <p class="muted">Loading…</p>}
      {pledges.status === 'error' && (
        <p class="alert" role="alert">
          The pledges could not be loaded: {pledges.error}
        </p>
      )}
      {pledges.status === 'ready' && (
        <>
          <div class="filters" role="search" aria-label="Pledges">
            <label class="field">
              <span>Search</span>
              <input
                type="search"
                data-testid="pledge-search"
                placeholder="Title, person, note…"
                value={query}
                onInput={(e) => setQuery(e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span>Status</span>
              <select data-testid="status-filter" value={status} onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}>
                <option value="all">All statuses</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABEL[s]} ({all.filter((p) => p.status === s).length})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p class="muted result-count" role="status">
            {shown.length === all.length ? plural(all.length) : `${plural(shown.length)} of ${all.length}`}
          </p>
          <div class="pledge-list" data-testid="pledge-list">
            {groups.length === 0 && <p class="muted">No pledge matches.</p>}
            {groups.map((g) => (
              <div key={g.id} class="person" data-person={g.id}>
                <h3>
                  {g.name} {g.onPage && <span class="tag">on this page</span>}
                </h3>
                {g.pledges.map((p) => (
                  <PledgeItem key={p.id} pledge={p} today={today} />
                ))}
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
