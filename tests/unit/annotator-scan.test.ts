// @vitest-environment happy-dom
// Scan scheduling: a newer scan (or switching off) supersedes one under way; rescans are
// spaced by the cost of the last one; additions during a full read make a rescan.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Painter } from '../../src/annotator/marks';
import type { PageMatcher } from '../../src/annotator/page-matcher';
import { PageModel } from '../../src/annotator/page-model';
import { RESCAN_COST_FACTOR, RESCAN_DELAY_MS, ScanScheduler } from '../../src/annotator/scan-scheduler';
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
