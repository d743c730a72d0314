// The annotator, put into a frame by the background only when annotation is on for the
// page (see content.ts). Runs in the same isolated world as the loader.
import type { PageSetup } from '../src/shared/messages';
import { Annotator } from '../src/annotator/annotator';
import { LOG_PREFIX } from '../src/shared/product';

const scope = globalThis as unknown as { __hpaStart?: (setup: PageSetup) => void };
scope.__hpaStart ??= (setup) => {
  new Annotator(document).startWith(setup).catch((e) => console.warn(LOG_PREFIX, e));
};
