// "How cards open": the trigger mode, the dwell time for the modes that rest the pointer,
// and whether a tap on a marked word inside a link opens its card. Each change is saved at once.

import { usesDwell, type Prefs, type Trigger } from '../../shared/prefs';
import { DwellField } from './dwell-field';
import { PrefsLoading, SaveStatus } from './save-status';
import type { PrefsControl } from './use-prefs';

const MODES: { trigger: Trigger; label: string; help: string }[] = [
  { trigger: 'dwell', label: 'Rest the pointer on a name', help: 'A card opens when the pointer rests on a marked name for a moment.' },
  {
    trigger: 'alt',
    label: 'Rest the pointer while holding Alt',
    help: 'Cards open only while you hold Alt (Option on a Mac): reading without a key held opens nothing.',
  },
  { trigger: 'shift', label: 'Rest the pointer while holding Shift', help: 'As with Alt, for keyboards or systems where Alt is taken.' },
  {
    trigger: 'click',
    label: 'Click or tap only',
    help: 'A card opens only when you click or tap a marked name; resting the pointer opens nothing.',
  },
];

export function OpeningSection({ prefs }: { prefs: PrefsControl }) {
  return (
    <section class="card-section" aria-labelledby="opening-heading">
      <h2 id="opening-heading">How cards open</h2>
      <PrefsLoading state={prefs.state} />
      {prefs.state.status === 'ready' && <OpeningForm prefs={prefs.state.data} onChange={(change) => prefs.change('opening', change)} />}
      <SaveStatus save={prefs.save} part="opening" testId="opening-status" />
    </section>
  );
}

function OpeningForm({ prefs, onChange }: { prefs: Prefs; onChange: (change: (p: Prefs) => Prefs) => void }) {
  return (
    <form class="opening" onSubmit={(e) => e.preventDefault()}>
      <fieldset aria-describedby="trigger-keyboard">
        <legend>Open a card by</legend>
        {MODES.map(({ trigger, label, help }) => (
          <div key={trigger} class="choice">
            <label class="check">
              <input
                type="radio"
                name="trigger"
                value={trigger}
                data-testid={`prefs-trigger-${trigger}`}
                checked={prefs.trigger === trigger}
                aria-describedby={`trigger-${trigger}-help`}
                onChange={() => onChange((p) => ({ ...p, trigger }))}
              />
              {label}
            </label>
            <p id={`trigger-${trigger}-help`} class="muted help choice-help">
              {help}
            </p>
          </div>
        ))}
        <p id="trigger-keyboard" class="help">
          In every mode, <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>J</kbd> and <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>K</kbd> step to the next and
          previous marked name and open its card.
        </p>
      </fieldset>
      <DwellField value={prefs.dwellMs} inUse={usesDwell(prefs.trigger)} onChange={(dwellMs) => onChange((p) => ({ ...p, dwellMs }))} />
      <fieldset>
        <legend>Touch screens</legend>
        <label class="check">
          <input
            type="checkbox"
            data-testid="prefs-tap-in-links"
            checked={prefs.tapInLinks}
            aria-describedby="tap-in-links-help"
            onChange={(e) => {
              const on = e.currentTarget.checked;
              onChange((p) => ({ ...p, tapInLinks: on }));
            }}
          />
          A tap opens cards in links too
        </label>
        <p id="tap-in-links-help" class="muted help choice-help">
          A tap on a marked name opens its card. Inside a link, a tap follows the link unless this is on.
        </p>
      </fieldset>
    </form>
  );
}
