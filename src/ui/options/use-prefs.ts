// The reader's preferences as the options page shows them, shared by its sections: each
// change is applied to the prefs as shown now and saved at once (prefs:set takes the whole
// object, so the sections must not keep copies of their own). Loaded again when the page
// comes back into view: a card's "Don't mark …" may have changed them meanwhile.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Prefs } from '../../shared/prefs';
import { ask } from '../ask';
import { errorText } from '../../shared/reply';
import { useLoad, type Loaded } from '../use-load';

/** Which section made the change, so its own status line reports the save. */
export type PrefsPart = 'marks' | 'opening' | 'ignored';

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving'; part: PrefsPart }
  | { status: 'saved'; part: PrefsPart }
  | { status: 'error'; part: PrefsPart; error: string };

export interface PrefsControl {
  state: Loaded<Prefs>;
  save: SaveState;
  change(part: PrefsPart, change: (p: Prefs) => Prefs): void;
}

export function usePrefs(): PrefsControl {
  const prefs = useLoad(() => ask({ type: 'prefs:get' }), []);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const latest = useRef(0);
  const shown = useRef<Prefs | null>(null);
  shown.current = prefs.state.status === 'ready' ? prefs.state.data : null;

  const { reload } = prefs;
  useEffect(() => {
    const onVisible = () => {
      // Not while a save is under way: its answer is the newer state.
      if (document.visibilityState === 'visible' && save.status !== 'saving') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload, save.status]);

  async function store(part: PrefsPart, change: (p: Prefs) => Prefs) {
    const before = shown.current;
    if (!before) return;
    const next = change(before);
    shown.current = next;
    const run = ++latest.current;
    prefs.set(next);
    setSave({ status: 'saving', part });
    try {
      const saved = await ask({ type: 'prefs:set', prefs: next });
      if (run !== latest.current) return; // a newer change is being saved
      prefs.set(saved);
      setSave({ status: 'saved', part });
    } catch (e) {
      if (run !== latest.current) return;
      prefs.set(before);
      setSave({ status: 'error', part, error: `Not saved: ${errorText(e)}` });
    }
  }

  return { state: prefs.state, save, change: (part, change) => void store(part, change) };
}
