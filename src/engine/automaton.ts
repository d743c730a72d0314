// Aho–Corasick automaton over case-folded canonical text, as a flat DFA table.
// One pass over a page's text finds every alias occurrence; the rules that decide
// which occurrences are real mentions run afterwards, only on hits.
//
// The trie is compiled once ahead of time (the KB build) into plain data; a page fills
// in its tables and failure links, and the DFA's other transitions are filled in lazily
// as its text needs them. The scan is one small loop on purpose: a page runs it once,
// cold, and a small loop reaches optimised code soonest (an anchored variant that
// skipped whole words was faster warm and slower cold).

import { INVISIBLE_UNITS, canonicalText, variantsOf } from './chars';

const POS_RING = 256; // patterns are at most this many units long
const POS_MASK = POS_RING - 1;

/** Symbol 0 is any unit no pattern uses; the patterns' units are 1… */
const OTHER = 0;
const FIRST_UNIT_SYMBOL = 1;
const SKIP_SYMBOL = 0xffff;

export interface Automaton {
  /** Code unit -> symbol; 0 = a unit no pattern uses, SKIP_SYMBOL = invisible. */
  symbolOf: Uint16Array;
  spaceSymbol: number;
  alphabetSize: number;
  /** delta[state * alphabetSize + symbol]: the next state, or `unknown` until first needed (then filled in). */
  delta: Uint16Array | Uint32Array;
  unknown: number;
  /** Failure links: the longest proper suffix of a state's path that is also a path. */
  fail: Uint32Array;
  /** First pattern index ending at a state, or -1; further ones chained via nextOut. */
  firstOut: Int32Array;
  /** Next state (through failure links) that has output, or 0. */
  outLink: Uint32Array;
  /** For each pattern (by index into the entries list), the next pattern ending at the same state, or -1. */
  nextOut: Int32Array;
  /** Length of each pattern in canonical units. */
  patternLength: Uint16Array;
}

const MAX_PATTERN_LENGTH = POS_RING;

function foldedPattern(text: string): string {
  return canonicalText(text).toLowerCase();
}

export const AUTOMATON_FORMAT = 2;

/**
 * The automaton as plain data, compiled once ahead of time (the KB build) and handed to
 * each page, which only fills in its tables (loadAutomaton): no per-page compiling.
 */
export interface CompiledAutomaton {
  /** AUTOMATON_FORMAT when compiled: data of another format is compiled afresh, never misread. */
  format: number;
  alphabetSize: number;
  spaceSymbol: number;
  /** Code unit, symbol, code unit, symbol…: every unit the patterns use, with its case and canonical variants. */
  units: number[];
  /** The trie's states 1… in breadth-first order, each as (its parent minus the previous state's parent, its symbol), varints, base64. */
  edges: string;
  /** For each pattern, the state it ends at. */
  ends: number[];
  /** For each pattern, its length in canonical units. */
  lengths: number[];
}

