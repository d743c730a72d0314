// npx tsx bench/load-probe.ts [extension dir] — where the real extension's page work goes on the
// long page (issue 13's ours_over_floor), in a minute: traced loads of the long page, our
// slices of the page's main thread, and within them the profiler's samples by function
// (self time) and the rendering steps they force. Build with BUILD_MINIFY=0 and DIST_DIR for
// readable names: `BUILD_MINIFY=0 DIST_DIR=/tmp/plain npm run build:ext`, then pass
// /tmp/plain/dev/chrome. Prints tables and one JSON line; asserts nothing.
//
// After each load the page is scrolled to its end: what reading on costs the page (the rest of
// the long page, read as the reader reaches it) is printed apart, as `read_on_ms`.
//
// Environment: CHROMIUM_PATH; LOAD_PROBE_RUNS (default 3).

import fs from 'node:fs';
import path from 'node:path';
import { f1, LONG_CHARS, median, progress, ROOT, say, sleep, table } from './common';
import { loadWork } from './background-probes';
import { launchWithExtension } from './extension-browser';
import { startBenchServer } from './server';
import { contentScriptWork, profileSamples, traceDuring, withPaintFrame, type TraceEvent } from './trace';

const RUNS = Math.max(1, Number(process.env.LOAD_PROBE_RUNS ?? 3));
const RENDER = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'FireAnimationFrame', 'MinorGC', 'MajorGC'];
const FORCED = ['Layout', 'UpdateLayoutTree', 'ParseHTML', 'MajorGC', 'MinorGC', 'V8.GC_MARK_COMPACTOR', 'V8.GC_SCAVENGER'];

// The bench's floor (bench/page-bench.ts): one TreeWalker pass reading every text node, then the next frame's rendering.
const FLOOR = `(async () => {
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'TITLE']);
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  let n;
  while ((n = walker.nextNode())) if (!(n.parentNode && skip.has(n.parentNode.nodeName))) parts.push(n.data);
  parts.join('');
  const pass = performance.now() - t0;
  document.body.appendChild(document.createComment('floor'));
  const render = await new Promise((resolve) => requestAnimationFrame(() => {
    const raf = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now() - raf);
    ch.port2.postMessage(0);
  }));
  return pass + render;
})()`;

