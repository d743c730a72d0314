// A section's line saying whether its last change was saved.

import type { PrefsPart, SaveState } from './use-prefs';

export function SaveStatus({ save, part, testId }: { save: SaveState; part: PrefsPart; testId: string }) {
  const mine = save.status !== 'idle' && save.part === part;
  return (
    <>
      <p class="save-state" role="status" data-testid={testId}>
        {mine && save.status === 'saving' ? 'Saving…' : mine && save.status === 'saved' ? 'Saved' : ''}
      </p>
      {mine && save.status === 'error' && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
    </>
  );
}

export function PrefsLoading({ state }: { state: { status: string; error?: string } }) {
  if (state.status === 'loading') return <p class="muted">Loading…</p>;
  if (state.status === 'error')
    return (
      <p class="alert" role="alert">
        The preferences could not be loaded: {state.error}
      </p>
    );
  return null;
}
