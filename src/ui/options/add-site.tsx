// "Add a site": a host name, checked here, then the browser's permission for it, then
// annotation switched on. Problems are shown under the field.

import { useState } from 'preact/hooks';
import type { SiteState } from '../../shared/messages';
import { switchSite } from '../site-permission';
import { errorText } from '../../shared/reply';
import { readSiteInput } from './site-input';

interface Props {
  sites: SiteState[];
  onAdded: (state: SiteState) => void;
}

export function AddSite({ sites, onAdded }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setDone(null);
    const read = readSiteInput(text);
    if (!read.ok) {
      setError(read.error);
      return;
    }
    const known = sites.find((s) => s.site === read.site);
    if (known?.enabled) {
      setError(`${read.site} is already on.`);
      return;
    }
    setError(null);
    setBusy(true);
    switchSite(read.site, true, known?.isDefault ?? false) // asks for the permission first, inside this handler
      .then(
        (state) => {
          onAdded(state);
          setText('');
          setDone(`${state.site} added: names are marked on its pages.`);
        },
        (err: unknown) => setError(errorText(err)),
      )
      .finally(() => setBusy(false));
  }

  return (
    <form class="add-site" onSubmit={submit} noValidate>
      <label for="add-site-input">Add a site</label>
      <div class="add-line">
        <input
          id="add-site-input"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="example.org"
          data-testid="add-site-input"
          value={text}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'add-site-error add-site-help' : 'add-site-help'}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
        />
        <button type="submit" class="button primary" data-testid="add-site-button" disabled={busy}>
          Add
        </button>
      </div>
      <p id="add-site-help" class="muted help">
        A host name such as example.org; its sub-domains are included. The browser asks for permission to read its pages.
      </p>
      {error && (
        <p id="add-site-error" class="error" role="alert" data-testid="add-site-error">
          {error}
        </p>
      )}
      {done && (
        <p class="ok" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
