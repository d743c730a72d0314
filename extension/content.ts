// Content script entry: a small classic script, registered by the background for the sites
// that are on (src/background/site-scripts.ts), so a site switched off gets nothing at all.
// It asks the background once whether the page is annotated; only then does the background
// put the annotator (annotator.js) into the frame.

import { pageUrl } from '../src/annotator/page-url';
import type { PageSetup, Reply, TabMessage } from '../src/shared/messages';
import { LOG_PREFIX } from '../src/shared/product';

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
const RETRIES = [50, 150, 400, 1000];

async function setup(url: string): Promise<PageSetup> {
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = (await runtime!.sendMessage({ type: 'page:setup', url, load: true })) as Reply<PageSetup> | undefined;
      if (!reply) throw new Error('no answer from the background');
      if (!reply.ok) throw new Error(reply.error);
      return reply.data;
    } catch (e) {
      // The MV3 service worker may be starting: a request that finds no receiver is retried.
      const message = (e as Error)?.message ?? '';
      if (
        !/Receiving end does not exist|Could not establish connection|no answer from the background|message port closed/i.test(message) ||
        attempt >= RETRIES.length
      )
        throw e;
      await new Promise((r) => setTimeout(r, RETRIES[attempt]));
    }
  }
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
    if (started || (message as TabMessage | undefined)?.type !== 'tab:site-changed') return undefined;
    if ((message as { enabled?: boolean }).enabled) load(url);
    return undefined;
  });
  load(url);
}
