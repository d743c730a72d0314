// Matching for the page (issue 13): the engine is built once per knowledge-base version and
// stays warm while the background lives, so a tab sends its text and gets compact matches
// back instead of loading and compiling the automaton itself. Nothing here stores the text.

import type { Dictionary } from '../engine/dictionary';
import { createEngine, type Engine, type Match } from '../engine/engine';
import type { MatchDescriptor, PageMatches } from '../shared/messages';
import type { RequestOf } from '../shared/protocol';

export type PageMatchRequest = RequestOf<'page:match'>;

/** The match without its offsets and text: what the reply sends once per distinct kind of match. */
function descriptorOf(m: Match): MatchDescriptor {
  const d: MatchDescriptor = { id: m.id, name: m.name, kind: m.kind };
  if (m.role !== undefined) d.role = m.role;
  if (m.learned !== undefined) d.learned = m.learned;
  if (m.classOf !== undefined) d.classOf = m.classOf;
  return d;
}

/** Matches as three numbers each plus a table of their distinct descriptors. */
export function encodeMatches(matches: readonly Match[]): PageMatches {
  const spans = new Array<number>(matches.length * 3);
  const descriptors: MatchDescriptor[] = [];
  const index = new Map<string, number>();
  matches.forEach((m, i) => {
    // id alone is not enough: a person is found by name and by role phrase, with `role` set on the latter.
    const key = `${m.id}\u0000${m.role ?? ''}\u0000${m.learned ? 1 : 0}\u0000${m.name}\u0000${m.kind}\u0000${m.classOf ?? ''}`;
    let k = index.get(key);
    if (k === undefined) {
      k = descriptors.push(descriptorOf(m)) - 1;
      index.set(key, k);
    }
    spans[i * 3] = m.start;
    spans[i * 3 + 1] = m.end;
    spans[i * 3 + 2] = k;
  });
  return { spans, descriptors };
}

/** The warm engine: one per knowledge-base version, rebuilt when another version is installed. */
export function createWarmEngine(build: (dictionary: Dictionary) => Engine = createEngine) {
  let warm: { version: string; engine: Engine } | undefined;
  return {
    engineFor(version: string, dictionary: Dictionary): Engine {
      if (warm?.version !== version) warm = { version, engine: build(dictionary) };
      return warm.engine;
    },
    match(version: string, dictionary: Dictionary, req: PageMatchRequest): PageMatches {
      const engine = this.engineFor(version, dictionary);
      const known = req.known ? new Set(req.known) : undefined;
      return encodeMatches(engine.annotate(req.text, { date: req.date, lang: req.lang, known }));
    },
  };
}