/** Self time (ms) per function among the samples inside [from, to] (µs) on the page's thread. */
function selfTimes(events: TraceEvent[], pid: number, windows: [number, number][]): Map<string, number> {
  const { nodes, samples } = profileSamples(events, pid);
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < samples.length; i++) {
    const s = samples[i]!;
    if (!windows.some(([a, b]) => s.ts >= a && s.ts <= b)) continue;
    const f = nodes.get(s.id)?.callFrame ?? {};
    const where = f.url ? `${path.basename(f.url)}:${(f.lineNumber ?? 0) + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    out.set(key, (out.get(key) ?? 0) + Math.min(samples[i + 1]!.ts - s.ts, 2000) / 1000);
  }
  return out;
}

async function main(): Promise<void> {
  const extensionDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist/dev/chrome'));
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no manifest.json`);
  const server = await startBenchServer(ROOT);
  const { context, profileDir, extensionId } = await launchWithExtension(extensionDir);
  const scriptUrl = `chrome-extension://${extensionId}/content.js`;
  const totals: number[] = [];
  const floors: number[] = [];
  const longest: number[] = [];
  const longestOwn: number[] = [];
  const readOns: number[] = [];
  const readOnLongest: number[] = [];
  const self = new Map<string, number>();
  const forced = new Map<string, number>();
  try {
    for (let run = 0; run < RUNS; run++) {
      progress(`traced load ${run + 1} of ${RUNS}`);
      const p = await context.newPage();
      await p.goto('about:blank');
      const events = await traceDuring(context, p, async () => {
        await p.goto(server.url(`/long?chars=${LONG_CHARS}&probe=1`), { waitUntil: 'load', timeout: 180_000 });
        await p.waitForFunction('window.__probe && window.__probe.highlightsAt !== null', undefined, { timeout: 180_000, polling: 200 });
        await sleep(1500);
        await p.evaluate("console.timeStamp('hpa-read-on'); window.scrollTo(0, document.documentElement.scrollHeight)");
        await sleep(3000);
      });
      const all = contentScriptWork(events, scriptUrl);
      if (!all.found) throw new Error('the content script was not found in the trace');
      const readOnAt = events.find(
        (e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === 'hpa-read-on',
      )?.ts;
      if (readOnAt === undefined) throw new Error('the scroll to the end was not found in the trace');
      const atLoad = { ...all, ours: all.ours.filter((b) => b.ts < readOnAt) };
      const work = { ...atLoad, ours: withPaintFrame(events, atLoad).filter((b) => b.ts < readOnAt) };
      const readOn = all.ours.filter((b) => b.ts >= readOnAt);
      readOns.push(readOn.reduce((a, b) => a + b.ms, 0));
      readOnLongest.push(Math.max(0, ...readOn.map((b) => b.ms)));
      const windows = work.ours.map((b): [number, number] => [b.ts, b.ts + b.ms * 1000]);
      totals.push(work.ours.reduce((a, b) => a + b.ms, 0));
      const lw = loadWork(work.ours);
      longest.push(lw.longest);
      longestOwn.push(lw.longestOwn);
      const { pid, tid } = events.find((e) => e.name === 'EvaluateScript' && e.ts === work.evaluateTs)!;
      const steps = (b: { ts: number; ms: number }) =>
        events
          .filter(
            (e) => e.pid === pid && e.tid === tid && e.ph === 'X' && RENDER.includes(e.name) && e.ts >= b.ts && e.ts <= b.ts + b.ms * 1000,
          )
          .reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.name]: (acc[e.name] ?? 0) + (e.dur ?? 0) / 1000 }), {});
      if (run === RUNS - 1)
        say(
          table(
            ['slice', 'start (ms)', 'ms', 'our samples / all', 'rendering steps in it (ms)'],
            work.ours.map((b, i) => [
              String(i),
              f1((b.ts - work.ours[0]!.ts) / 1000),
              f1(b.ms),
              `${b.ourSamples}/${b.samples}`,
              Object.entries(steps(b))
                .map(([k, v]) => `${k} ${f1(v)}`)
                .join(', '),
            ]),
          ),
        );
      if (run === RUNS - 1)
        say(
          table(
            ['read on: slice', 'after the scroll (ms)', 'ms', 'our samples / all', 'most self time in it'],
            readOn.map((b, i) => [
              String(i),
              f1((b.ts - readOnAt) / 1000),
              f1(b.ms),
              `${b.ourSamples}/${b.samples}`,
              [...selfTimes(events, pid, [[b.ts, b.ts + b.ms * 1000]])]
                .sort((x, y) => y[1] - x[1])
                .slice(0, 3)
                .map(([k, v]) => `${k} ${f1(v)}`)
                .join('; '),
            ]),
          ),
        );
      for (const [k, v] of selfTimes(events, pid, windows)) self.set(k, (self.get(k) ?? 0) + v / RUNS);
      if (run === RUNS - 1)
        for (const [i, b] of work.ours.entries()) {
          if (b.ms < Number(process.env.LOAD_PROBE_SLICE_MS ?? 30)) continue;
          const top = [...selfTimes(events, pid, [[b.ts, b.ts + b.ms * 1000]])].sort((x, y) => y[1] - x[1]).slice(0, 8);
          say(`slice ${i} (${f1(b.ms)} ms): ${top.map(([k, v]) => `${k} ${f1(v)}`).join('; ')}`);
        }
      for (const e of events)
        if (e.pid === pid && e.tid === tid && e.ph === 'X' && FORCED.includes(e.name) && windows.some(([a, b]) => e.ts >= a && e.ts <= b))
          forced.set(e.name, (forced.get(e.name) ?? 0) + (e.dur ?? 0) / 1000 / RUNS);
      floors.push(await p.evaluate(FLOOR));
      await p.close();
    }
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
    say(
      table(
        ['function (self time inside our slices, mean per load)', 'ms'],
        top.map(([k, v]) => [k, f1(v)]),
      ),
    );
    say(
      table(
        ['rendering step inside our slices', 'ms'],
        [...forced].map(([k, v]) => [k, f1(v)]),
      ),
    );
    const floor = median(floors);
    say(
      JSON.stringify({
        page_work_ms: median(totals),
        floor_ms: floor,
        over_floor: Math.round((median(totals) / floor) * 100) / 100,
        loads: totals.map((t) => Math.round(t * 10) / 10),
        longest: longest.map((t) => Math.round(t * 10) / 10),
        longest_own: longestOwn.map((t) => Math.round(t * 10) / 10),
        floors: floors.map((t) => Math.round(t * 10) / 10),
        read_on_ms: median(readOns),
        read_on: readOns.map((t) => Math.round(t * 10) / 10),
        read_on_longest: readOnLongest.map((t) => Math.round(t * 10) / 10),
      }),
    );
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
