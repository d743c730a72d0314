// Content script entry: a small classic script, registered by the background for the sites
// that are on (src/background/site-scripts.ts), so a site switched off gets nothing at all.
// It asks the background once whether the page is annotated; only then does the background
// put the annotator (annotator.js) into the frame. It imports only small dependency-free
// modules (page-url, product, retry, reply) and types, to stay about 1 KB.

import { pageUrl } from '../src/annotator/page-url';
import type { PageSetup } from '../src/shared/messages';
import type { RequestOf, TabMessageOf } from '../src/shared/protocol';
import { LOG_PREFIX } from '../src/shared/product';
import { sendWithRetry } from '../src/shared/retry';

interface Runtime {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(listener: (message: unknown) => unknown): void };
}
const scope = globalThis as unknown as {
  browser?: { runtime: Runtime };
  chrome?: { runtime: Runtime };
  __hpaLoader?: boolean;
  __hpaStart?: (setup: PageSetup) => void;
};
const runtime = (scope.browser ?? scope.chrome)?.runtime;
function setup(url: string): Promise<PageSetup> {
  const request: RequestOf<'page:setup'> = { type: 'page:setup', url, load: true };
  return sendWithRetry(() => runtime!.sendMessage(request));
}

let started = false;
let asking: Promise<void> | undefined;
let askAgain = false;

/** Asks once at a time; a site switched on while the question is out is asked about again. */
function load(url: string): void {
  if (started) return;
  if (asking) {
    askAgain = true;
    return;
  }
  asking = setup(url)
    .then((s) => {
      if (s.enabled && !started && scope.__hpaStart) {
        started = true;
        scope.__hpaStart(s);
      }
    })
    .catch((e) => console.warn(LOG_PREFIX, e))
    .finally(() => {
      asking = undefined;
      if (askAgain) {
        askAgain = false;
        load(url);
      }
    });
}

// The script may be injected more than once (a site switched on while its tab is open).
const url = pageUrl(document);
if (runtime && url && !scope.__hpaLoader) {
  scope.__hpaLoader = true;
  // Until the annotator runs, a site switched on from the popup is the loader's to act on.
  runtime.onMessage.addListener((message) => {
    const m = message as TabMessageOf<'tab:site-changed'> | undefined;
    if (started || m?.type !== 'tab:site-changed') return undefined;
    if (m.enabled) load(url);
    return undefined;
  });
  load(url);
}
