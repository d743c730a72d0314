// Matching in the background (issue 13): the page:match handler on fake-indexeddb, through the
// router, with each request and reply passed through a JSON round-trip as Chrome passes them; the
// page-side client must give exactly what the engine gives in the page.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundMatcher, decodeMatches } from '../../src/annotator/background-matcher';
import { createEngine } from '../../src/engine/engine';
import { createWarmEngine, encodeMatches } from '../../src/background/page-match';
import { createRouter } from '../../src/background/router';
import { createService } from '../../src/background/service';
import { openStore } from '../../src/background/store';
import type { KbBundle } from '../../src/kb/bundle';
import { PART_CHARS, PARTS_MISSING, type PageMatches } from '../../src/shared/messages';
import { unpackSpans } from '../../src/shared/span-codec';
import type { Reply } from '../../src/shared/reply';
import { realKb, SEEDS } from '../support/kb';

const bundle = (): KbBundle => realKb().result.bundle;
const ORIGIN = 'chrome-extension://abc/';
const tab = { id: 'abc', url: 'https://www.hsj.co.uk/news/a', tab: { id: 7 }, frameId: 0 };
const popup = { id: 'abc', url: `${ORIGIN}popup.html` };
const sampleFrame = { id: 'abc', url: `${ORIGIN}sample.html`, tab: { id: 8 }, frameId: 3 };
const articles = JSON.parse(readFileSync(path.join(SEEDS, 'articles.json'), 'utf8')) as { id: string; file: string; date: string }[];
const seeds = articles.map((a) => ({ ...a, text: readFileSync(path.join(SEEDS, a.file), 'utf8') }));
const always = async () => true;

function setup(version = bundle().version) {
  const service = createService({
    bundledVersion: version,
    loadBundle: async () => ({ ...bundle(), version }),
    async notify() {},
    async openPledge() {},
    open: openStore,
  });
  const route = createRouter(service, 'abc', ORIGIN);
  // As Chrome carries a message: JSON both ways.
  const ask = async (msg: unknown, sender: object = tab) =>
    JSON.parse(JSON.stringify(await route(JSON.parse(JSON.stringify(msg)), sender))) as Reply<PageMatches>;
  const matcher = createBackgroundMatcher(async (req) => {
    const reply = await ask(req);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  });
  return { service, ask, matcher };
}

