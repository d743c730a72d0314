// One site in the list: its switch, a "default" tag, and "Remove" for added sites.

import { useState } from 'preact/hooks';
import type { SiteState } from '../../shared/messages';
import { DEFAULT_SITES, siteKey } from '../../shared/sites';
import { switchSite } from '../site-permission';
import { errorText } from '../../shared/reply';

interface Props {
  state: SiteState;
  onChanged: (state: SiteState) => void;
  onRemoved: (state: SiteState) => void;
}

export function SiteRow({ state, onChanged, onRemoved }: Props) {
  const [pending, setPending] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = `site-${state.site}`;
  const label = state.isDefault ? DEFAULT_SITES.find((d) => siteKey(d.host) === state.site)?.label : undefined;

  function change(enabled: boolean, done: (s: SiteState) => void) {
    if (pending !== null) return;
    setProblem(null);
    setPending(enabled);
    switchSite(state.site, enabled, state.isDefault) // permission first, inside the handler
      .then(done, (e: unknown) => setProblem(errorText(e)))
      .finally(() => setPending(null));
  }

  return (
    <li class="site-row" data-site={state.site}>
      <div class="site-line">
        <label class="check" for={id}>
          <input
            id={id}
            type="checkbox"
            data-testid={id}
            checked={pending ?? state.enabled}
            aria-busy={pending !== null}
            onChange={(e) => {
              const input = e.currentTarget;
              if (pending !== null) input.checked = pending;
              else change(input.checked, onChanged);
            }}
          />
          <span class="site-key">{state.site}</span>
          {label && <span class="muted site-label">{label}</span>}
        </label>
        {state.isDefault ? (
          <span class="tag">default</span>
        ) : (
          <button
            type="button"
            class="button small"
            data-testid={`remove-${state.site}`}
            aria-label={`Remove ${state.site}`}
            onClick={() => change(false, onRemoved)}
          >
            Remove
          </button>
        )}
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
