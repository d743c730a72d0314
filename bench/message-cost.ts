// npx tsx bench/message-cost.ts — what sending a long page's text to the background costs the page
// (issue 13: one page:match message or chunks?). In Chromium (which serialises a message as
// JSON) and Firefox (structured clone), from an extension page in a tab of the dev build in
// dist/dev (run npm run build first): the sendMessage() call itself, which is the page's
// task, and the round trip, for 2 MB in one message and in 256 KB chunks sent one after another.

import { launchChromium, launchFirefox, type TestBrowser } from '../tests/e2e/browsers';
import { f1, median, table } from './common';

const CHARS = 2_000_000;
const CHUNKS = [256_000, 64_000];
const RUNS = 5;

interface Cost {
  /** The sendMessage() calls themselves (the page's own task), summed over the chunks. */
  callMs: number;
  /** The longest single call. */
  longestCallMs: number;
  /** From the first call to the last reply. */
  roundTripMs: number;
}

async function measure(
  b: TestBrowser,
): Promise<{ whole: Cost[]; wholeWide: Cost[]; wholeBytes: Cost[]; wholeLatin1: Cost[]; chunks: Cost[][]; stringifyMs: number[] }> {
  const page = await b.openPage(`${b.extensionOrigin}options.html`);
  try {
    const once = (chunk: number, wide = false, convert: 'none' | 'bytes' | 'latin1' = 'none') =>
      page.evaluateArg(
        async ({ chars, chunk, wide, convert }) => {
          type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
          const g = globalThis as unknown as { browser?: Api; chrome: Api };
          const api = g.browser ?? g.chrome;
          // Prose-like text: words and spaces, as a page's text is.
          const words = [
            'the',
            'Department',
            'of',
            'Health',
            'said',
            'NHS',
            'England',
            'would',
            'publish',
            'its',
            'plan',
            wide ? 'Trust’s' : 'Trust',
          ];
          let text = '';
          for (let i = 0; text.length < chars; i++) text += words[i % words.length] + (i % 17 === 16 ? '. ' : ' ');
          text = text.slice(0, chars);
          let callMs = 0;
          let longest = 0;
          const t0 = performance.now();
          for (let at = 0; at < text.length; at += chunk) {
            const c0 = performance.now();
            let part = text.slice(at, at + chunk);
            // A one-byte string serialises faster: the part as UTF-8 bytes, one character per byte, or
            // Latin-1 with stand-ins for the rest (their positions would go alongside).
            if (convert === 'bytes') {
              const bytes = new TextEncoder().encode(part);
              let out = '';
              for (let i = 0; i < bytes.length; i += 8192)
                out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
              part = out;
            } else if (convert === 'latin1') {
              const bytes = new Uint8Array(part.length);
              const wideAt: number[] = [];
              for (let i = 0; i < part.length; i++) {
                const c = part.charCodeAt(i);
                if (c < 0x80 || (c > 0x9f && c < 0x100)) bytes[i] = c;
                else {
                  bytes[i] = 0x3f;
                  wideAt.push(i, c);
                }
              }
              part = new TextDecoder('windows-1252').decode(bytes);
            }
            const pending = api.runtime.sendMessage({ type: 'page:match', text: part, date: null, lang: null });
            const c = performance.now() - c0;
            callMs += c;
            longest = Math.max(longest, c);
            // An extension page may not ask for page:match (the router refuses it by sender, after the
            // message was carried and read): the refusal ends the round trip without matching.
            const reply = (await pending) as { ok: boolean; error?: string };
            if (!reply || (!reply.ok && !/accepted from/.test(reply.error ?? '')))
              throw new Error(`page:match: ${reply?.error ?? 'no reply'}`);
          }
          const roundTripMs = performance.now() - t0;
          // For comparison: JSON.stringify of the same message in the page (what Chrome's serialisation amounts to at least).
          const s0 = performance.now();
          JSON.stringify({ type: 'page:match', text, date: null, lang: null });
          return { callMs, longestCallMs: longest, roundTripMs, stringifyMs: performance.now() - s0 };
        },
        { chars: CHARS, chunk, wide, convert },
      );
    await once(CHARS); // warm: the KB installed and the engine built
    const whole: Cost[] = [];
    const wholeWide: Cost[] = [];
    const wholeBytes: Cost[] = [];
    const wholeLatin1: Cost[] = [];
    const chunks: Cost[][] = CHUNKS.map(() => []);
    const stringifyMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const w = await once(CHARS);
      whole.push(w);
      stringifyMs.push(w.stringifyMs);
      wholeWide.push(await once(CHARS, true));
      wholeBytes.push(await once(CHARS, true, 'bytes'));
      wholeLatin1.push(await once(CHARS, true, 'latin1'));
      for (const [k, size] of CHUNKS.entries()) chunks[k]!.push(await once(size));
    }
    return { whole, wholeWide, wholeBytes, wholeLatin1, chunks, stringifyMs };
  } finally {
    await page.close();
  }
}

const rows: (string | number)[][] = [];
for (const [name, launch] of [
  ['Chromium', launchChromium],
  ['Firefox', launchFirefox],
] as const) {
  const b = await launch();
  try {
    const r = await measure(b);
    const row = (how: string, xs: Cost[]) => [
      name,
      how,
      f1(median(xs.map((x) => x.callMs))),
      f1(median(xs.map((x) => x.longestCallMs))),
      f1(median(xs.map((x) => x.roundTripMs))),
    ];
    rows.push(
      row(`one message of 2 MB (JSON.stringify of it: ${f1(median(r.stringifyMs))})`, r.whole),
      row('one message of 2 MB with a ’ in every 12th word (a two-byte string)', r.wholeWide),
      row('the same, converted first to UTF-8 bytes as a one-byte string (conversion counted)', r.wholeBytes),
      row('the same, converted first to Latin-1 with stand-ins (conversion counted)', r.wholeLatin1),
      ...CHUNKS.map((size, k) => row(`${Math.ceil(CHARS / size)} messages of ${size / 1000} K characters`, r.chunks[k]!)),
    );
  } finally {
    await b.close();
  }
}
console.log(`page:match of ${CHARS} characters from an extension page in a tab; median of ${RUNS}; ms`);
console.log(table(['browser', 'sent as', 'sendMessage() calls', 'longest call', 'round trip'], rows));
