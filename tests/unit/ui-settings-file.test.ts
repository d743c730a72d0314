// @vitest-environment happy-dom
// The options page's "Your settings" import, rendered with Preact into happy-dom: a file that
// is too large or not JSON is refused before the background is asked, the background's refusal
// is shown with "Nothing was changed", and an accepted file is summarised.
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The background, as the options page reaches it through runtime.sendMessage.
const api = vi.hoisted(() => ({
  sent: [] as unknown[],
  answer: (m: unknown): unknown => ({ ok: false, error: `unexpected ${JSON.stringify(m)}` }),
}));
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage(m: unknown) {
        api.sent.push(m);
        return Promise.resolve(api.answer(m));
      },
    },
  },
}));

const { SettingsFile } = await import('../../src/ui/options/settings-file');

let root: HTMLElement;
let imported = 0;
beforeEach(() => {
  api.sent.length = 0;
  imported = 0;
  root = document.createElement('div');
  document.body.append(root);
  render(h(SettingsFile, { onImported: () => imported++ }), root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

/** Chooses a file in the import field, as the reader does, and waits for the message. */
async function choose(file: File): Promise<string> {
  const input = root.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await vi.waitFor(() => expect(root.querySelector('[data-testid="import-message"]')).not.toBeNull());
  return root.querySelector('[data-testid="import-message"]')!.textContent ?? '';
}

const settings = (sites: Record<string, boolean>) => ({
  format: 'health-policy-annotator-settings',
  version: 1,
  sites,
  prefs: { kinds: { person: true, body: true, term: true } },
});

describe('importing a settings file', () => {
  it('refuses a file over 1 MB without reading it into the background', async () => {
    const text = await choose(new File(['x'.repeat(1024 * 1024 + 1)], 'big.json', { type: 'application/json' }));
    expect(text).toBe('big.json is 1.0 MB; a settings file is at most 1 MB. Nothing was changed.');
    expect(root.querySelector('[data-testid="import-message"]')!.getAttribute('role')).toBe('alert');
    expect(api.sent).toEqual([]);
    expect(imported).toBe(0);
  });

  it('refuses a file that is not JSON, naming it', async () => {
    const text = await choose(new File(['{ "sites": '], 'notes.json'));
    expect(text).toMatch(/^notes\.json is not a settings file: it could not be read as JSON \(.+\)\. Nothing was changed\.$/);
    expect(api.sent).toEqual([]);
  });

  it('shows the background’s refusal, saying nothing was changed', async () => {
    api.answer = () => ({ ok: false, error: 'The file is not a settings file: format is missing.' });
    const text = await choose(new File([JSON.stringify({ sites: {} })], 'other.json'));
    expect(text).toBe('The file is not a settings file: format is missing. Nothing was changed.');
    expect(api.sent).toEqual([{ type: 'settings:import', data: { sites: {} } }]);
    expect(imported).toBe(0);
  });

  it('does not say twice that nothing was changed', async () => {
    api.answer = () => ({ ok: false, error: 'Version 9 is newer than this extension reads; nothing was changed.' });
    expect(await choose(new File(['{}'], 's.json'))).toBe('Version 9 is newer than this extension reads; nothing was changed.');
  });

  it('sends the parsed file and summarises what was imported', async () => {
    const data = settings({ 'example.org': true, 'bbc.co.uk': false });
    api.answer = () => ({ ok: true, data });
    const text = await choose(new File([JSON.stringify(data)], 'settings.json'));
    expect(text).toBe('Settings imported: choices for 2 sites and your mark preferences.');
    expect(root.querySelector('[data-testid="import-message"]')!.getAttribute('role')).toBe('status');
    expect(api.sent).toEqual([{ type: 'settings:import', data }]);
    expect(imported).toBe(1);
  });

  it('says "a choice for 1 site" for one', async () => {
    api.answer = () => ({ ok: true, data: settings({ 'example.org': true }) });
    expect(await choose(new File(['{}'], 'one.json'))).toBe('Settings imported: a choice for 1 site and your mark preferences.');
  });
});
