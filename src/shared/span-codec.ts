// The matches of a page:match reply packed into one ASCII string (issue 13). Chromium carries a
// message as JSON through its own value tree: a 2 MB page's 60,000 numbers as an array cost the
// page milliseconds to receive, one short ASCII string almost nothing, and unpacking it is one loop.
//
// Each match is three unsigned numbers: its start less the previous match's start (matches come
// in order of start), its length, and its descriptor's index. A number is written in base 32,
// most significant digit first: every digit but the last as a character from 0x60 ('`') up, the
// last from 0x30 ('0') up. Neither range holds '"' or '\', which JSON would escape.

const LAST = 0x30;
const MORE = 0x60;

function put(out: number[], n: number): void {
  let shift = 0;
  while (n >= 32 ** (shift + 1)) shift++;
  for (; shift > 0; shift--) out.push(MORE + (Math.floor(n / 32 ** shift) % 32));
  out.push(LAST + (n % 32));
}

/** Packs matches given as (start, end, descriptor) triples, in order of start. */
export function packSpans(triples: ArrayLike<number>): string {
  const codes: number[] = [];
  let previous = 0;
  for (let i = 0; i < triples.length; i += 3) {
    const start = triples[i]!;
    if (start < previous) throw new Error(`packSpans: match ${i / 3} starts at ${start}, before the one before it (${previous})`);
    put(codes, start - previous);
    put(codes, triples[i + 1]! - start);
    put(codes, triples[i + 2]!);
    previous = start;
  }
  let out = '';
  // String.fromCharCode takes its arguments on the stack: a few thousand at a time.
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/** The (start, end, descriptor) triples of a packed string; throws on a character no packing writes. */
export function unpackSpans(packed: string): Uint32Array {
  // Every number takes at least one character: the string's length bounds the count.
  const numbers = new Uint32Array(packed.length);
  let count = 0;
  let n = 0;
  for (let i = 0; i < packed.length; i++) {
    const c = packed.charCodeAt(i);
    if (c >= MORE && c < MORE + 32) n = n * 32 + (c - MORE);
    else if (c >= LAST && c < LAST + 32) {
      numbers[count++] = n * 32 + (c - LAST);
      n = 0;
    } else throw new Error(`character ${i} (${JSON.stringify(packed[i])}) is not part of a packed span`);
  }
  if (packed.length && packed.charCodeAt(packed.length - 1) >= MORE) throw new Error('the last number is cut short');
  if (count % 3 !== 0) throw new Error(`its ${count} numbers are not triples`);
  let start = 0;
  for (let i = 0; i < count; i += 3) {
    start += numbers[i]!;
    numbers[i] = start;
    numbers[i + 1] = start + numbers[i + 1]!;
  }
  return numbers.subarray(0, count);
}
