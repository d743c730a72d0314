// npx tsx bench/card-probe.ts — the hover card on the long page alone (issue 13 item 3), in a
// minute rather than npm run bench's five: the development build in dist/dev/chrome (run
// `npm run build` first), hovers timed as npm run bench times card_ms, then one hover traced
// for the rendering steps of the frames that follow. Prints a table and one JSON line.
//
// Environment: CHROMIUM_PATH; CARD_PROBE_HOVERS (default 8).

import { f1, median, PREFS, progress, say, table } from './common';
import { hoverOnce, hoverSeries } from './extension-browser';
import { runProbe, withLongPage } from './long-page-probe';
import { RENDER_CATEGORIES, RENDER_STEPS, renderSteps, traceDuring } from './trace';

const HOVERS = Math.max(1, Number(process.env.CARD_PROBE_HOVERS ?? 8));

async function main(): Promise<void> {
  await withLongPage(async (page, context) => {
    const painted = await page.evaluate('__hpaBench.highlightCount()');
    const mutation = await page.evaluate('__hpaBench.mutationFrames()');
    progress(`${HOVERS} hovers`);
    const series = await hoverSeries(page, HOVERS);
    const all = [...(series.first ? [series.first] : []), ...series.rest];
    progress('one hover, traced');
    const events = await traceDuring(
      context,
      page,
      async () => {
        await hoverOnce(page, 0.5, PREFS.dwellMs);
      },
      RENDER_CATEGORIES,
    );
    const steps = renderSteps(events);
    say(
      table(
        ['hover', 'card_ms (dwell end → frame after the card shows)', 'shown', 'placed'],
        all.map((h, i) => [i === 0 ? 'first' : String(i), f1(h.cardMs), f1(h.showMs), f1(h.placedMs)]),
      ),
    );
    say(
      `ranges painted: ${String(painted)}; the page's next frame after it appends an element: ${(mutation as number[]).map(f1).join(', ')} ms`,
    );
    say(`render steps over the traced hover (ms, summed): ${RENDER_STEPS.map((s) => `${s} ${f1(steps[s])}`).join(', ')}`);
    say(
      JSON.stringify({
        card_ms: median(series.rest.map((h) => h.cardMs)),
        card_first_ms: series.first?.cardMs ?? null,
        failed: series.failed,
        stuck: series.stuck,
        render: steps,
        painted,
        mutation_frame_ms: median(mutation as number[]),
      }),
    );
  });
}

runProbe(main);
