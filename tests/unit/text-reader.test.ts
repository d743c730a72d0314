// @vitest-environment happy-dom
// The page side's reading of text: blocks, skipped regions, shadow roots, offsets.
import { describe, expect, it } from 'vitest';
import { BLOCK_BREAK } from '../../src/engine/chars';
import { createTextReader, nodeIndexAt, readPageText } from '../../src/annotator/text-reader';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('readPageText', () => {
  it('joins blocks with a break that no name can cross, and inline text without one', () => {
    const p = readPageText(page('<p>Jeremy</p><p>Hunt and <b>Simon</b> Stevens</p><ul><li>CQC</li></ul>'));
    expect(p.text).toBe(`Jeremy${BLOCK_BREAK}Hunt and Simon Stevens${BLOCK_BREAK}CQC${BLOCK_BREAK}`);
  });
  it('skips scripts, styles, form fields, editable regions, hidden elements and our own card host', () => {
    const p = readPageText(
      page(
        '<p>Seen</p><script>var CQC</script><style>.x{}</style><textarea>NHS</textarea><input value="GP"><div contenteditable="true">Edited</div><div contenteditable="false">Fixed</div><p hidden>Hidden</p><p aria-hidden="true">Aria</p><hpa-card-host>Card</hpa-card-host>',
      ),
    );
    expect(p.text.split(BLOCK_BREAK).filter(Boolean)).toEqual(['Seen', 'Fixed']);
  });
  it('skips site menus, the page footer, consent banners and dialogs; reads the article, its footer, captions and pull quotes', () => {
    const p = readPageText(
      page(
        '<div id="onetrust-consent-sdk"><p>Cookies at NHS England</p></div>' +
          '<header><p>Masthead</p><nav><a>Health</a><a>NHS</a></nav><ul role="navigation"><li>Menu CQC</li></ul></header>' +
          '<main><article><h1>Headline</h1><figure><figcaption>Caption</figcaption></figure><blockquote>Pull quote</blockquote>' +
          '<footer>Article footer</footer></article><div role="dialog">Sign up</div><div aria-modal="true">Modal</div><dialog open>Dialog</dialog>' +
          '<aside><p>Related</p></aside></main><footer>Site footer</footer><div role="contentinfo">Contentinfo</div><div class="cookie-banner">Banner</div>',
      ),
    );
    expect(p.text.split(BLOCK_BREAK).filter(Boolean)).toEqual([
      'Masthead',
      'Headline',
      'Caption',
      'Pull quote',
      'Article footer',
      'Related',
    ]);
  });
  it('reads open shadow roots and slotted content, and reports the roots', () => {
    const d = page('<p>Light</p><div id="host"><span>slotted</span></div>');
    const root = d.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Shadow text</p><slot></slot>';
    const p = readPageText(d);
    expect(p.text).toContain('Shadow text');
    expect(p.text).toContain('slotted');
    expect(p.shadowRoots).toEqual([root]);
  });
  it('walks shadow roots inside shadow roots and named slots in the order they render', () => {
    const d = page(
      '<p>Before</p><div id="outer"><span slot="b">second</span><span slot="a">first</span><span>unslotted</span></div><p>After</p>',
    );
    const outer = d.getElementById('outer')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<h2><slot name="a"></slot></h2><div id="inner"></div><p><slot name="b"></slot></p>';
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<p>Deepest <b>text</b></p>';
    const p = readPageText(d);
    expect(p.text.split(BLOCK_BREAK).filter(Boolean)).toEqual(['Before', 'first', 'Deepest text', 'second', 'After']);
    expect(p.shadowRoots).toEqual([outer, inner]);
    expect(p.sectionStarts.map((s) => p.text.slice(s, s + 5))).toEqual(['Befor', 'first']);
  });
  it('reads shadow roots on every kind of element that can host one: custom elements, spans, sections', () => {
    const d = page('<p>Light <span id="s"></span></p><my-widget id="w"></my-widget><section id="c"></section>');
    for (const id of ['s', 'w', 'c']) d.getElementById(id)!.attachShadow({ mode: 'open' }).innerHTML = `<b>in ${id}</b>`;
    const p = readPageText(d);
    expect(p.text).toContain('in s');
    expect(p.text).toContain('in w');
    expect(p.text).toContain('in c');
    expect(p.shadowRoots).toHaveLength(3);
  });
  it('reads a single node given as the root: a text node, a skipped element, an empty block', () => {
    const d = page('<p id="a">Alpha</p><textarea id="t">NHS</textarea><div id="e"></div>');
    expect(readPageText(d.getElementById('a')!.firstChild!).text).toBe('Alpha');
    expect(readPageText(d.getElementById('a')!).text).toBe(`Alpha${BLOCK_BREAK}`);
    expect(readPageText(d.getElementById('t')!).text).toBe('');
    expect(readPageText(d.getElementById('e')!).text).toBe('');
  });
  it('maps offsets back to text nodes', () => {
    const p = readPageText(page('<p>Alpha <i>beta</i> gamma</p>'));
    const at = p.text.indexOf('beta');
    const i = nodeIndexAt(p.starts, at);
    expect(p.nodes[i]!.data).toBe('beta');
    expect(at - p.starts[i]!).toBe(0);
  });
  it('starts a new section at each heading', () => {
    const p = readPageText(page('<p>a</p><h2>B</h2><p>c</p><h3>D</h3>'));
    expect(p.sectionStarts.map((s) => p.text.charAt(s))).toEqual(['a', 'B', 'D']);
  });
  it('reads a 2,000-deep page without overflowing the stack', () => {
    let html = 'Deep CQC';
    for (let i = 0; i < 2000; i++) html = `<div>${html}</div>`;
    expect(readPageText(page(html)).text).toContain('Deep CQC');
  });
});

