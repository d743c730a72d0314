// The real knowledge base, built once per test file from seeds/.
import path from 'node:path';
import { createEngine, type Engine } from '../../src/engine/engine';
import { buildKb, type BuildResult } from '../../src/kb/build';

export const ROOT = path.resolve(__dirname, '../..');
export const SEEDS = path.join(ROOT, 'seeds');

let cached: { result: BuildResult; engine: Engine } | undefined;
export function realKb(): { result: BuildResult; engine: Engine } {
  if (!cached) {
    const result = buildKb(SEEDS);
    cached = { result, engine: createEngine(result.bundle.dictionary) };
  }
  return cached;
}
