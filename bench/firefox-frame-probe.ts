// npx tsx bench/firefox-frame-probe.ts — does Firefox pay for our highlights on every frame, as
// Chromium did for an underlined one (style-frame-probe.ts)? The development build in
// dist/dev/firefox (run `npm run build` first) marks the 2 MB page in Firefox ESR; then, from the
// page's own world, a small fixed box's visibility is toggled and the frame after each toggle
// timed (its rAF callback to a message posted from it), with our highlights as the extension
// registered them, with none, and with one range styled with a dotted underline only. Prints a
// table and one JSON line; asserts nothing.
//
// Environment: FIREFOX_PATH.

import { launchFirefox } from '../tests/e2e/browsers/firefox';
import { f1, LONG_CHARS, progress, ROOT, say, sleep, table } from './common';
import { FRAME_HELPERS } from './frame-timing';
import { runProbe } from './long-page-probe';
import { startBenchServer } from './server';

// A string, not a function: tsx's helpers (__name) do not exist in the page. Runs in the page's
// main world, whose CSS.highlights is the same registry the content script fills.
const FRAMES = `(async () => {
${FRAME_HELPERS}
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;top:10px;left:10px;width:200px;height:100px;background:#eee;z-index:9';
  document.body.append(box);
  const toggles = (setUp) => toggleFrames(setUp, (i) => (box.style.visibility = i % 2 ? 'hidden' : 'visible'), 9, 60);
  const ours = await toggles(restore);
  const none = await toggles(() => (CSS.highlights.clear(), 0));
  const first = saved.find(([, , r]) => r.length > 0)[2][0];
  const style = document.createElement('style');
  style.textContent = '::highlight(probe-ul){text-decoration:underline dotted rgba(0,94,184,.8)}';
  document.head.append(style);
  const underline = await toggles(() => {
    CSS.highlights.clear();
    CSS.highlights.set('probe-ul', new Highlight(first));
    return 1;
  });
  style.remove();
  const oursAgain = await toggles(restore);
  box.remove();
  // That the timing sees a frame's work at all: the whole page laid out again (its width).
  let big = false;
  const relayout = await (async () => {
    const ms = [];
    for (let i = 0; i < 3; i++) {
      await sleep(20);
      await after();
      big = !big;
      document.body.style.width = big ? '90%' : '';
      ms.push(await after());
    }
    document.body.style.width = '';
    return ms.sort((a, b) => a - b)[1];
  })();
  return { ranges, ours, none, underline, oursAgain, relayout };
})()`;

interface Frames {
  ranges: number;
  ours: number | null;
  none: number | null;
  underline: number | null;
  oursAgain: number | null;
  relayout: number;
}

async function main(): Promise<void> {
  const server = await startBenchServer(ROOT);
  const browser = await launchFirefox();
  try {
    progress('the long page in Firefox');
    const page = await browser.openPage(server.url(`/long?chars=${LONG_CHARS}`));
    await page.waitFor(() => [...CSS.highlights.values()].some((h) => h.size > 0), 180_000);
    await sleep(2000);
    progress('the frames');
    const r = await page.evaluateArg((src: string) => (0, eval)(src) as Promise<Frames>, FRAMES);
    const ms = (v: number | null) => (v === null ? '—' : f1(v));
    say(
      table(
        ['highlights registered while a fixed box’s visibility is toggled', 'the frame after (ms, median of 9)'],
        [
          [`ours, as painted (${r.ranges} ranges)`, ms(r.ours)],
          ['none', ms(r.none)],
          ['one range, styled with a dotted underline only', ms(r.underline)],
          ['ours again', ms(r.oursAgain)],
          ['for scale: the whole page laid out again (body width toggled; median of 3)', f1(r.relayout)],
        ],
      ),
    );
    say(
      JSON.stringify({
        ranges: r.ranges,
        frame_ours_ms: r.ours,
        frame_none_ms: r.none,
        frame_underline_only_ms: r.underline,
        frame_ours_again_ms: r.oursAgain,
        frame_relayout_ms: r.relayout,
      }),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

runProbe(main);
