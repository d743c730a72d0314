// npx tsx bench/card-probe.ts — the hover card on the long page alone (issue 13 item 3), in a
// minute rather than npm run bench's five: the development build in dist/dev/chrome (run
// `npm run build` first), hovers timed as npm run bench times card_ms, then one hover traced
// for the rendering steps of the frames that follow. Prints a table and one JSON line.
//
// Environment: CHROMIUM_PATH; CARD_PROBE_HOVERS (default 8).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBenchBundle } from './build';
import { f1, LONG_CHARS, median, PREFS, progress, ROOT, say, sleep, table } from './common';
import { hoverOnce, hoverSeries, launchWithExtension } from './extension-browser';
import { startBenchServer } from './server';
import { RENDER_CATEGORIES, RENDER_STEPS, renderSteps, traceDuring } from './trace';

const HOVERS = Math.max(1, Number(process.env.CARD_PROBE_HOVERS ?? 8));

async function main(): Promise<void> {
  const extensionDir = path.join(ROOT, 'dist/dev/chrome');
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} is missing: run npm run build first`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-card-probe-'));
  const kbVersion = (JSON.parse(fs.readFileSync(path.join(extensionDir, 'kb.json'), 'utf8')) as { version: string }).version;
  await buildBenchBundle(work, kbVersion);
  const server = await startBenchServer(ROOT);
  const { context, profileDir } = await launchWithExtension(extensionDir);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    progress('the long page');
    await page.goto(server.url(`/long?chars=${LONG_CHARS}&probe=1`), { waitUntil: 'load', timeout: 180_000 });
    await page.waitForFunction('window.__probe && window.__probe.highlightsAt !== null', undefined, { timeout: 180_000, polling: 200 });
    await sleep(1000);
    await page.addScriptTag({ path: path.join(work, 'page-bench.js') });
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
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
