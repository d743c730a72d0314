// @vitest-environment happy-dom
// Switching annotation off is one abort(): every listener, observer and timer the parts
// registered ends, counted here, and the page's marks go. Also the extension context going away.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageSetup } from '../../src/shared/messages';
import type { TabMessageOf, TabMessageType } from '../../src/shared/protocol';
import { DEFAULT_PREFS } from '../../src/shared/prefs';
import { installHighlights, installLayout, NameMatcher, settle } from './annotator-page';

const runtime = vi.hoisted(() => ({ listeners: [] as ((m: unknown) => Promise<unknown>)[] }));
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { id: 'test', onMessage: { addListener: (l: (m: unknown) => Promise<unknown>) => runtime.listeners.push(l) } } },
}));
// The background's answer to a page:setup request (switching on again) comes from the test.
const ask = vi.hoisted(() => vi.fn());
vi.mock('../../src/shared/ask', () => ({ ask }));
const { Annotator } = await import('../../src/annotator/annotator');

/** Document listeners registered, with the signal each was given. */
let listeners: { type: string; signal: AbortSignal | undefined }[];
/** MutationObservers observing now. */
let observing: Set<MutationObserver>;

const setup: PageSetup = { enabled: true, site: 'example.org', prefs: { ...DEFAULT_PREFS, dwellMs: 200 }, kbVersion: '1.test' };
// Tab replies come in the protocol's envelope (serveTab).
const send = <K extends TabMessageType>(msg: TabMessageOf<K>) => runtime.listeners.at(-1)!(msg);
const highlights = () => (window as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;

function hover(x: number): void {
  document.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: 10 }));
}

// The pointer's and keys' (pointer-keys.ts) and the taps' (tap.ts), all on the document; both listen to pointermove.
const PAGE_LISTENERS = ['click', 'keydown', 'keyup', 'pointercancel', 'pointerdown', 'pointermove', 'pointermove', 'pointerup'];

describe('Annotator teardown', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'performance',
      ],
    });
    ask.mockReset();
    installHighlights();
    highlights().clear();
    document.body.innerHTML = '<p>Monitor met the regulator.</p>';
    installLayout(document);
    runtime.listeners.length = 0;
    listeners = [];
    const add = document.addEventListener.bind(document);
    vi.spyOn(document, 'addEventListener').mockImplementation((type, listener, options) => {
      listeners.push({ type, signal: typeof options === 'object' ? options.signal : undefined });
      add(type, listener, options);
    });
    observing = new Set();
    const Native = window.MutationObserver;
    class Counted extends Native {
      override observe(target: Node, options?: MutationObserverInit): void {
        observing.add(this);
        super.observe(target, options);
      }
      override disconnect(): void {
        observing.delete(this);
        super.disconnect();
      }
    }
    vi.stubGlobal('MutationObserver', Counted);
  });
  afterEach(async () => {
    // Switch every annotator of the test off, so that none watches the next test's page.
    for (const listener of runtime.listeners) await listener({ type: 'tab:site-changed', enabled: false });
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  async function started(options: { contextAlive?: () => boolean } = {}) {
    const matcher = new NameMatcher(['Monitor']);
    const annotator = new Annotator(document, { createMatcher: () => matcher, ...options });
    await annotator.startWith(setup);
    return { annotator, matcher };
  }

  it('registers its listeners, observer and timers while on, and abort() ends every one', async () => {
    const { matcher } = await started();
    expect(highlights().get('hpa-body')?.size).toBe(1);
    // Leave a hit-test frame and a dwell timer pending, and a rescan scheduled.
    hover(5);
    vi.advanceTimersToNextFrame();
    hover(15);
    document.body.append(document.createElement('div'));
    document.body.firstElementChild!.remove();
    await settle();
    expect(listeners.map((l) => l.type).sort()).toEqual(PAGE_LISTENERS);
    expect(listeners.every((l) => l.signal && !l.signal.aborted)).toBe(true);
    expect(observing.size).toBe(1);
    // The repaint check, the dwell, the next frame and the rescan.
    expect(vi.getTimerCount()).toBe(4);

    await expect(send({ type: 'tab:site-changed', enabled: false })).resolves.toEqual({ ok: true, data: { enabled: false } });
    expect(listeners.every((l) => l.signal?.aborted)).toBe(true);
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(highlights().size).toBe(0);
    expect(matcher.disposed).toBe(1);
    // Nothing runs afterwards: no rescan, no hit-test.
    await vi.advanceTimersByTimeAsync(5000);
    expect(matcher.calls.filter((c) => c.kind === 'page')).toHaveLength(1);
  });

  it('switching on again listens afresh, once, with a new matcher', async () => {
    const { matcher } = await started();
    await send({ type: 'tab:site-changed', enabled: false });
    ask.mockResolvedValue(setup);
    await expect(send({ type: 'tab:site-changed', enabled: true })).resolves.toEqual({ ok: true, data: { enabled: true } });
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ type: 'page:setup' }));
    const live = listeners.filter((l) => !l.signal?.aborted);
    expect(live.map((l) => l.type).sort()).toEqual(PAGE_LISTENERS);
    expect(observing.size).toBe(1);
    expect(vi.getTimerCount()).toBe(1); // the repaint check
    expect(highlights().get('hpa-body')?.size).toBe(1);
    expect(matcher.disposed).toBe(1);
  });

  it('stands down when the extension context is gone: marks, listeners, timers and card host go', async () => {
    let alive = true;
    await started({ contextAlive: () => alive });
    expect(vi.getTimerCount()).toBe(1);
    alive = false;
    hover(5);
    expect(listeners.every((l) => l.signal?.aborted)).toBe(true);
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(highlights().size).toBe(0);
  });

  it('answers "on this page" and reveals a mark from the popup', async () => {
    await started();
    await expect(send({ type: 'tab:found' })).resolves.toEqual({
      ok: true,
      data: [{ id: 'monitor', name: 'Monitor', kind: 'body', count: 1 }],
    });
    await expect(send({ type: 'tab:reveal', id: 'nobody' })).resolves.toEqual({ ok: true, data: { revealed: false } });
  });
});
