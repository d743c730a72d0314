// "Marks": which kinds of name are marked, and how often very frequent terms are marked.
// Each change is saved at once.

import { MARK_KIND_INFO, MARK_KINDS } from '../../shared/mark-kinds';
import type { Prefs } from '../../shared/prefs';
import { PrefsLoading, SaveStatus } from './save-status';
import type { PrefsControl } from './use-prefs';

const KINDS = MARK_KINDS.map((kind) => ({ kind, label: MARK_KIND_INFO[kind].option }));

export function MarksSection({ prefs }: { prefs: PrefsControl }) {
  return (
    <section class="card-section" aria-labelledby="marks-heading">
      <h2 id="marks-heading">Marks</h2>
      <PrefsLoading state={prefs.state} />
      {prefs.state.status === 'ready' && <MarksForm prefs={prefs.state.data} onChange={(change) => prefs.change('marks', change)} />}
      <SaveStatus save={prefs.save} part="marks" testId="prefs-status" />
    </section>
  );
}

function MarksForm({ prefs, onChange }: { prefs: Prefs; onChange: (change: (p: Prefs) => Prefs) => void }) {
  return (
    <form class="marks" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Mark these names</legend>
        {KINDS.map(({ kind, label }) => (
          <label key={kind} class="check">
            <input
              type="checkbox"
              data-testid={`prefs-kind-${kind}`}
              checked={prefs.kinds[kind]}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                onChange((p) => ({ ...p, kinds: { ...p.kinds, [kind]: on } }));
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Very frequent terms (NHS, GP, A&amp;E)</legend>
        <label class="check">
          <input
            type="radio"
            name="frequent"
            value="first-per-section"
            data-testid="prefs-frequent-first"
            checked={prefs.frequent === 'first-per-section'}
            onChange={() => onChange((p) => ({ ...p, frequent: 'first-per-section' }))}
          />
          Mark the first use in each section
        </label>
        <label class="check">
          <input
            type="radio"
            name="frequent"
            value="every"
            data-testid="prefs-frequent-every"
            checked={prefs.frequent === 'every'}
            onChange={() => onChange((p) => ({ ...p, frequent: 'every' }))}
          />
          Mark every use
        </label>
      </fieldset>
    </form>
  );
}
