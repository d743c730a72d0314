// The PageMatcher that runs the engine in the page itself, from the dictionary the page's setup brought.

import type { Dictionary } from '../engine/dictionary';
import { createEngine } from '../engine/engine';
import type { PageMatcher } from './page-matcher';

// Matching is cut into pieces of this many characters (a few ms each) so the scan can check the clock.
const MATCH_PIECE_CHARS = 200_000;

/** Thrown through the engine's pause to stop a superseded scan between pieces. */
class Superseded extends Error {}

export function createLocalMatcher(dictionary: Dictionary): PageMatcher {
  const engine = createEngine(dictionary);
  return {
    async matchPage(text, context, turn) {
      const pause = async (): Promise<void> => {
        if (!(await turn())) throw new Superseded('the scan was superseded');
      };
      try {
        return await engine.annotateInPieces(text, context, pause, MATCH_PIECE_CHARS);
      } catch (e) {
        if (e instanceof Superseded) return null;
        throw e;
      }
    },
    async matchAdded(text, context, known) {
      return engine.annotate(text, { ...context, known });
    },
    // The engine keeps nothing per page: each call reads only the text it is given.
    dispose() {},
  };
}
