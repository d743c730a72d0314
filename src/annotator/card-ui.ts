// The card's UI (Preact, Floating UI, the card and its styles: about half of the annotator's
// code) is its own file, card-ui.js, put into the frame by the background on the first hover:
// a page nobody hovers never evaluates it. Both files run in the content script's isolated
// world (the page cannot see its globals); this is where they meet.
import type { CardHost } from './card-host';

export type CreateCardHost = (onClose: () => void) => CardHost;

const KEY = '__hpaCardUi';
type Scope = { [KEY]?: CreateCardHost };

/** card-ui.js: hands its host factory to the annotator. */
export function registerCardUi(create: CreateCardHost): void {
  (globalThis as Scope)[KEY] = create;
}

/** The host factory, once card-ui.js has run in this world. */
export function registeredCardUi(): CreateCardHost | undefined {
  return (globalThis as Scope)[KEY];
}
