// The reader's control (issue 14): trigger modes, taps in links and the ignore list in the
// prefs and settings files, and the card menu's requests from a page.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/background/router';
import { createService } from '../../src/background/service';
import { openStore } from '../../src/background/store';
import type { KbBundle } from '../../src/kb/bundle';
import { DEFAULT_PREFS, MAX_IGNORED, withIgnored, withoutIgnored } from '../../src/shared/prefs';
import { realKb } from '../support/kb';

const bundle = (): KbBundle => realKb().result.bundle;
const ORIGIN = 'chrome-extension://abc/';
const options = { id: 'abc', url: `${ORIGIN}options.html` };
/** A content script in a tab of the HSJ. */
const hsjPage = { id: 'abc', url: 'https://www.hsj.co.uk/news/a-story', tab: { id: 7 }, frameId: 0 };
const FORMAT = 'health-policy-annotator-settings';

function setup() {
  const notes: unknown[] = [];
  let synced = 0;
  let optionsOpened = 0;
  const service = createService({
    bundledVersion: bundle().version,
    loadBundle: async () => bundle(),
    async notify(e) {
      notes.push(e);
    },
    async sitesChanged() {
      synced++;
    },
    async openPledge() {},
    async openOptions() {
      optionsOpened++;
    },
    open: openStore,
  });
  const route = createRouter(service, 'abc', ORIGIN);
  const ask = (msg: unknown, sender: object = options) => route(msg, sender);
  const data = async (msg: unknown, sender: object = options) => {
    const r = await ask(msg, sender);
    if (!r.ok) throw new Error(r.error);
    return r.data as never;
  };
  return { ask, data, notes, synced: () => synced, optionsOpened: () => optionsOpened };
}

