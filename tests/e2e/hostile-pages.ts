// Odd and hostile pages for the end-to-end tests: strict CSP, tampered globals, huge
// and deep DOMs, shadow roots and frames, mutation storms, a single-page app, text that
// looks like markup, right-to-left text.

const page = (title: string, body: string, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="2015-10-29T09:00:00Z">${head}</head>
<body>${body}</body></html>`;

const ARTICLE = `<article><h1>Inspection news</h1>
<p>The Care Quality Commission said on Thursday that NHS England and Jeremy Hunt agreed.</p>
<p>Simon Stevens, the NHS England chief executive, replied to the CQC.</p></article>`;

function longArticle(): string {
  return `<article><h1>A very long article</h1><p id="p0">The Regional Oversight Panel (ROP) met on Monday.</p>${Array.from(
    { length: 8000 },
    (_, i) => `<p id="p${i + 1}">Paragraph ${i + 1}: the Care Quality Commission inspected another trust this week.</p>`,
  ).join('')}<p id="last">Later the ROP said the trust must improve, as Simon Stevens had.</p></article>`;
}

export const HOSTILE_PAGES: Record<string, { html: string; headers?: Record<string, string> }> = {
  csp: {
    html: page('Strict CSP', ARTICLE),
    headers: { 'content-security-policy': "default-src 'none'" },
  },
  tamper: {
    html: page(
      'Tampered globals',
      `${ARTICLE}
<script>
  // Before we run: break what a naive script would rely on.
  Array.prototype.map = function () { throw new Error('page broke map'); };
  Array.prototype.filter = function () { throw new Error('page broke filter'); };
  Array.prototype.sort = function () { throw new Error('page broke sort'); };
  Node.prototype.appendChild = function () { throw new Error('page broke appendChild'); };
  Range.prototype.setStart = function () { throw new Error('page broke setStart'); };
  window.MutationObserver = function () { throw new Error('page broke MutationObserver'); };
  // After we run: keep clearing the highlights.
  setInterval(function () { CSS.highlights.clear(); }, 400);
</script>`,
    ),
  },
  long: {
    // Far more marks than are painted at once: only those near the viewport are. Every seventh is a
    // bullet point, as in news copy: a list goes on in its article's flow.
    html: page(
      'Long article',
      `<article><h1>A long article</h1>${Array.from({ length: 2400 }, (_, i) => {
        const text = `Paragraph ${i}: the Care Quality Commission inspected another trust this week.`;
        return i % 7 === 3 ? `<ul><li id="p${i}">${text}</li></ul>` : `<p id="p${i}">${text}</p>`;
      }).join('')}</article>`,
    ),
  },
  longTall: {
    // The same with paragraphs far apart: a run of them is taller than the area painted ahead.
    html: page(
      'Long article, tall paragraphs',
      `<article><h1>A long article</h1>${Array.from({ length: 2400 }, (_, i) => `<p id="p${i}">Paragraph ${i}: the Care Quality Commission inspected another trust this week.</p>`).join('')}</article>`,
      '<style>p { margin: 0 0 500px }</style>',
    ),
  },
  longest: {
    // Over 600 K characters: read at first only as far as the reader will soon see, and on as they scroll, its text
    // going to the background in parts. An acronym defined in the first paragraph is marked in the last only if the
    // text was matched as one; a name only the last paragraph gives is in the popup's list only if that reads it all.
    html: page('Longest article', longArticle()),
  },
  innerScroller: {
    // The same article in a box that scrolls while the window does not, as some sites' layouts do: reading on must
    // follow the box's scrolling.
    html: page(
      'Long article in a scrolling box',
      `<style>html, body { height: 100%; margin: 0; overflow: hidden; } #box { height: 100%; overflow: auto; }</style><div id="box">${longArticle()}</div>`,
    ),
  },
  heavy: {
    html: page(
      'Heavy DOM',
      `<div id="root"></div>
<script>
  var root = document.getElementById('root');
  var frag = document.createDocumentFragment();
  for (var i = 0; i < 198000; i++) { var s = document.createElement('span'); if (i % 1000 === 0) s.textContent = '.'; frag.appendChild(s); }
  root.appendChild(frag);
  var deep = document.createElement('div'); var cur = deep;
  for (var d = 0; d < 2000; d++) { var n = document.createElement('div'); cur.appendChild(n); cur = n; }
  cur.textContent = 'Deep inside, the Care Quality Commission rated the trust.';
  root.appendChild(deep);
  var p = document.createElement('p'); p.textContent = 'At the top, Simon Stevens spoke.'; document.body.insertBefore(p, root);
</script>`,
    ),
  },
  shadow: {
    html: page(
      'Shadow roots and frames',
      `<p>Light DOM: Jeremy Hunt spoke.</p>
<div id="host"></div>
<iframe id="f1" srcdoc="<p>In a srcdoc frame, NHS England replied.</p>" width="600" height="80"></iframe>
<iframe id="f2" src="/hostile/frame" width="600" height="80"></iframe>
<script>
  var root = document.getElementById('host').attachShadow({ mode: 'open' });
  root.innerHTML = '<p>In a shadow root, the Care Quality Commission reported.</p><slot></slot>';
  document.getElementById('host').appendChild(document.createElement('span')).textContent = 'Slotted: Simon Stevens.';
</script>`,
    ),
  },
  frame: { html: page('Frame', '<p>In a same-origin frame, the King\u2019s Fund commented.</p>') },
  mutations: {
    html: page(
      'Mutation storm',
      `${ARTICLE}<div id="storm"></div><p id="lag"></p>
<script>
  // 10,000 DOM mutations a second for 10 seconds, and a record of the page's own timer lag.
  var storm = document.getElementById('storm'), maxLag = 0, last = performance.now(), t0 = performance.now();
  var lagTimer = setInterval(function () { var now = performance.now(); maxLag = Math.max(maxLag, now - last - 50); last = now; }, 50);
  var stormTimer = setInterval(function () {
    for (var i = 0; i < 100; i++) { var s = document.createElement('span'); s.textContent = 'tick '; storm.appendChild(s); if (storm.childNodes.length > 200) storm.removeChild(storm.firstChild); }
    if (performance.now() - t0 > 10000) {
      clearInterval(stormTimer); clearInterval(lagTimer);
      var p = document.createElement('p'); p.id = 'after'; p.textContent = 'After the storm, Andrew Lansley spoke.'; document.body.appendChild(p);
      window.__stormDone = { maxLag: maxLag };
    }
  }, 10);
</script>`,
    ),
  },
  spa: {
    html: page(
      'Single-page app',
      `<main id="app"><article><h1>First story</h1><p>Norman Fowler was the previous record holder, the CQC said.</p></article></main>
<script>
  window.swap = function () {
    document.getElementById('app').innerHTML = '<article><h1>Second story</h1><p>Health secretary Jermy Hunt and the King\u2019s Fund.</p></article>';
    history.pushState({}, '', '/hostile/spa?story=2');
  };
</script>`,
    ),
  },
  markup: {
    html: page(
      'Text that looks like markup',
      `<p id="m">The &lt;img src=x onerror=alert(1)&gt; tag and &lt;script&gt;alert(2)&lt;/script&gt; near the CQC.</p>
<p id="rtl" dir="rtl">\u0642\u0627\u0644\u062a NHS England \u0625\u0646 \u0627\u0644\u062e\u062f\u0645\u0629 \u05e9\u05dc\u05d5\u05dd Jeremy Hunt.</p>
<p id="plain">The Care Quality Commission inspected the trust; selection and copy must be unchanged.</p>`,
    ),
  },
};