beforeEach(() => {
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('page:match', () => {
  it('gives, from a cold background, the matches the engine gives in the page, on the five seed articles', async () => {
    const engine = createEngine(bundle().dictionary);
    const { matcher } = setup();
    for (const seed of seeds) {
      const expected = engine.annotate(seed.text, { date: seed.date, lang: null });
      expect(expected.length).toBeGreaterThan(10);
      const got = await matcher.matchPage(seed.text, { date: seed.date, lang: null }, always);
      expect(got, seed.id).toEqual(expected);
    }
  });

  it('passes the language and the names the page already gave for added text', async () => {
    const engine = createEngine(bundle().dictionary);
    const { matcher } = setup();
    const seed = seeds[0]!;
    const whole = engine.annotate(seed.text, { date: seed.date, lang: 'en-GB' });
    const known = new Set(whole.map((m) => m.id));
    const added = 'Later, Hunt told MPs the BMA had rejected the offer. The CQC said the trust was failing.';
    for (const lang of ['en-GB', 'en-US', null]) {
      const expected = engine.annotate(added, { date: seed.date, known, lang });
      expect(await matcher.matchAdded(added, { date: seed.date, lang }, known)).toEqual(expected);
    }
    // Without the page's names, a surname alone is not enough: the client must really send `known`.
    const bare = engine.annotate(added, { date: seed.date, lang: 'en-GB' });
    expect(engine.annotate(added, { date: seed.date, known, lang: 'en-GB' })).not.toEqual(bare);
  });

  it('sends the reply compact: three numbers a match, packed in a string, and each distinct match described once', async () => {
    const { ask } = setup();
    const seed = seeds[1]!;
    const reply = await ask({ type: 'page:match', text: seed.text, date: seed.date, lang: null });
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.data.spans).toMatch(/^[0-O`-\x7f]+$/);
    const count = unpackSpans(reply.data.spans).length / 3;
    expect(count).toBe(createEngine(bundle().dictionary).annotate(seed.text, { date: seed.date }).length);
    expect(reply.data.descriptors.length).toBeLessThan(count);
    expect(new Set(reply.data.descriptors.map((d) => JSON.stringify(d))).size).toBe(reply.data.descriptors.length);
  });

  it('answers pages only (the protocol’s sender rules), and says what is wrong with a malformed request', async () => {
    const { ask } = setup();
    expect(await ask({ type: 'page:match', text: 'the CQC', date: null, lang: null }, popup)).toEqual({
      ok: false,
      error: '"page:match" is accepted from the extension’s script in a web page or the welcome page’s sample article only',
    });
    // The welcome page's sample article is annotated like a web page.
    expect(await ask({ type: 'page:match', text: 'the CQC', date: null, lang: null }, sampleFrame)).toMatchObject({
      ok: true,
      data: { spans: '430' }, // starts 4 after 0, 3 long, descriptor 0
    });
    const bad = await ask({ type: 'page:match', text: 42, date: '23 March', lang: null });
    expect(bad.ok).toBe(false);
    expect((bad as { error: string }).error).toMatch(/^malformed "page:match" message: text: .*; date: must be a date as YYYY-MM-DD/);
    const stranger = await ask({ type: 'page:match', text: 'the CQC', date: null, lang: null }, { ...tab, id: 'other' });
    expect(stranger).toEqual({ ok: false, error: 'messages are accepted from this extension only' });
  });

  it('tells the page what its cards need with the matches: a role’s name, a class’s label', async () => {
    const dictionary = bundle().dictionary;
    const { matcher } = setup();
    const text = 'The health secretary visited Borsetshire Hospitals NHS Foundation Trust, where patients and nurses met the CQC.';
    const matches = (await matcher.matchPage(text, { date: '2015-10-29', lang: null }, always)) ?? [];
    const role = matches.find((m) => m.role)?.role;
    const classOf = matches.find((m) => m.classOf)?.classOf;
    expect(role && classOf, JSON.stringify(matches)).toBeTruthy();
    expect(matcher.roleName(role!)).toBe(dictionary.entities.find((e) => e.id === role)?.name);
    const cls = dictionary.classes?.find((c) => dictionary.entities[c.entity]?.id === classOf);
    expect(matcher.classLabel(classOf!)).toBe(cls?.label);
    expect(matcher.classLabel(classOf!)).toMatch(/foundation trust/);
    // Nothing the page did not meet: the page holds no dictionary.
    expect(matcher.roleName('cqc')).toBeUndefined();
  });

  it('stops when the scan is superseded, and drops replies that arrive after dispose()', async () => {
    const { matcher } = setup();
    const seed = seeds[2]!;
    expect(await matcher.matchPage(seed.text, { date: seed.date, lang: null }, async () => false)).toBeNull();
    const pending = matcher.matchPage(seed.text, { date: seed.date, lang: null }, always);
    const added = matcher.matchAdded(seed.text, { date: seed.date, lang: null }, new Set());
    matcher.dispose();
    expect(await pending).toBeNull();
    expect(await added).toEqual([]);
  });

  it('refuses a reply that does not fit the text, saying why', async () => {
    const reply = encodeMatches(createEngine(bundle().dictionary).annotate(seeds[0]!.text, { date: null }));
    await expect(decodeMatches('short', reply)).rejects.toThrow(
      /page:match reply cannot be read: match 0 \(\d+–\d+\) is outside the text of 5/,
    );
    await expect(decodeMatches(seeds[0]!.text, { spans: '039', descriptors: [] })).rejects.toThrow(/names descriptor 9 of 0/);
  });
});

describe('page:match in parts', () => {
  // The seed articles joined, repeated past the part size: three parts, the page-level rules (health context, acronyms) over all.
  const joined = seeds.map((s) => s.text).join('\u2029');
  const long = Array.from({ length: Math.ceil((PART_CHARS * 2.5) / joined.length) }, () => joined).join('\u2029');

  it('gives for a long text sent in parts the matches of the whole text matched at once', async () => {
    expect(long.length).toBeGreaterThan(PART_CHARS * 2);
    const { ask } = setup();
    const sent: { at?: number; length: number }[] = [];
    const counting = createBackgroundMatcher(async (req) => {
      sent.push({ at: req.part?.at, length: req.text.length });
      const reply = await ask(req);
      if (!reply.ok) throw new Error(reply.error);
      return reply.data;
    });
    const date = seeds[0]!.date;
    const got = await counting.matchPage(long, { date, lang: null }, always);
    expect(sent.map((p) => p.at)).toEqual([0, PART_CHARS, 2 * PART_CHARS]);
    const whole = await ask({ type: 'page:match', text: long, date, lang: null });
    if (!whole.ok) throw new Error(whole.error);
    expect(got).toEqual(await decodeMatches(long, whole.data));
    expect(got).toEqual(createEngine(bundle().dictionary).annotate(long, { date, lang: null }));
    expect(got!.length).toBeGreaterThan(1000);
  });

  it('answers a text read on (`from`) with the matches of the whole text from there on, in parts too', async () => {
    const { matcher } = setup();
    const date = seeds[0]!.date;
    const all = createEngine(bundle().dictionary).annotate(long, { date, lang: null });
    for (const from of [joined.length, PART_CHARS + 17]) {
      const got = await matcher.matchPage(long, { date, lang: null }, always, from);
      expect(got).toEqual(all.filter((m) => m.start >= from));
      expect(got!.length).toBeLessThan(all.length);
    }
    // The whole text's context: an acronym the page defines only before `from` is still read after it.
    const text = `The Regional Oversight Panel (ROP) met.\u2029${'Filler text. '.repeat(50)}\u2029Later the ROP said so.`;
    const from = text.lastIndexOf('Later');
    const got = await matcher.matchPage(text, { date, lang: null }, always, from);
    expect(got!.map((m) => m.text)).toEqual(['ROP']);
    expect(got![0]!.start).toBeGreaterThan(from);
  });

  it('starts over once when the background restarted between parts, and keeps each frame’s parts apart', async () => {
    const first = setup();
    const restarted = setup();
    let parts = 0;
    // Parts 1 and 2 reach the first background, then it is gone: the rest reach a new one that holds nothing.
    const matcher = createBackgroundMatcher(async (req) => {
      const reply = await (++parts <= 2 ? first : restarted).ask(req);
      if (!reply.ok) throw new Error(reply.error);
      return reply.data;
    });
    const got = await matcher.matchPage(long, { date: null, lang: null }, always);
    expect(parts).toBe(2 + 1 + 3);
    expect(got).toEqual(createEngine(bundle().dictionary).annotate(long, { date: null, lang: null }));

    // Another frame cannot add to this frame's text, even knowing its id.
    const { ask } = setup();
    const part = { id: 'abc123', at: 0, total: 10 };
    expect(await ask({ type: 'page:match', text: 'The CQC ', date: null, lang: null, part })).toEqual({
      ok: true,
      data: { pending: true, received: 8 },
    });
    const elsewhere = await ask({ type: 'page:match', text: 'ok', date: null, lang: null, part: { ...part, at: 8 } }, sampleFrame);
    expect(elsewhere).toEqual({ ok: false, error: expect.stringContaining(PARTS_MISSING) });
    expect(await ask({ type: 'page:match', text: 'ok', date: null, lang: null, part: { ...part, at: 8 } })).toMatchObject({
      ok: true,
      data: { spans: '430' },
    });
  });

  it('refuses a malformed part, saying what is wrong', async () => {
    const { ask } = setup();
    const bad = await ask({ type: 'page:match', text: 'x', date: null, lang: null, part: { id: 'A b', at: -1, total: 2e7 } });
    expect(bad.ok).toBe(false);
    expect((bad as { error: string }).error).toMatch(
      /^malformed "page:match" message: part\.id: must be 1–64 lower-case letters and digits; part\.at: .*; part\.total: must be at most 16000000 characters/,
    );
    expect(await ask({ type: 'page:match', text: 'xyz', date: null, lang: null, part: { id: 'a', at: 0, total: 2 } })).toEqual({
      ok: false,
      error: "page:match part at 0 of text a: its 3 characters run past the text's 2 (the part ends at 3)",
    });
    const from = await ask({ type: 'page:match', text: 'x', date: null, lang: null, from: 1.5 });
    expect(from).toEqual({ ok: false, error: expect.stringMatching(/^malformed "page:match" message: from: /) });
  });
});

describe('the warm engine', () => {
  it('is built once per knowledge-base version and rebuilt for another', () => {
    const dictionary = bundle().dictionary;
    let builds = 0;
    const warm = createWarmEngine((d) => (builds++, createEngine(d)));
    const req = { type: 'page:match' as const, text: 'Jeremy Hunt and the CQC', date: null, lang: null };
    const first = warm.match('v1', dictionary, req);
    expect(first.descriptors.map((d) => d.id)).toEqual(expect.arrayContaining(['cqc']));
    warm.match('v1', dictionary, req);
    expect(builds).toBe(1);
    expect(warm.match('v2', dictionary, req)).toEqual(first);
    expect(builds).toBe(2);
  });

  it('keeps one engine across requests in the service, and follows a reinstalled knowledge base', async () => {
    const seed = seeds[3]!;
    const a = setup('v1');
    const r1 = await a.ask({ type: 'page:match', text: seed.text, date: seed.date, lang: null });
    // Another version installed over the same database: the answer still comes from the store's dictionary.
    const b = setup('v2');
    const r2 = await b.ask({ type: 'page:match', text: seed.text, date: seed.date, lang: null });
    expect(r1.ok && r2.ok).toBe(true);
    expect(r2).toEqual(r1);
    expect(await b.ask({ type: 'kb:info' }, popup)).toMatchObject({ ok: true, data: { version: 'v2' } });
  });
});