describe('createTextReader', () => {
  it('reads in pieces to the same result as one pass', () => {
    const html = Array.from({ length: 3000 }, (_, i) => `<p>Para ${i} <b>CQC</b></p>`).join('');
    const whole = readPageText(page(html));
    const reader = createTextReader(page(html));
    let steps = 1;
    // A deadline already past: each step reads one batch of nodes and stops.
    while (!reader.step(0)) steps++;
    expect(steps).toBeGreaterThan(3);
    expect(reader.result().text).toBe(whole.text);
    expect(reader.result().starts).toEqual(whole.starts);
  });

  it('pauses before the first block past the horizon once enough is read, and goes on from there to the same result', () => {
    const html = Array.from({ length: 3000 }, (_, i) => `<p id="p${i}">Para ${i} <b>CQC</b></p>`).join('');
    const whole = readPageText(page(html));
    const reader = createTextReader(page(html));
    const asked: string[] = [];
    // Blocks from p1000 on lie beyond the horizon; the read must not stop before 5,000 characters.
    const until = {
      chars: 5_000,
      isPast: (el: Element) => {
        asked.push(el.id);
        return Number(el.id.slice(1)) >= 1000;
      },
    };
    expect(reader.step(Infinity, until)).toBe(true);
    expect(reader.done).toBe(false);
    const pausedAt = reader.pausedAt!.id;
    expect(Number(pausedAt.slice(1))).toBeGreaterThanOrEqual(1000);
    const first = reader.result();
    expect(first.text.length).toBeGreaterThanOrEqual(5_000);
    expect(whole.text.startsWith(first.text)).toBe(true);
    expect(first.text).not.toContain(`Para ${pausedAt.slice(1)} `);
    // Measuring costs: a block is measured once every few thousand characters, not at every block.
    expect(asked.length).toBeLessThan(first.text.length / 1_000);
    // On, to the end: the same object, grown, equal to one whole pass.
    expect(reader.step(Infinity)).toBe(true);
    expect(reader.done).toBe(true);
    expect(reader.pausedAt).toBe(null);
    expect(reader.result()).toBe(first);
    expect(first.text).toBe(whole.text);
    expect(first.starts).toEqual(whole.starts);
    expect(first.nodes.map((n) => n.data)).toEqual(whole.nodes.map((n) => n.data));
  });

  it('does not pause on a page shorter than the characters asked for', () => {
    const reader = createTextReader(page('<p id="a">Short.</p><p id="b">Page.</p>'));
    expect(reader.step(Infinity, { chars: 1_000, isPast: () => true })).toBe(true);
    expect(reader.done).toBe(true);
  });
});
