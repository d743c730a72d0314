// @vitest-environment happy-dom
// Scan scheduling: a newer scan (or switching off) supersedes one under way; rescans are
// spaced by the cost of the last one; additions during a full read make a rescan.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Painter } from '../../src/annotator/marks';
import type { PageMatcher } from '../../src/annotator/page-matcher';
import { PageModel } from '../../src/annotator/page-model';
import { FIRST_READ_CHARS, RESCAN_COST_FACTOR, RESCAN_DELAY_MS, ScanScheduler } from '../../src/annotator/scan-scheduler';
import { DEFAULT_PREFS } from '../../src/shared/prefs';
import { deferred, installHighlights, NameMatcher, settle } from './annotator-page';

function setUp(matcher: PageMatcher, abort = new AbortController()) {
  installHighlights();
  const model = new PageModel({ painter: new Painter(window), prefs: () => DEFAULT_PREFS, styleRoots: () => {} });
  const onScanned = vi.fn();
  const scanner = new ScanScheduler({
    doc: document,
    matcher,
    model,
    signal: abort.signal,
    onScanned,
    yieldToPage: () => Promise.resolve(),
  });
  return { model, scanner, onScanned, abort };
}

/** A matcher whose page matching waits at a gate and then asks for its turn, as a long page's matching does. */
class GatedMatcher extends NameMatcher {
  gates: { promise: Promise<void>; resolve: () => void }[] = [];
  override async matchPage(text: string, context: { date: string | null; lang: string | null }, turn: () => Promise<boolean>) {
    const gate = deferred();
    this.gates.push(gate);
    await gate.promise;
    return super.matchPage(text, context, turn);
  }
}

describe('ScanScheduler', () => {
  beforeEach(() => {
    document.body.innerHTML = '<p>Monitor met the Care Quality Commission.</p>';
    document.documentElement.lang = 'en-GB';
  });
  afterEach(() => vi.useRealTimers());

  it('reads, matches and marks the page, with its date and language', async () => {
    const matcher = new NameMatcher(['Monitor']);
    const { model, scanner, onScanned } = setUp(matcher);
    await scanner.scan();
    expect(model.marks.map((m) => m.match.id)).toEqual(['monitor']);
    expect(matcher.calls[0]!.context).toEqual({ date: null, lang: 'en-GB' });
    expect(onScanned).toHaveBeenCalledTimes(1);
  });

  it('a newer scan supersedes one under way: the older one marks nothing', async () => {
    const matcher = new GatedMatcher(['Monitor']);
    const { model, scanner, onScanned } = setUp(matcher);
    const first = scanner.scan();
    await settle();
    document.body.innerHTML = '<p>The Care Quality Commission.</p>';
    matcher.names.push('Care Quality Commission');
    const second = scanner.scan();
    await settle();
    matcher.gates[1]!.resolve();
    await second;
    matcher.gates[0]!.resolve();
    await first;
    expect(model.marks.map((m) => m.match.id)).toEqual(['care-quality-commission']);
    expect(onScanned).toHaveBeenCalledTimes(1);
  });

  it('switching off supersedes the scan under way', async () => {
    const matcher = new GatedMatcher(['Monitor']);
    const { model, scanner, abort } = setUp(matcher);
    const scan = scanner.scan();
    await settle();
    abort.abort();
    matcher.gates[0]!.resolve();
    await scan;
    expect(model.isEmpty).toBe(true);
  });

  it('spaces rescans by the last scan’s cost, one at a time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    const matcher = new NameMatcher(['Monitor']);
    const slow: PageMatcher = {
      matchPage: async (text, context, turn) => {
        vi.advanceTimersByTime(100); // this scan costs 100 ms of our time
        return matcher.matchPage(text, context, turn);
      },
      matchAdded: (text, context, known) => matcher.matchAdded(text, context, known),
      dispose: () => {},
      roleName: () => undefined,
      classLabel: () => undefined,
    };
    const { scanner } = setUp(slow);
    await scanner.scan();
    const pageScans = () => matcher.calls.filter((c) => c.kind === 'page').length;
    expect(pageScans()).toBe(1);
    scanner.pageChanged([], true);
    scanner.pageChanged([], true); // a second change does not postpone or double the rescan
    expect(vi.getTimerCount()).toBe(1);
    const spacing = Math.max(RESCAN_DELAY_MS, 100 * RESCAN_COST_FACTOR);
    expect(spacing).toBeGreaterThan(RESCAN_DELAY_MS);
    await vi.advanceTimersByTimeAsync(spacing - 1);
    expect(pageScans()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pageScans()).toBe(2);
  });

  it('reads pure additions alone, but rescans for additions during a full read and for removals', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const matcher = new GatedMatcher(['Monitor']);
    const { model, scanner } = setUp(matcher);
    const scan = scanner.scan();
    await settle();
    const during = document.createElement('p');
    during.textContent = 'Monitor again.';
    document.body.append(during);
    scanner.pageChanged([during], false);
    expect(vi.getTimerCount()).toBe(1); // a rescan, not a live update
    matcher.gates[0]!.resolve();
    await scan;
    expect(matcher.calls.filter((c) => c.kind === 'added')).toEqual([]);
    await vi.advanceTimersByTimeAsync(RESCAN_DELAY_MS);
    matcher.gates[1]!.resolve();
    await settle(50);
    expect(model.marks).toHaveLength(2);

    const after = document.createElement('p');
    after.textContent = 'Monitor once more.';
    document.body.append(after);
    scanner.pageChanged([after], false);
    expect(vi.getTimerCount()).toBe(0);
    await settle(50);
    expect(matcher.calls.filter((c) => c.kind === 'added')).toHaveLength(1);
    expect(model.marks).toHaveLength(3);
  });
});

