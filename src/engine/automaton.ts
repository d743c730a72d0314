// Aho–Corasick automaton over case-folded canonical text, as a flat DFA table.
// One pass over a page's text finds every alias occurrence; the rules that decide
// which occurrences are real mentions run afterwards, only on hits.

import { INVISIBLE_UNITS, SKIP, canonicalText, variantsOf } from './chars';

const POS_RING = 256; // patterns are at most this many units long
const POS_MASK = POS_RING - 1;

export interface Automaton {
  /** Code unit -> symbol; 0 = a character no pattern uses, SKIP_SYMBOL = invisible. */
  symbolOf: Uint16Array;
  spaceSymbol: number;
  alphabetSize: number;
  /** delta[state * alphabetSize + symbol] */
  delta: Uint16Array | Uint32Array;
  /** First pattern index ending at a state, or -1; further ones chained via nextOut. */
  firstOut: Int32Array;
  /** Next state (through failure links) that has output, or 0. */
  outLink: Uint32Array;
  /** For each pattern (by index into the entries list), the next pattern ending at the same state, or -1. */
  nextOut: Int32Array;
  /** Length of each pattern in canonical units. */
  patternLength: Uint16Array;
}

export const SKIP_SYMBOL = 0xffff;
export const MAX_PATTERN_LENGTH = POS_RING;

export function foldedPattern(text: string): string {
  return canonicalText(text).toLowerCase();
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  const folded = patterns.map((p, i) => {
    const f = foldedPattern(p);
    if (f.length === 0) throw new Error(`pattern ${i} is empty`);
    if (f.length > MAX_PATTERN_LENGTH) throw new Error(`pattern "${p}" is longer than ${MAX_PATTERN_LENGTH} characters`);
    return f;
  });

  // Alphabet: every folded unit in any pattern; symbol 0 is "anything else".
  const symbolOf = new Uint16Array(65536);
  let alphabetSize = 1;
  const symbolOfFolded = new Map<number, number>();
  for (const f of folded) {
    for (let i = 0; i < f.length; i++) {
      const u = f.charCodeAt(i);
      if (symbolOfFolded.has(u)) continue;
      const sym = alphabetSize++;
      symbolOfFolded.set(u, sym);
      const ch = String.fromCharCode(u);
      const cased = new Set<number>([u]);
      for (const v of [ch.toUpperCase(), ch.toLowerCase()]) if (v.length === 1) cased.add(v.charCodeAt(0));
      for (const c of cased) for (const variant of variantsOf(c)) symbolOf[variant] = sym;
    }
  }
  for (const u of INVISIBLE_UNITS) symbolOf[u] = SKIP_SYMBOL;
  const spaceSymbol = symbolOfFolded.get(32) ?? 0;
  if (spaceSymbol === 0) for (const v of variantsOf(32)) symbolOf[v] = 0;

  // Trie.
  const children: Map<number, number>[] = [new Map<number, number>()];
  const ownOut: number[][] = [[]];
  folded.forEach((f, pi) => {
    let s = 0;
    for (let i = 0; i < f.length; i++) {
      const sym = symbolOfFolded.get(f.charCodeAt(i))!;
      let next = children[s]!.get(sym);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ownOut.push([]);
        children[s]!.set(sym, next);
      }
      s = next;
    }
    ownOut[s]!.push(pi);
  });

  const states = children.length;
  const A = alphabetSize;
  const delta = states * A < 2 ** 31 && states < 65536 ? new Uint16Array(states * A) : new Uint32Array(states * A);
  const fail = new Uint32Array(states);
  const outLink = new Uint32Array(states);
  const hasOwn = (s: number) => ownOut[s]!.length > 0;

  // Breadth-first: fill the full transition table from failure links.
  const queue: number[] = [];
  for (let sym = 1; sym < A; sym++) {
    const t = children[0]!.get(sym);
    if (t !== undefined) {
      delta[sym] = t;
      queue.push(t);
    }
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    outLink[s] = hasOwn(f) ? f : outLink[f]!;
    for (let sym = 1; sym < A; sym++) {
      const t = children[s]!.get(sym);
      if (t !== undefined) {
        fail[t] = delta[f * A + sym]!;
        delta[s * A + sym] = t;
        queue.push(t);
      } else {
        delta[s * A + sym] = delta[f * A + sym]!;
      }
    }
  }

  const firstOut = new Int32Array(states).fill(-1);
  const nextOut = new Int32Array(folded.length).fill(-1);
  for (let s = 0; s < states; s++) {
    const own = ownOut[s]!;
    for (let k = own.length - 1; k >= 0; k--) {
      nextOut[own[k]!] = firstOut[s]!;
      firstOut[s] = own[k]!;
    }
  }
  const patternLength = Uint16Array.from(folded, (f) => f.length);
  return { symbolOf, spaceSymbol, alphabetSize: A, delta, firstOut, outLink, nextOut, patternLength };
}

/**
 * Scans `text` once and calls `hit(pattern, start, end)` for every occurrence of every
 * pattern, with UTF-16 offsets into the original text (end exclusive).
 */
/** Where a scan stopped, so a long text can be scanned in pieces with the page's turn between. */
export interface ScanState {
  state: number;
  fed: number;
  lastWasSpace: boolean;
  pos: Int32Array;
}

export function newScanState(): ScanState {
  return { state: 0, fed: 0, lastWasSpace: true, pos: new Int32Array(POS_RING) }; // leading white space never feeds a space
}

export function scan(
  a: Automaton,
  text: string,
  hit: (pattern: number, start: number, end: number) => void,
  from = 0,
  to = text.length,
  st: ScanState = newScanState(),
): void {
  const { symbolOf, spaceSymbol, alphabetSize: A, delta, firstOut, outLink, nextOut, patternLength } = a;
  const pos = st.pos;
  let state = st.state;
  let fed = st.fed;
  let lastWasSpace = st.lastWasSpace;
  const n = Math.min(to, text.length);
  for (let i = from; i < n; i++) {
    const sym = symbolOf[text.charCodeAt(i)]!;
    if (sym === SKIP_SYMBOL) continue;
    if (sym === spaceSymbol && sym !== 0) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else lastWasSpace = false;
    if (sym === 0) {
      state = 0;
      continue;
    }
    state = delta[state * A + sym]!;
    pos[fed & POS_MASK] = i;
    fed++;
    if (state === 0) continue;
    let s = firstOut[state]! >= 0 ? state : outLink[state]!;
    while (s !== 0) {
      for (let p = firstOut[s]!; p >= 0; p = nextOut[p]!) {
        hit(p, pos[(fed - patternLength[p]!) & POS_MASK]!, i + 1);
      }
      s = outLink[s]!;
    }
  }
  st.state = state;
  st.fed = fed;
  st.lastWasSpace = lastWasSpace;
}

export { SKIP };