export function compileAutomaton(patterns: readonly string[]): CompiledAutomaton {
  const folded = patterns.map((p, i) => {
    const f = foldedPattern(p);
    if (f.length === 0) throw new Error(`pattern ${i} is empty`);
    if (f.length > MAX_PATTERN_LENGTH) throw new Error(`pattern "${p}" is longer than ${MAX_PATTERN_LENGTH} characters`);
    return f;
  });

  // Alphabet: every folded unit in any pattern, with its case and canonical variants.
  const unitSymbol = new Map<number, number>();
  const units = new Map<number, number>();
  let alphabetSize = FIRST_UNIT_SYMBOL;
  for (const f of folded) {
    for (let i = 0; i < f.length; i++) {
      const u = f.charCodeAt(i);
      if (unitSymbol.has(u)) continue;
      const sym = alphabetSize++;
      unitSymbol.set(u, sym);
      const ch = String.fromCharCode(u);
      const cased = new Set<number>([u]);
      for (const v of [ch.toUpperCase(), ch.toLowerCase()]) if (v.length === 1) cased.add(v.charCodeAt(0));
      for (const c of cased) for (const variant of variantsOf(c)) units.set(variant, sym);
    }
  }
  const spaceSymbol = unitSymbol.get(32) ?? OTHER;

  // The trie.
  const children: Map<number, number>[] = [new Map<number, number>()];
  const endOf: number[] = [];
  folded.forEach((f) => {
    let s = 0;
    const step = (sym: number) => {
      let next = children[s]!.get(sym);
      if (next === undefined) {
        next = children.length;
        children.push(new Map<number, number>());
        children[s]!.set(sym, next);
      }
      s = next;
    };
    for (let i = 0; i < f.length; i++) step(unitSymbol.get(f.charCodeAt(i))!);
    endOf.push(s);
  });

  // Renumbered breadth-first, so a state's parent always comes before it and the page
  // can find failure links in one pass.
  const bfsId = new Int32Array(children.length);
  const bytes: number[] = [];
  const varint = (n: number) => {
    for (; n >= 0x80; n >>>= 7) bytes.push((n & 0x7f) | 0x80);
    bytes.push(n);
  };
  const queue = [0];
  let previousParent = 0;
  for (let qi = 0; qi < queue.length; qi++) {
    const old = queue[qi]!;
    const parent = bfsId[old]!;
    for (const [sym, child] of [...children[old]!].sort((a, b) => a[0] - b[0])) {
      bfsId[child] = queue.length;
      queue.push(child);
      varint(parent - previousParent);
      varint(sym);
      previousParent = parent;
    }
  }

  return {
    format: AUTOMATON_FORMAT,
    alphabetSize,
    spaceSymbol,
    units: [...units].sort((a, b) => a[0] - b[0]).flat(),
    edges: toBase64(bytes),
    ends: endOf.map((s) => bfsId[s]!),
    lengths: folded.map((f) => f.length),
  };
}

function toBase64(bytes: number[]): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.slice(i, i + 0x2000));
  return btoa(binary);
}

/** Thrown for compiled data that does not hold together (a damaged or foreign knowledge base). */
function bad(what: string): never {
  throw new Error(`compiled automaton: ${what}`);
}

/** The page's side: tables from the compiled data, failure links in one breadth-first pass. */
export function loadAutomaton(c: CompiledAutomaton): Automaton {
  if (c.format !== AUTOMATON_FORMAT) bad(`format ${c.format}, not ${AUTOMATON_FORMAT}`);
  const A = c.alphabetSize;
  if (!(A >= FIRST_UNIT_SYMBOL && A < 0xfff0)) bad(`alphabet size ${A}`);
  const symbolOf = new Uint16Array(65536);
  for (let i = 0; i < c.units.length; i += 2) {
    const unit = c.units[i]!;
    const sym = c.units[i + 1]!;
    if (!(unit >= 0 && unit < 65536 && sym >= FIRST_UNIT_SYMBOL && sym < A)) bad(`unit ${unit} → symbol ${sym}`);
    symbolOf[unit] = sym;
  }
  for (const u of INVISIBLE_UNITS) symbolOf[u] = SKIP_SYMBOL;
  if (c.lengths.length !== c.ends.length) bad('pattern lengths and ends differ in number');

  // Edges: state k (from 1) hangs from a parent before it, on a symbol.
  const raw = atob(c.edges);
  // At most one edge per two bytes; typed arrays, not arrays that grow (this runs cold, in every page).
  const parents = new Uint32Array(raw.length >> 1);
  const syms = new Uint16Array(raw.length >> 1);
  let edges = 0;
  let parent = 0;
  let i = 0;
  const read = (): number => {
    let n = 0;
    for (let scale = 1; ; scale *= 128) {
      if (i >= raw.length) bad('edges end mid-number');
      const b = raw.charCodeAt(i++);
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
    }
  };
  while (i < raw.length) {
    parent += read();
    const sym = read();
    if (!(parent <= edges && sym >= FIRST_UNIT_SYMBOL && sym < A)) bad(`edge to state ${edges + 1}`);
    parents[edges] = parent;
    syms[edges] = sym;
    edges++;
  }
  const states = edges + 1;
  const unknown = states < 65535 ? 0xffff : 0xffffffff;
  const delta = (states < 65535 ? new Uint16Array(states * A) : new Uint32Array(states * A)).fill(unknown);
  delta.fill(0, 0, A); // the root: no child is the root itself
  const fail = new Uint32Array(states);
  const outLink = new Uint32Array(states);
  const firstOut = new Int32Array(states).fill(-1);
  const nextOut = new Int32Array(c.ends.length).fill(-1);
  for (let p = c.ends.length - 1; p >= 0; p--) {
    const s = c.ends[p]!;
    if (!(s > 0 && s < states)) bad(`pattern ${p} ends at state ${s}`);
    nextOut[p] = firstOut[s]!;
    firstOut[s] = p;
  }
  const automaton: Automaton = {
    symbolOf,
    spaceSymbol: c.spaceSymbol,
    alphabetSize: A,
    delta,
    unknown,
    fail,
    firstOut,
    outLink,
    nextOut,
    patternLength: Uint16Array.from(c.lengths),
  };
  for (let k = 1; k < states; k++) {
    const p = parents[k - 1]!;
    const sym = syms[k - 1]!;
    if (delta[p * A + sym] !== (p === 0 ? 0 : unknown)) bad(`state ${p} has two children on symbol ${sym}`);
    delta[p * A + sym] = k;
    const f = p === 0 ? 0 : transition(automaton, fail[p]!, sym);
    fail[k] = f;
    outLink[k] = firstOut[f]! >= 0 ? f : outLink[f]!;
  }
  return automaton;
}

