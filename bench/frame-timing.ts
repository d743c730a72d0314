// The page-world helpers the frame probes share (style-frame-probe.ts, firefox-frame-probe.ts),
// as source text: each probe's script starts with them. A frame is timed from its rAF callback
// to a message posted from it, so the time includes the frame's style, layout and paint.
//
//   after()                     the next frame's cost, ms
//   sleep(ms)
//   toggleFrames(setUp, toggle, samples, tries)
//                               the median frame after `toggle(i)`, each sample with the
//                               highlights as `setUp()` left them (it returns their range count);
//                               the extension puts its highlights back when the page clears
//                               them, so a frame counts only if the registry held for all of it
//   saved, ranges, restore()    our highlights as registered; restore() puts them back
export const FRAME_HELPERS = `
  const after = () => new Promise((resolve) => requestAnimationFrame(() => {
    const t = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now() - t);
    ch.port2.postMessage(0);
  }));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const highlightCount = () => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0);
  const toggleFrames = async (setUp, toggle, samples, tries) => {
    const ms = [];
    for (let i = 0; ms.length < samples && i < tries; i++) {
      const expected = setUp();
      await sleep(20);
      await after();
      toggle(i);
      const frame = await after();
      if (highlightCount() === expected) ms.push(frame);
    }
    return ms.length === samples ? ms.sort((a, b) => a - b)[samples >> 1] : null;
  };
  const saved = [...CSS.highlights].map(([name, h]) => [name, h, [...h]]);
  const ranges = saved.reduce((n, [, , r]) => n + r.length, 0);
  const restore = () => {
    CSS.highlights.clear();
    for (const [n, h] of saved) CSS.highlights.set(n, h);
    return ranges;
  };
`;
