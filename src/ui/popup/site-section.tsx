// "This site": whether names are marked on the active tab's site, with a switch.

import { useState } from 'preact/hooks';
import type { SiteState } from '../../shared/messages';
import { type Loaded } from '../use-load';
import { errorText } from '../../shared/reply';
import { switchSite } from '../site-permission';
import type { PageTarget } from './active-tab';

interface Props {
  page: PageTarget;
  site: Loaded<SiteState | null>;
  onChanged: (state: SiteState) => void;
}

export function SiteSection({ page, site, onChanged }: Props) {
  return (
    <section class="panel" aria-labelledby="site-heading">
      <h2 id="site-heading">This site</h2>
      {!page.web ? (
        <p class="muted">Annotation works on web pages.</p>
      ) : site.status === 'loading' || (site.status === 'ready' && !site.data) ? (
        <p class="muted">Loading…</p>
      ) : site.status === 'error' ? (
        <p class="alert" role="alert">
          {site.error}
        </p>
      ) : (
        site.data && <SiteSwitch state={site.data} onChanged={onChanged} />
      )}
    </section>
  );
}

function SiteSwitch({ state, onChanged }: { state: SiteState; onChanged: (state: SiteState) => void }) {
  const [pending, setPending] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const checked = pending ?? state.enabled;

  function onChange(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    if (pending !== null) {
      input.checked = pending;
      return;
    }
    const enabled = input.checked;
    setProblem(null);
    setPending(enabled);
    switchSite(state.site, enabled, state.isDefault) // asks for the permission first, inside this handler
      .then(onChanged, (err: unknown) => setProblem(errorText(err)))
      .finally(() => setPending(null));
  }

  const hint = state.enabled
    ? 'Names of people, organisations and terms are marked on this site’s pages.'
    : state.isDefault
      ? 'Annotation is off for this site.'
      : 'This site is not on the default list. Switching on asks the browser for permission to read its pages.';

  return (
    <div class="site">
      <div class="site-row">
        <p class="site-name" data-testid="site-name">
          {state.site}
        </p>
        {state.isDefault && <span class="tag">default site</span>}
      </div>
      <label class="check switch-label">
        <input
          type="checkbox"
          role="switch"
          class="switch"
          data-testid="site-switch"
          checked={checked}
          aria-busy={pending !== null}
          aria-describedby="site-hint"
          onChange={onChange}
        />
        Mark names on this site
      </label>
      <p id="site-hint" class="muted hint">
        {pending !== null ? (pending ? 'Switching on…' : 'Switching off…') : hint}
      </p>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