beforeEach(() => {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('preferences: trigger, taps in links, ignored names', () => {
  it('defaults to dwell, links followed, nothing ignored', async () => {
    const { data } = setup();
    expect(await data({ type: 'prefs:get' })).toMatchObject({ trigger: 'dwell', tapInLinks: false, ignored: [] });
  });

  it('reads prefs stored before these fields existed, keeping the reader’s other choices', async () => {
    const d = await openStore();
    await d.put('prefs', { kinds: { person: false, body: true, term: true }, dwellMs: 700, frequent: 'every' } as never, 'prefs'); // an older version's record
    d.close();
    const { data } = setup();
    expect(await data({ type: 'prefs:get' })).toEqual({
      ...DEFAULT_PREFS,
      kinds: { person: false, body: true, term: true },
      dwellMs: 700,
      frequent: 'every',
    });
  });

  it('stores and returns each trigger mode', async () => {
    const { data } = setup();
    for (const trigger of ['alt', 'shift', 'click', 'dwell'] as const) {
      await data({ type: 'prefs:set', prefs: { ...DEFAULT_PREFS, trigger, tapInLinks: true } });
      expect(await data({ type: 'prefs:get' })).toMatchObject({ trigger, tapInLinks: true });
    }
  });

  it('refuses prefs with a bad trigger or ignore list, naming the field', async () => {
    const { ask } = setup();
    const bad = [
      [{ trigger: 'hover' }, /trigger/],
      [{ tapInLinks: 'yes' }, /tapInLinks/],
      [{ ignored: [{ id: 'cqc' }] }, /ignored\.0\.name/],
      [{ ignored: [{ id: 'cqc', name: '  ' }] }, /ignored\.0\.name: must not be empty/],
      [
        {
          ignored: [
            { id: 'cqc', name: 'CQC' },
            { id: 'cqc', name: 'CQC' },
          ],
        },
        /ignored: each name at most once/,
      ],
      [{ ignored: Array.from({ length: MAX_IGNORED + 1 }, (_, i) => ({ id: `e${i}`, name: `E ${i}` })) }, /at most 500 names/],
    ] as const;
    for (const [change, why] of bad) {
      const r = await ask({ type: 'prefs:set', prefs: { ...DEFAULT_PREFS, ...change } });
      expect(r.ok).toBe(false);
      expect((r as { error: string }).error).toMatch(why);
    }
  });

  it('adds an ignored name once, most recent last, and removes it', () => {
    let p = withIgnored(DEFAULT_PREFS, { id: 'cqc', name: 'Care Quality Commission' });
    p = withIgnored(p, { id: 'nhs-england', name: 'NHS England' });
    p = withIgnored(p, { id: 'cqc', name: 'Care Quality Commission' });
    expect(p.ignored.map((n) => n.id)).toEqual(['nhs-england', 'cqc']);
    expect(withoutIgnored(p, 'cqc').ignored).toEqual([{ id: 'nhs-england', name: 'NHS England' }]);
    expect(DEFAULT_PREFS.ignored).toEqual([]);
  });
});

describe('settings files with the new preferences', () => {
  it('exports and imports the trigger, taps in links and ignored names', async () => {
    const { data } = setup();
    const prefs = { ...DEFAULT_PREFS, trigger: 'shift', tapInLinks: true, ignored: [{ id: 'cqc', name: 'Care Quality Commission' }] };
    await data({ type: 'prefs:set', prefs });
    const exported = await data({ type: 'settings:export' });
    expect(exported).toMatchObject({ prefs });
    await data({ type: 'prefs:set', prefs: DEFAULT_PREFS });
    await data({ type: 'settings:import', data: JSON.parse(JSON.stringify(exported)) });
    expect(await data({ type: 'prefs:get' })).toEqual(prefs);
  });

  it('imports a file from before these fields, with their defaults', async () => {
    const { data } = setup();
    const old = { kinds: { person: true, body: false, term: true }, dwellMs: 600, frequent: 'every' };
    await data({ type: 'settings:import', data: { format: FORMAT, version: 1, sites: { 'example.org': true }, prefs: old } });
    expect(await data({ type: 'prefs:get' })).toEqual({ ...DEFAULT_PREFS, ...old });
  });

  it('refuses a file with a malformed new field and changes nothing', async () => {
    const { ask, data } = setup();
    await data({ type: 'prefs:set', prefs: { ...DEFAULT_PREFS, ignored: [{ id: 'cqc', name: 'CQC' }] } });
    const before = await data({ type: 'settings:export' });
    for (const prefs of [
      { ...DEFAULT_PREFS, trigger: 'ctrl' },
      { ...DEFAULT_PREFS, ignored: 'cqc' },
      { ...DEFAULT_PREFS, ignored: [{ id: 'cqc', name: 'CQC', html: '<b>x</b>' }] },
    ]) {
      const r = await ask({ type: 'settings:import', data: { format: FORMAT, version: 1, sites: {}, prefs } });
      expect(r.ok).toBe(false);
      expect((r as { error: string }).error).toMatch(/cannot be imported: prefs\.(trigger|ignored).+Nothing was changed/);
    }
    expect(await data({ type: 'settings:export' })).toEqual(before);
  });
});

describe('the card menu’s requests', () => {
  it('switches off the sending page’s own site by the popup’s path, at once', async () => {
    const { data, notes, synced } = setup();
    const state = await data({ type: 'page:site-off' }, hsjPage);
    expect(state).toEqual({ site: 'hsj.co.uk', enabled: false, isDefault: true, chosen: true });
    expect(synced()).toBe(1); // the loader's registrations brought in line
    expect(notes).toContainEqual({ site: 'hsj.co.uk', enabled: false }); // open tabs told
    expect(await data({ type: 'site:get', url: 'https://www.hsj.co.uk/other' })).toMatchObject({ enabled: false });
  });

  it('never lets a page name another site', async () => {
    const { ask, data } = setup();
    const r = await ask({ type: 'page:site-off', site: 'gov.uk' }, hsjPage);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/malformed "page:site-off" message/) });
    expect(await data({ type: 'site:get', url: 'https://www.gov.uk/x' })).toMatchObject({ enabled: true, chosen: false });
    expect(await data({ type: 'site:get', url: 'https://www.hsj.co.uk/x' })).toMatchObject({ enabled: true, chosen: false });
    // The site is the sender's frame, as the browser reports it.
    await data({ type: 'page:site-off' }, { ...hsjPage, url: 'https://example.org/embedded' });
    expect(await data({ type: 'site:get', url: 'https://example.org/' })).toMatchObject({ enabled: false });
    expect(await data({ type: 'site:get', url: 'https://www.hsj.co.uk/x' })).toMatchObject({ enabled: true });
  });

  it('refuses a switch-off from an extension page or a page that is not a web page', async () => {
    const { ask } = setup();
    // The router refuses it by sender kind before page-menu.ts would (the page's address).
    for (const from of [options, { ...hsjPage, url: `${ORIGIN}welcome.html` }])
      expect(await ask({ type: 'page:site-off' }, from)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/accepted from the extension’s script in a web page only/),
      });
  });

  it('undo restores the choice before: none for a default site, an explicit one for an added site', async () => {
    const { data, notes } = setup();
    await data({ type: 'page:site-off' }, hsjPage);
    expect(await data({ type: 'page:site-undo' }, hsjPage)).toEqual({ site: 'hsj.co.uk', enabled: true, isDefault: true, chosen: false });
    expect(notes.at(-1)).toEqual({ site: 'hsj.co.uk', enabled: true });
    const added = { ...hsjPage, url: 'https://news.example.org/a' };
    await data({ type: 'site:set', site: 'news.example.org', enabled: true });
    await data({ type: 'page:site-off' }, added);
    expect(await data({ type: 'page:site-undo' }, added)).toMatchObject({ site: 'news.example.org', enabled: true, chosen: true });
  });

  it('undoes once, and not after the site was switched elsewhere since', async () => {
    const { ask, data } = setup();
    await data({ type: 'page:site-off' }, hsjPage);
    await data({ type: 'page:site-undo' }, hsjPage);
    expect(await ask({ type: 'page:site-undo' }, hsjPage)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/nothing to undo for hsj\.co\.uk/),
    });
    await data({ type: 'page:site-off' }, hsjPage);
    await data({ type: 'site:set', site: 'hsj.co.uk', enabled: false }); // the popup, since
    expect((await ask({ type: 'page:site-undo' }, hsjPage)).ok).toBe(false);
    expect(await data({ type: 'site:get', url: 'https://www.hsj.co.uk/' })).toMatchObject({ enabled: false });
  });

  it('adds a name to the ignore list and tells every tab, as a prefs change', async () => {
    const { data, notes } = setup();
    const prefs = await data({ type: 'page:ignore', id: 'cqc', name: 'Care Quality Commission' }, hsjPage);
    expect(prefs).toMatchObject({ ignored: [{ id: 'cqc', name: 'Care Quality Commission' }] });
    expect(notes.at(-1)).toEqual({ prefs });
    await data({ type: 'page:ignore', id: 'cqc', name: 'Care Quality Commission' }, hsjPage);
    expect(await data({ type: 'prefs:get' })).toMatchObject({ ignored: [{ id: 'cqc' }] });
  });

  it('refuses an ignore request without a name', async () => {
    const { ask } = setup();
    const r = await ask({ type: 'page:ignore', id: 'cqc', name: '' }, hsjPage);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/name: must not be empty/) });
  });

  it('opens the options page for a content script', async () => {
    const { data, optionsOpened } = setup();
    expect(await data({ type: 'page:open-options' }, hsjPage)).toEqual({ opened: true });
    expect(optionsOpened()).toBe(1);
  });
});