/** Where a scan stopped, so a long text can be scanned in pieces with the page's turn between. */
interface ScanState {
  state: number;
  fed: number;
  lastWasSpace: boolean;
  pos: Int32Array;
}

export function newScanState(): ScanState {
  return { state: 0, fed: 0, lastWasSpace: true, pos: new Int32Array(POS_RING) }; // leading white space never feeds a space
}

/**
 * The DFA's transition, filled in on first need: a trie child, or the failure state's
 * transition. Building the whole table up front would cost every page states × symbols
 * steps; a page only ever needs a small part of it.
 */
function transition(a: Pick<Automaton, 'delta' | 'fail' | 'alphabetSize' | 'unknown'>, state: number, sym: number): number {
  const { delta, fail, alphabetSize: A, unknown } = a;
  let s = state;
  let t = delta[s * A + sym]!;
  while (t === unknown) {
    s = fail[s]!;
    t = delta[s * A + sym]!;
  }
  delta[state * A + sym] = t;
  return t;
}

/**
 * Scans `text` from `from` to `to` and calls `hit(pattern, start, end)` for every
 * occurrence of every pattern, with UTF-16 offsets into the original text (end
 * exclusive); the rules check word boundaries afterwards. `st` carries the scan across pieces.
 */
export function scan(
  a: Automaton,
  text: string,
  hit: (pattern: number, start: number, end: number) => void,
  from = 0,
  to = text.length,
  st: ScanState = newScanState(),
): void {
  const { symbolOf, spaceSymbol, alphabetSize: A, delta, unknown, firstOut, outLink, nextOut, patternLength } = a;
  const pos = st.pos;
  let state = st.state;
  let fed = st.fed;
  let lastWasSpace = st.lastWasSpace;
  const n = Math.min(to, text.length);
  for (let i = from; i < n; i++) {
    const sym = symbolOf[text.charCodeAt(i)]!;
    if (sym === SKIP_SYMBOL) continue;
    if (sym === spaceSymbol && sym !== OTHER) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else lastWasSpace = false;
    if (sym === OTHER) {
      state = 0;
      continue;
    }
    const next = delta[state * A + sym]!;
    state = next !== unknown ? next : transition(a, state, sym);
    pos[fed & POS_MASK] = i;
    fed++;
    if (state === 0) continue;
    let s = firstOut[state]! >= 0 ? state : outLink[state]!;
    while (s !== 0) {
      for (let p = firstOut[s]!; p >= 0; p = nextOut[p]!) hit(p, pos[(fed - patternLength[p]!) & POS_MASK]!, i + 1);
      s = outLink[s]!;
    }
  }
  st.state = state;
  st.fed = fed;
  st.lastWasSpace = lastWasSpace;
}
