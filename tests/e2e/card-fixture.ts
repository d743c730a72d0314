// Bundles card-fixture-entry.tsx (Preact, the card and its CSS) into one function's
// source that the drivers can send to an extension page, as a11y.suite.ts sends axe.

import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { ROOT } from './browsers';

let bundled: Promise<string> | undefined;

export function cardFixtureSource(): Promise<string> {
  bundled ??= (async () => {
    const out = await build({
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      build: {
        write: false,
        minify: false,
        lib: { entry: path.join(ROOT, 'tests/e2e/card-fixture-entry.tsx'), formats: ['iife'], name: 'hpaCardFixture' },
      },
    });
    const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
    const chunk = outputs[0]!.output.find((o) => o.type === 'chunk');
    if (!chunk) throw new Error('the card fixture did not bundle');
    return chunk.code;
  })();
  return bundled;
}
