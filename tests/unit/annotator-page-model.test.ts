// @vitest-environment happy-dom
// The page text model's live updates: text added later is matched once, with the names the page
// already gave, and matches that arrive after the page changed are dropped.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Painter } from '../../src/annotator/marks';
import { PageModel } from '../../src/annotator/page-model';
import { readPageText } from '../../src/annotator/text-reader';
import { DEFAULT_PREFS } from '../../src/shared/prefs';
import { deferred, installHighlights, NameMatcher, settle } from './annotator-page';

const context = { date: '2024-05-01', lang: 'en-GB' };

function setUp(html: string) {
  installHighlights();
  document.body.innerHTML = html;
  const painter = new Painter(window);
  const styleRoots = vi.fn();
  const model = new PageModel({ painter, prefs: () => DEFAULT_PREFS, styleRoots });
  const matcher = new NameMatcher(['Care Quality Commission', 'Monitor']);
  const page = readPageText(document.body);
  model.replace(page, matcher.find(page.text), context);
  model.repaint();
  return { model, matcher, painter, styleRoots };
}

function addEntry(text: string): HTMLElement {
  const p = document.createElement('p');
  p.textContent = text;
  document.body.append(p);
  return p;
}

const ids = (model: PageModel) => model.marks.map((m) => m.match.id);

describe('PageModel', () => {
  beforeEach(() => document.body.replaceChildren());

  it('marks the page read in full and paints it', () => {
    const { model } = setUp('<p>The Care Quality Commission and Monitor.</p>');
    expect(ids(model)).toEqual(['care-quality-commission', 'monitor']);
    expect(model.date).toBe('2024-05-01');
    const highlight = (window as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get('hpa-body');
    expect(highlight?.size).toBe(2);
  });

  it('matches added text once, with the ids the page already named as known', async () => {
    const { model, matcher } = setUp('<p>The Care Quality Commission.</p>');
    const entry = addEntry('Monitor said so.');
    await Promise.all([model.addText([entry], matcher), model.addText([entry], matcher)]);
    expect(matcher.calls.filter((c) => c.kind === 'added')).toHaveLength(1);
    expect(matcher.calls[0]!.known).toEqual(new Set(['care-quality-commission']));
    expect(ids(model)).toEqual(['care-quality-commission', 'monitor']);
    // The added text's nodes are hit-testable.
    expect(model.markAtCaret(entry.firstChild!, 2)?.match.id).toBe('monitor');
  });

  it('gives each batch the names the batch before it added', async () => {
    const { model, matcher } = setUp('<p>Intro.</p>');
    await Promise.all([model.addText([addEntry('Monitor one.')], matcher), model.addText([addEntry('Monitor two.')], matcher)]);
    const added = matcher.calls.filter((c) => c.kind === 'added');
    expect(added.map((c) => [...c.known!])).toEqual([[], ['monitor']]);
    expect(ids(model)).toEqual(['monitor', 'monitor']);
  });

  it('drops matches that arrive after annotation was switched off', async () => {
    const { model, matcher } = setUp('<p>The Care Quality Commission.</p>');
    const gate = deferred();
    matcher.gate = gate.promise;
    const adding = model.addText([addEntry('Monitor said so.')], matcher);
    await settle();
    model.clear();
    gate.resolve();
    await adding;
    expect(model.marks).toEqual([]);
    expect(model.isEmpty).toBe(true);
  });

  it('drops matches that arrive after the page was read again', async () => {
    const { model, matcher } = setUp('<p>The Care Quality Commission.</p>');
    const gate = deferred();
    matcher.gate = gate.promise;
    const entry = addEntry('Monitor said so.');
    const adding = model.addText([entry], matcher);
    await settle();
    const page = readPageText(document.body); // the newer full read has the entry already
    model.replace(page, matcher.find(page.text), context);
    model.repaint();
    gate.resolve();
    await adding;
    expect(ids(model)).toEqual(['care-quality-commission', 'monitor']);
  });

  it('drops matches for text removed while they were on their way', async () => {
    const { model, matcher } = setUp('<p>The Care Quality Commission.</p>');
    const gate = deferred();
    matcher.gate = gate.promise;
    const entry = addEntry('Monitor said so.');
    const adding = model.addText([entry], matcher);
    await settle();
    entry.remove();
    gate.resolve();
    await adding;
    expect(ids(model)).toEqual(['care-quality-commission']);
  });

  it('does not read text inside skipped regions or nodes no longer in the page', async () => {
    const { model, matcher } = setUp('<p>Intro.</p>');
    const field = document.createElement('textarea');
    field.textContent = 'Monitor';
    document.body.append(field);
    const gone = addEntry('Monitor gone.');
    gone.remove();
    await model.addText([field, gone], matcher);
    expect(matcher.calls.filter((c) => c.kind === 'added')).toEqual([]);
  });

  it('marks again under new prefs', () => {
    const { model } = setUp('<p>The Care Quality Commission and Monitor.</p>');
    let prefs = DEFAULT_PREFS;
    const painter = new Painter(window);
    const m = new PageModel({ painter, prefs: () => prefs, styleRoots: () => {} });
    const page = readPageText(document.body);
    m.replace(page, new NameMatcher(['Monitor']).find(page.text), context);
    m.repaint();
    expect(m.marks).toHaveLength(1);
    prefs = { ...DEFAULT_PREFS, kinds: { ...DEFAULT_PREFS.kinds, body: false } };
    m.repaint();
    expect(m.marks).toHaveLength(0);
    expect(model.marks).toHaveLength(2);
  });
});
