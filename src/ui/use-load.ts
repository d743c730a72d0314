// Loads data for a component: loading, ready (with a setter for local updates) or
// failed with a readable message. A newer load wins over an older one still running.

import { errorText } from '../shared/reply';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: string };

interface Load<T> {
  state: Loaded<T>;
  /** Replaces the data (a newer answer from the background). */
  set: (data: T) => void;
  /** Changes the data if it is loaded. */
  update: (change: (data: T) => T) => void;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Load<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const run = ++latest.current;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    load().then(
      (data) => run === latest.current && setState({ status: 'ready', data }),
      (e: unknown) => run === latest.current && setState({ status: 'error', error: errorText(e) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const set = useCallback((data: T) => {
    latest.current++;
    setState({ status: 'ready', data });
  }, []);
  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.status === 'ready' ? { status: 'ready', data: change(s.data) } : s));
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, set, update, reload };
}
