// "Names you chose not to mark": the reader's ignore list (filled from a card's menu),
// each with a button to mark it again. Each change is saved at once.

import { withoutIgnored, type IgnoredName } from '../../shared/prefs';
import { PrefsLoading, SaveStatus } from './save-status';
import type { PrefsControl } from './use-prefs';

export function IgnoredSection({ prefs }: { prefs: PrefsControl }) {
  return (
    <section class="card-section" aria-labelledby="ignored-heading">
      <h2 id="ignored-heading">Names you chose not to mark</h2>
      <PrefsLoading state={prefs.state} />
      {prefs.state.status === 'ready' && (
        <IgnoredList names={prefs.state.data.ignored} onRemove={(id) => prefs.change('ignored', (p) => withoutIgnored(p, id))} />
      )}
      <SaveStatus save={prefs.save} part="ignored" testId="ignored-status" />
    </section>
  );
}

function IgnoredList({ names, onRemove }: { names: IgnoredName[]; onRemove: (id: string) => void }) {
  if (names.length === 0)
    return (
      <p class="muted" data-testid="ignored-empty">
        None. To stop marking a name, choose “Don’t mark …” in the menu of its card.
      </p>
    );
  return (
    <>
      <p class="muted help">These names are not marked on any site. Remove one to have it marked again.</p>
      <ul class="ignored" data-testid="ignored-list">
        {names.map((n) => (
          <li key={n.id} class="ignored-row">
            <span class="ignored-name">{n.name}</span>
            <button type="button" class="button small" aria-label={`Mark ${n.name} again`} onClick={() => onRemove(n.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
