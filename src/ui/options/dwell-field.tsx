// The dwell time in milliseconds: how long the pointer rests on a mark before its card opens.

import { useEffect, useRef, useState } from 'preact/hooks';
import { DWELL_MAX_MS, DWELL_MIN_MS } from '../../shared/prefs';

const TYPING_PAUSE_MS = 700;

function readDwell(raw: string): number | null {
  const ms = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(ms) || ms < DWELL_MIN_MS || ms > DWELL_MAX_MS) return null;
  return Math.round(ms);
}

/** The dwell time in milliseconds: saved when the field changes, or after a pause in typing. */
export function DwellField({ value, onChange, inUse }: { value: number; onChange: (ms: number) => void; inUse: boolean }) {
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
        How long the pointer rests on a marked name before its card opens: {DWELL_MIN_MS} to {DWELL_MAX_MS} ms.{' '}
        {inUse ? 'Used when cards open by resting the pointer.' : 'Not used while cards open by click or tap only.'}
      </p>
      {error && (
        <p id="prefs-dwell-error" class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
