// The page's matcher when the engine runs in the background (issue 13): the page sends its
// text in one `page:match` request (a long text in parts: send-parts.ts) and turns the
// compact reply back into matches. Imports the engine's types only, so the annotator bundle
// carries no automaton.

import type { Match } from '../engine/engine';
import { PART_CHARS, type MatchDescriptor } from '../shared/messages';
import type { RequestOf, ResponseOf } from '../shared/protocol';
import { unpackSpans } from '../shared/span-codec';
import type { MatchContext, PageMatcher } from './page-matcher';
import { sendInParts } from './send-parts';

export type PageMatchRequest = RequestOf<'page:match'>;
/** Sends one request to the background and resolves with its data (the annotator passes `ask`). */
export type SendPageMatch = (request: PageMatchRequest) => Promise<ResponseOf<'page:match'>>;

// Decoding gives the page its turn after this many matches (a 2 MB page has tens of thousands).
const DECODE_STEP = 4_000;

function unreadable(problem: string): Error {
  return new Error(`the background's page:match reply cannot be read: ${problem}`);
}

/** What the descriptors tell about the entries beyond the matches: kept for the cards and the popup. */
export class EntryFacts {
  private readonly roleNames = new Map<string, string>();
  private readonly classLabels = new Map<string, string>();

  /** The descriptor as the engine's match describes it, its facts noted here. */
  take(d: MatchDescriptor): Omit<Match, 'start' | 'end' | 'text'> {
    const { roleName, classLabel, ...described } = d;
    if (d.role !== undefined && roleName !== undefined) this.roleNames.set(d.role, roleName);
    if (d.classOf !== undefined && classLabel !== undefined) this.classLabels.set(d.classOf, classLabel);
    return described;
  }

  roleName(roleId: string): string | undefined {
    return this.roleNames.get(roleId);
  }

  classLabel(classId: string): string | undefined {
    return this.classLabels.get(classId);
  }
}

/** Matches from the compact reply, each with its text sliced from the page's own string; the descriptors' facts go to `facts`. */
export async function decodeMatches(
  text: string,
  reply: ResponseOf<'page:match'>,
  turn?: () => Promise<boolean>,
  facts = new EntryFacts(),
): Promise<Match[] | null> {
  // The background is ours, but a reply from another version must fail saying what is wrong.
  if (!reply || !('spans' in reply) || typeof reply.spans !== 'string' || !Array.isArray(reply.descriptors))
    throw unreadable('it has no spans or descriptors');
  let spans: Uint32Array;
  try {
    spans = unpackSpans(reply.spans);
  } catch (e) {
    throw unreadable((e as Error).message);
  }
  const described = reply.descriptors.map((d) => facts.take(d));
  const count = spans.length / 3;
  const out = new Array<Match>(count);
  for (let k = 0, i = 0; k < count; k++, i += 3) {
    if (turn && k > 0 && k % DECODE_STEP === 0 && !(await turn())) return null;
    const start = spans[i]!;
    const end = spans[i + 1]!;
    const d = described[spans[i + 2]!];
    if (!(start < end && end <= text.length))
      throw unreadable(`match ${k} (${start}–${end}) is outside the text of ${text.length} characters`);
    if (!d) throw unreadable(`match ${k} names descriptor ${spans[i + 2]!} of ${described.length}`);
    // Every match gets the same shape, its optional fields present or undefined: one hidden class for all.
    out[k] = {
      start,
      end,
      text: text.slice(start, end),
      id: d.id,
      name: d.name,
      kind: d.kind,
      role: d.role,
      learned: d.learned,
      classOf: d.classOf,
    };
  }
  return out;
}

export function createBackgroundMatcher(send: SendPageMatch): PageMatcher {
  // Bumped by dispose(): a reply that arrives after annotation was switched off is dropped.
  let generation = 0;
  const facts = new EntryFacts();
  const request = (text: string, context: MatchContext, known?: ReadonlySet<string>, from?: number): PageMatchRequest => ({
    type: 'page:match',
    text,
    date: context.date,
    lang: context.lang,
    ...(known && known.size ? { known: [...known] } : {}),
    ...(from ? { from } : {}),
  });
  return {
    async matchPage(text, context, turn, from) {
      const mine = generation;
      const live = () => mine === generation;
      const req = request(text, context, undefined, from);
      // A long text in parts, each its own task: see bench/README.md ("page:match: one message or parts").
      const reply = text.length > PART_CHARS ? await sendInParts(send, req, { turn, live }) : await send(req);
      if (!reply || !live() || !(await turn())) return null;
      return decodeMatches(text, reply, turn, facts);
    },
    async matchAdded(text, context, known) {
      const mine = generation;
      // Added text (a live blog's entry) is short: one message.
      const reply = await send(request(text, context, known));
      if (mine !== generation) return [];
      return (await decodeMatches(text, reply, undefined, facts)) ?? [];
    },
    dispose() {
      generation++;
    },
    roleName: (roleId) => facts.roleName(roleId),
    classLabel: (classId) => facts.classLabel(classId),
  };
}