describe('ScanScheduler on a long page', () => {
  // About one and a half times what the first read takes: read in two stretches.
  const PARAGRAPHS = Math.ceil((FIRST_READ_CHARS * 1.5) / 55);
  const LINE = 40; // each paragraph's height in px
  let scrollTop = 0;

  beforeEach(() => {
    document.body.innerHTML = Array.from(
      { length: PARAGRAPHS },
      (_, i) => `<p id="p${i}">Paragraph ${i} of the page: Monitor met the board.</p>`,
    ).join('');
    scrollTop = 0;
    // Layout as a browser would give it: paragraph i at i × LINE px down the page, less the scroll.
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const i = /^p(\d+)$/.exec(this.id)?.[1];
      const top = i === undefined ? 0 : Number(i) * LINE - scrollTop;
      return { top, bottom: top + LINE, left: 0, right: 800, x: 0, y: top, width: 800, height: LINE, toJSON: () => ({}) };
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const scrollTo = async (paragraph: number) => {
    scrollTop = paragraph * LINE;
    window.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 50)); // the frame that looks
    await settle(50);
  };

  it('reads as far as the reader will soon see, and on as they scroll towards the rest, matching it with what came before', async () => {
    const matcher = new NameMatcher(['Monitor']);
    const { model, scanner } = setUp(matcher);
    await scanner.scan();
    const first = matcher.calls[0]!;
    expect(first.text.length).toBeGreaterThanOrEqual(FIRST_READ_CHARS);
    expect(first.text).not.toContain(`Paragraph ${PARAGRAPHS - 1} `);
    expect(scanner.unread).toBe(true);
    const marksFirst = [...model.marks];
    const read = marksFirst.length;
    expect(read).toBeLessThan(PARAGRAPHS);
    // Scrolling near the top reads nothing more.
    await scrollTo(10);
    expect(matcher.calls).toHaveLength(1);
    // Near where the read stopped: the page is read on, and the text before goes with it as its context.
    await scrollTo(read - 5);
    expect(matcher.calls).toHaveLength(2);
    const second = matcher.calls[1]!;
    expect(second.from).toBe(first.text.length);
    expect(second.text.startsWith(first.text)).toBe(true);
    expect(second.text).toContain(`Paragraph ${PARAGRAPHS - 1} `);
    expect(scanner.unread).toBe(false);
    // Every paragraph marked once, in order, those marked first still the same objects.
    expect(model.marks).toHaveLength(PARAGRAPHS);
    expect(new Set(model.marks.map((m) => m.match.start)).size).toBe(PARAGRAPHS);
    expect(model.marks.slice(0, read)).toEqual(marksFirst);
    model.marks.slice(0, read).forEach((m, i) => expect(m).toBe(marksFirst[i]));
    // Hovering text read later finds its mark.
    const last = document.getElementById(`p${PARAGRAPHS - 1}`)!.firstChild!;
    expect(model.markAtCaret(last, (last as Text).data.indexOf('Monitor') + 1)?.match.id).toBe('monitor');
  });

  it('paints only the marks near the viewport on a page read in part, however few they are', async () => {
    const matcher = new NameMatcher(['Monitor']);
    const { model, scanner } = setUp(matcher);
    await scanner.scan();
    await new Promise((r) => setTimeout(r, 100)); // the runs measured, a frame painted
    const painted = [...(window as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get('hpa-body')!];
    const paragraphs = painted.map((r) => Number(r.startContainer.parentElement!.id.slice(1)));
    expect(paragraphs).toContain(0);
    expect(painted.length).toBeGreaterThan(0);
    expect(painted.length).toBeLessThan(model.marks.length / 4);
  });

  it('reads the rest when the whole page is asked for (the popup’s list)', async () => {
    const matcher = new NameMatcher(['Monitor']);
    const { model, scanner } = setUp(matcher);
    await scanner.scan();
    expect(scanner.unread).toBe(true);
    await scanner.readOn(true);
    expect(scanner.unread).toBe(false);
    expect(model.allMatches()).toHaveLength(PARAGRAPHS);
  });

  it('leaves text added beyond where the read stopped to the read; reads what is added before it alone', async () => {
    const matcher = new NameMatcher(['Monitor', 'Care Quality Commission']);
    const { model, scanner } = setUp(matcher);
    await scanner.scan();
    const beyond = document.createElement('p');
    beyond.textContent = 'Late: the Care Quality Commission.';
    document.body.append(beyond);
    const before = document.createElement('p');
    before.textContent = 'Early: the Care Quality Commission.';
    document.body.prepend(before);
    scanner.pageChanged([beyond, before], false);
    await settle(50);
    const added = matcher.calls.filter((c) => c.kind === 'added');
    expect(added.map((c) => c.text.trim())).toEqual(['Early: the Care Quality Commission.']);
    await scanner.readOn(true);
    const cqc = model.marks.filter((m) => m.match.id === 'care-quality-commission');
    // One mark each: the early text in its own segment, the late one in the page's read on.
    expect(cqc.map((m) => m.page.nodes.includes(beyond.firstChild as Text)).sort()).toEqual([false, true]);
  });

  it('a rescan replaces a paused read: the old one does not go on', async () => {
    const matcher = new NameMatcher(['Monitor']);
    const { model, scanner } = setUp(matcher);
    await scanner.scan();
    document.body.innerHTML = '<p>Monitor, on a short page now.</p>';
    await scanner.scan();
    expect(scanner.unread).toBe(false);
    await scanner.readOn(true);
    expect(model.marks).toHaveLength(1);
  });
});
