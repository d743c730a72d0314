// Content script entry: a small classic script on every page of the listed sites. It asks
// the background once whether the page is annotated; only then does the background put
// the annotator (annotator.js) into the frame. A switched-off site pays for one message.

import { pageUrl } from '../src/annotator/page-url';
import type { PageSetup, Reply, TabMessage } from '../src/shared/messages';

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
      if (!/Receiving end does not exist|Could not establish connection|no answer from the background|message port closed/i.test(message) || attempt >= RETRIES.length) throw e;
      await new Promise((r) => setTimeout(r, RETRIES[attempt]));
    }
  }
}

async function load(url: string): Promise<void> {
  const s = await setup(url);
  if (s.enabled) scope.__hpaStart?.(s);
}

// The script may be injected twice (a site switched on while its tab is open).
const url = pageUrl(document);
if (runtime && url && !scope.__hpaLoader) {
  scope.__hpaLoader = true;
  // Until the annotator runs, a site switched on from the popup is the loader's to act on.
  runtime.onMessage.addListener((message) => {
    if (scope.__hpaStart || (message as TabMessage | undefined)?.type !== 'tab:site-changed') return undefined;
    if ((message as { enabled?: boolean }).enabled) void load(url).catch((e) => console.warn('health-policy-annotator:', e));
    return undefined;
  });
  load(url).catch((e) => console.warn('health-policy-annotator:', e));
}
