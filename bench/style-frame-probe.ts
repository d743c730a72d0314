// npx tsx bench/style-frame-probe.ts — why the card cannot show within 16 ms on the long page
// (issue 13's card_ms): the page's frame after one small style change, with our highlights
// registered and without. The development build in dist/dev/chrome (run `npm run build` first)
// opens a card on the 2 MB page; then, from the page's own world, the card host's visibility
// is toggled and the frame after each toggle timed (its rAF callback to a message posted from
// it), with the marks' highlights as the extension registered them, with one range left, and
// with none. Prints a table and one JSON line; asserts nothing.
//
// Environment: CHROMIUM_PATH.

import { f1, PREFS, progress, say, sleep, table } from './common';
import { hoverOnce } from './extension-browser';
import { FRAME_HELPERS } from './frame-timing';
import { runProbe, withLongPage } from './long-page-probe';

// Runs in the page's main world: the host is a plain element there, CSS.highlights the page's registry.
const FRAMES = `(async () => {
${FRAME_HELPERS}
  const host = document.querySelector('hpa-card-host');
  host.style.setProperty('display', 'block', 'important');
  const toggles = (setUp) =>
    toggleFrames(setUp, (i) => host.style.setProperty('visibility', i % 2 ? 'hidden' : 'visible', 'important'), 7, 50);
  const ours = await toggles(restore);
  const [name, , first] = saved.find(([, , r]) => r.length > 0);
  const one = await toggles(() => {
    CSS.highlights.clear();
    CSS.highlights.set(name, new Highlight(first[0]));
    return 1;
  });
  const none = await toggles(() => {
    CSS.highlights.clear();
    return 0;
  });
  // One range under a name of the probe's own, styled by the page: which of our style's
  // properties makes the frame cost what it does.
  const style = document.createElement('style');
  style.textContent =
    '::highlight(probe-bg){background-color:rgba(0,94,184,.14)}' +
    '::highlight(probe-ul){text-decoration:underline dotted rgba(0,94,184,.8)}' +
    '::highlight(probe-ul-offset){text-decoration:underline dotted rgba(0,94,184,.8);text-underline-offset:3px}';
  document.head.append(style);
  const styled = {};
  for (const probe of ['probe-bg', 'probe-ul', 'probe-ul-offset', 'probe-unstyled'])
    styled[probe] = await toggles(() => {
      CSS.highlights.clear();
      CSS.highlights.set(probe, new Highlight(first[0]));
      return 1;
    });
  style.remove();
  restore();
  host.style.setProperty('visibility', 'hidden', 'important');
  return { ranges, ours, one, none, styled };
})()`;

async function main(): Promise<void> {
  await withLongPage(async (page) => {
    progress('a card, then the frames');
    const hover = await hoverOnce(page, 0.5, PREFS.dwellMs);
    if (!hover || hover === 'stuck') throw new Error('no card opened on the long page');
    await page.mouse.move(5, 5);
    await sleep(1500);
    const r = await page.evaluate<{
      ranges: number;
      ours: number | null;
      one: number | null;
      none: number | null;
      styled: Record<string, number | null>;
    }>(FRAMES);
    const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : f1(v));
    say(
      table(
        ['highlights registered while the card host’s visibility is toggled', 'the frame after (ms, median of 7)'],
        [
          [`ours, as painted (${r.ranges} ranges)`, ms(r.ours)],
          ['one range in one highlight', ms(r.one)],
          ['one range, styled background-color only', ms(r.styled['probe-bg'])],
          ['one range, styled text-decoration only', ms(r.styled['probe-ul'])],
          ['one range, styled text-decoration and text-underline-offset', ms(r.styled['probe-ul-offset'])],
          ['one range, no ::highlight() rule', ms(r.styled['probe-unstyled'])],
          ['none', ms(r.none)],
        ],
      ),
    );
    say(
      JSON.stringify({
        ranges: r.ranges,
        frame_ours_ms: r.ours,
        frame_one_range_ms: r.one,
        frame_background_only_ms: r.styled['probe-bg'],
        frame_underline_only_ms: r.styled['probe-ul'],
        frame_underline_offset_ms: r.styled['probe-ul-offset'],
        frame_unstyled_ms: r.styled['probe-unstyled'],
        frame_none_ms: r.none,
      }),
    );
  });
}

runProbe(main);
