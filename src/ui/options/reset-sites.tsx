// "Restore defaults", with a confirm step: forgets every choice made for a site.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { SiteState } from '../../shared/messages';
import { ask } from '../ask';
import { errorText } from '../../shared/reply';

export function ResetSites({ onReset }: { onReset: (sites: SiteState[]) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return; // only after the reader acted, not on first render
    (confirming ? confirmButton : resetButton).current?.focus();
  }, [confirming]);

  function choose(open: boolean) {
    moved.current = true;
    setDone(false);
    setConfirming(open);
  }

  async function reset() {
    setBusy(true);
    setError(null);
    try {
      onReset(await ask({ type: 'sites:reset' }));
      choose(false);
      setDone(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="reset">
      {!confirming ? (
        <button type="button" class="button" data-testid="sites-reset" ref={resetButton} onClick={() => choose(true)}>
          Restore defaults
        </button>
      ) : (
        <div class="confirm" role="group" aria-labelledby="reset-question">
          <p id="reset-question">Forget your choices for every site and go back to the default list?</p>
          <button
            type="button"
            class="button danger"
            data-testid="sites-reset-confirm"
            disabled={busy}
            ref={confirmButton}
            onClick={() => void reset()}
          >
            Yes, restore defaults
          </button>{' '}
          <button type="button" class="button" data-testid="sites-reset-cancel" onClick={() => choose(false)}>
            Cancel
          </button>
        </div>
      )}
      {done && (
        <p class="ok" role="status">
          Sites restored to the defaults.
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
