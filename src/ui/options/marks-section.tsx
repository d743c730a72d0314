// "Marks": which kinds of name are marked, how long the pointer rests before a card
// opens, and how often very frequent terms are marked. Each change is saved at once.

import { useEffect, useRef, useState } from 'preact/hooks';
import { MARK_KIND_INFO, MARK_KINDS } from '../../shared/mark-kinds';
import { DWELL_MAX_MS, DWELL_MIN_MS, type Prefs } from '../../shared/prefs';
import { ask } from '../ask';
import { useLoad } from '../use-load';
import { errorText } from '../../shared/reply';

const KINDS = MARK_KINDS.map((kind) => ({ kind, label: MARK_KIND_INFO[kind].option }));

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'error'; error: string };

export function MarksSection() {
  const prefs = useLoad(() => ask({ type: 'prefs:get' }), []);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const latest = useRef(0);
  const shown = useRef<Prefs | null>(null);
  shown.current = prefs.state.status === 'ready' ? prefs.state.data : null;

  /** Applies a change to the preferences as shown now (not as when a control rendered). */
  async function store(change: (p: Prefs) => Prefs) {
    const before = shown.current;
    if (!before) return;
    const next = change(before);
    shown.current = next;
    const run = ++latest.current;
    prefs.set(next);
    setSave({ status: 'saving' });
    try {
      const saved = await ask({ type: 'prefs:set', prefs: next });
      if (run !== latest.current) return; // a newer change is being saved
      prefs.set(saved);
      setSave({ status: 'saved' });
    } catch (e) {
      if (run !== latest.current) return;
      prefs.set(before);
      setSave({ status: 'error', error: `Not saved: ${errorText(e)}` });
    }
  }

  return (
    <section class="card-section" aria-labelledby="marks-heading">
      <h2 id="marks-heading">Marks</h2>
      {prefs.state.status === 'loading' && <p class="muted">Loading…</p>}
      {prefs.state.status === 'error' && (
        <p class="alert" role="alert">
          The preferences could not be loaded: {prefs.state.error}
        </p>
      )}
      {prefs.state.status === 'ready' && <MarksForm prefs={prefs.state.data} onChange={(change) => void store(change)} />}
      <p class="save-state" role="status" data-testid="prefs-status">
        {save.status === 'saving' ? 'Saving…' : save.status === 'saved' ? 'Saved' : ''}
      </p>
      {save.status === 'error' && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
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
      <DwellField value={prefs.dwellMs} onChange={(dwellMs) => onChange((p) => ({ ...p, dwellMs }))} />
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

const TYPING_PAUSE_MS = 700;

function readDwell(raw: string): number | null {
  const ms = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(ms) || ms < DWELL_MIN_MS || ms > DWELL_MAX_MS) return null;
  return Math.round(ms);
}

/** The dwell time in milliseconds: saved when the field changes, or after a pause in typing. */
function DwellField({ value, onChange }: { value: number; onChange: (ms: number) => void }) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const current = useRef(value);
  current.current = value;

  // A saved value came back, or a failed save was undone: show it.
  useEffect(() => setText(String(value)), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(raw: string, explain: boolean) {
    clearTimeout(timer.current);
    const ms = readDwell(raw);
    if (ms === null) {
      if (explain) setError(`Type a number of milliseconds from ${DWELL_MIN_MS} to ${DWELL_MAX_MS}.`);
      return;
    }
    setError(null);
    if (ms !== current.current) onChange(ms);
  }

  return (
    <div class="dwell">
      <label for="prefs-dwell">Wait before a card opens (milliseconds)</label>
      <div class="dwell-line">
        <input
          id="prefs-dwell"
          type="number"
          data-testid="prefs-dwell"
          min={DWELL_MIN_MS}
          max={DWELL_MAX_MS}
          step={50}
          value={text}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'prefs-dwell-error prefs-dwell-help' : 'prefs-dwell-help'}
          onInput={(e) => {
            const raw = e.currentTarget.value;
            setText(raw);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => commit(raw, false), TYPING_PAUSE_MS);
          }}
          onChange={(e) => commit(e.currentTarget.value, true)}
        />
        <span class="muted">ms</span>
      </div>
      <p id="prefs-dwell-help" class="muted help">
        How long the pointer rests on a marked name before its card opens: {DWELL_MIN_MS} to {DWELL_MAX_MS} ms.
      </p>
      {error && (
        <p id="prefs-dwell-error" class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
