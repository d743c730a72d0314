// "Your settings": export the reader's site choices and preferences to a JSON file, and
// import them from one. An import is checked by the background before anything changes.

import { useState } from 'preact/hooks';
import type { ReaderSettings } from '../../shared/messages';
import { ask } from '../ask';
import { errorText } from '../../shared/reply';

export const SETTINGS_FILE_NAME = 'health-policy-reader-settings.json';
const MAX_IMPORT_BYTES = 1024 * 1024;

function download(settings: ReaderSettings): void {
  const blob = new Blob([JSON.stringify(settings, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = SETTINGS_FILE_NAME;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type Message = { kind: 'ok' | 'error'; text: string };

function nothingChanged(text: string): string {
  return /nothing was changed/i.test(text) ? text : `${text} Nothing was changed.`;
}

/** Reads and parses a chosen file; throws with a reader-facing message. */
async function readSettingsFile(file: File): Promise<unknown> {
  if (file.size > MAX_IMPORT_BYTES)
    throw new Error(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a settings file is at most 1 MB. Nothing was changed.`);
  const text = await file.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${file.name} is not a settings file: it could not be read as JSON (${errorText(e)}). Nothing was changed.`);
  }
}

function summary(s: ReaderSettings): string {
  const n = Object.keys(s.sites).length;
  return `Settings imported: ${n === 1 ? 'a choice for 1 site' : `choices for ${n} sites`} and your mark preferences.`;
}

export function SettingsFile({ onImported }: { onImported: () => void }) {
  const [exportError, setExportError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportSettings() {
    setExportError(null);
    try {
      download(await ask({ type: 'settings:export' }));
    } catch (e) {
      setExportError(`The settings could not be exported: ${errorText(e)}`);
    }
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setMessage(null);
    setBusy(true);
    try {
      const data = await readSettingsFile(file);
      let imported: ReaderSettings;
      try {
        imported = await ask({ type: 'settings:import', data });
      } catch (e) {
        throw new Error(nothingChanged(errorText(e)));
      }
      setMessage({ kind: 'ok', text: summary(imported) });
      onImported();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    } finally {
      input.value = ''; // the same file can be chosen again
      setBusy(false);
    }
  }

  return (
    <section class="card-section" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Your settings</h2>
      <p class="muted">Your site choices and mark preferences, as a file you can keep or load into another browser.</p>
      <div class="settings-actions">
        <button type="button" class="button" data-testid="export" onClick={() => void exportSettings()}>
          Export to a file
        </button>
        <label class="file-label" for="import-file">
          Import from a file (JSON, up to 1 MB)
        </label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          data-testid="import-file"
          disabled={busy}
          onChange={(e) => void importFile(e.currentTarget)}
        />
      </div>
      {exportError && (
        <p class="error" role="alert">
          {exportError}
        </p>
      )}
      {message && (
        <p class={message.kind === 'ok' ? 'ok' : 'alert'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="import-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
