// "Sites": the default sites and the ones the reader added, each with its switch;
// adding a site; restoring the defaults. An added site that is switched off leaves the
// list (it can be added again).

import { useState } from 'preact/hooks';
import type { SiteState } from '../../shared/messages';
import { ask } from '../ask';
import { useLoad } from '../use-load';
import { AddSite } from './add-site';
import { ResetSites } from './reset-sites';
import { SiteRow } from './site-row';

function upsert(list: SiteState[], state: SiteState): SiteState[] {
  return list.some((s) => s.site === state.site) ? list.map((s) => (s.site === state.site ? state : s)) : [...list, state];
}

export function SitesSection() {
  const sites = useLoad(() => ask({ type: 'sites:list' }), []);
  /** Added sites switched off in this visit: still listed, so the switch can be turned back. */
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  const list = sites.state.status === 'ready' ? sites.state.data : [];
  const update = (state: SiteState) => sites.update((current) => upsert(current, state));

  const shown = list.filter((s) => s.isDefault || s.enabled || kept.has(s.site));
  const defaults = shown.filter((s) => s.isDefault);
  const added = shown.filter((s) => !s.isDefault).sort((a, b) => a.site.localeCompare(b.site));

  return (
    <section class="card-section" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="muted">Names are marked on pages of the sites switched on here. Sub-domains are included.</p>
      {sites.state.status === 'loading' && <p class="muted">Loading…</p>}
      {sites.state.status === 'error' && (
        <p class="alert" role="alert">
          The sites could not be loaded: {sites.state.error}
        </p>
      )}
      {sites.state.status === 'ready' && (
        <>
          <h3>Added by you</h3>
          {added.length ? (
            <ul class="sites" data-testid="sites-added">
              {added.map((s) => (
                <SiteRow
                  key={s.site}
                  state={s}
                  onChanged={(next) => {
                    setKept((k) => new Set(k).add(next.site));
                    update(next);
                  }}
                  onRemoved={(next) => {
                    setKept((k) => new Set([...k].filter((x) => x !== next.site)));
                    update(next);
                  }}
                />
              ))}
            </ul>
          ) : (
            <p class="muted">None yet.</p>
          )}
          <AddSite
            sites={list}
            onAdded={(next) => {
              if (!next.isDefault) setKept((k) => new Set(k).add(next.site));
              update(next);
            }}
          />
          <h3>Default sites</h3>
          <ul class="sites" data-testid="sites-default">
            {defaults.map((s) => (
              <SiteRow key={s.site} state={s} onChanged={update} onRemoved={update} />
            ))}
          </ul>
          <ResetSites
            onReset={(next) => {
              setKept(new Set());
              sites.set(next);
            }}
          />
        </>
      )}
    </section>
  );
}
