// Matching for the page (issue 13): the engine is built once per knowledge-base version and
// stays warm while the background lives, so a tab sends its text and gets compact matches
// back instead of loading and compiling the automaton itself. Nothing here stores the text
// (a long text's parts are held in memory until the last arrives: page-text-parts.ts).
// The descriptors also carry what the page's cards need from the dictionary (a role's name, a
// class's label), so the page never receives the dictionary.

import type { Dictionary } from '../engine/dictionary';
import { createEngine, type Engine, type Match } from '../engine/engine';
import type { MatchDescriptor, PageMatches, PagePartReceived } from '../shared/messages';
import type { RequestOf } from '../shared/protocol';
import { packSpans } from '../shared/span-codec';
import { UserError } from './errors';
import { PageTextParts } from './page-text-parts';

export type PageMatchRequest = RequestOf<'page:match'>;

/** What the page needs to know about an entry beyond the match: a role's name, a class's label. */
export interface EntryFacts {
  roleName(roleId: string): string | undefined;
  classLabel(classId: string): string | undefined;
}

/** The facts of one dictionary, looked up by id. */
export function entryFacts(dictionary: Dictionary): EntryFacts {
  const names = new Map(dictionary.entities.map((e) => [e.id, e.name]));
  const labels = new Map<string, string>();
  for (const c of dictionary.classes ?? []) {
    const id = dictionary.entities[c.entity]?.id;
    if (id !== undefined) labels.set(id, c.label);
  }
  return { roleName: (id) => names.get(id), classLabel: (id) => labels.get(id) };
}

/** The match without its offsets and text: what the reply sends once per distinct kind of match. */
function descriptorOf(m: Match, facts: EntryFacts | undefined): MatchDescriptor {
  const d: MatchDescriptor = { id: m.id, name: m.name, kind: m.kind };
  if (m.role !== undefined) {
    d.role = m.role;
    const roleName = facts?.roleName(m.role);
    if (roleName !== undefined) d.roleName = roleName;
  }
  if (m.learned !== undefined) d.learned = m.learned;
  if (m.classOf !== undefined) {
    d.classOf = m.classOf;
    const label = facts?.classLabel(m.classOf);
    if (label !== undefined) d.classLabel = label;
  }
  return d;
}

/** Matches as three numbers each, packed, plus a table of their distinct descriptors (with the entries' facts, when given). */
export function encodeMatches(matches: readonly Match[], facts?: EntryFacts): PageMatches {
  const spans = new Array<number>(matches.length * 3);
  const descriptors: MatchDescriptor[] = [];
  const index = new Map<string, number>();
  matches.forEach((m, i) => {
    // id alone is not enough: a person is found by name and by role phrase, with `role` set on the latter.
    const key = `${m.id}\u0000${m.role ?? ''}\u0000${m.learned ? 1 : 0}\u0000${m.name}\u0000${m.kind}\u0000${m.classOf ?? ''}`;
    let k = index.get(key);
    if (k === undefined) {
      k = descriptors.push(descriptorOf(m, facts)) - 1;
      index.set(key, k);
    }
    spans[i * 3] = m.start;
    spans[i * 3 + 1] = m.end;
    spans[i * 3 + 2] = k;
  });
  return { spans: packSpans(spans), descriptors };
}

/** The warm engine: one per knowledge-base version, rebuilt when another version is installed. */
export function createWarmEngine(build: (dictionary: Dictionary) => Engine = createEngine) {
  let warm: { version: string; engine: Engine; facts: EntryFacts } | undefined;
  const warmFor = (version: string, dictionary: Dictionary) => {
    if (warm?.version !== version) warm = { version, engine: build(dictionary), facts: entryFacts(dictionary) };
    return warm;
  };
  return {
    engineFor(version: string, dictionary: Dictionary): Engine {
      return warmFor(version, dictionary).engine;
    },
    match(version: string, dictionary: Dictionary, req: PageMatchRequest): PageMatches {
      const { engine, facts } = warmFor(version, dictionary);
      const known = req.known ? new Set(req.known) : undefined;
      const matches = engine.annotate(req.text, { date: req.date, lang: req.lang, known });
      const from = req.from ?? 0;
      return encodeMatches(from ? matches.filter((m) => m.start >= from) : matches, facts);
    },
  };
}

/**
 * The page:match handler: the text matched at once, or, sent in parts, held until its last
 * part and then matched whole. `from`: the sender as the browser named it.
 */
export function createPageMatchHandler(kb: () => Promise<{ meta: { version: string }; dictionary: Dictionary }>) {
  const warm = createWarmEngine();
  const parts = new PageTextParts();
  return async (req: PageMatchRequest, from: { tabId?: number; frameId?: number }): Promise<PageMatches | PagePartReceived> => {
    // Only a page in a tab (a web page or the welcome page's sample) has text to match: the popup and options pages are refused.
    if (from.tabId === undefined) throw new UserError('"page:match" is answered for a page in a tab only');
    let text = req.text;
    if (req.part) {
      const outcome = parts.add({ tabId: from.tabId, frameId: from.frameId ?? 0 }, req.part, req.text);
      if (!('text' in outcome)) return { pending: true, received: outcome.received };
      text = outcome.text;
    }
    const k = await kb();
    return warm.match(k.meta.version, k.dictionary, { ...req, text });
  };
}
