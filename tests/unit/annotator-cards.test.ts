// @vitest-environment happy-dom
// The card cache: one request per entity and date, asked again after a failure; class cards ask
// for the class with the name as written; a learned acronym's card is made from its Match alone.
import { describe, expect, it, vi } from 'vitest';
import { createCardHost } from '../../src/annotator/card-host';
import { CardPresenter } from '../../src/annotator/card-presenter';
import { Painter } from '../../src/annotator/marks';
import type { Match } from '../../src/engine/engine';
import type { CardData } from '../../src/shared/views';
import { cardData } from './card-data';

const match = (m: Partial<Match> & { id: string }): Match => ({ start: 0, end: 1, text: m.id, name: m.id, kind: 'body', ...m });

function presenter(fetch: (request: { id: string; date: string | null; instance?: string }) => Promise<CardData>) {
  let date: string | null = '2024-05-01';
  const fetchCard = vi.fn(fetch);
  const cards = new CardPresenter({
    doc: document,
    painter: new Painter(window),
    date: () => date,
    roleName: () => undefined,
    fetchCard,
    openPledge: () => {},
    onClose: () => {},
    menu: { siteOff: vi.fn(), siteUndo: vi.fn(), ignore: vi.fn(), openOptions: vi.fn() },
    orphaned: () => false,
    cardUi: () => Promise.resolve(createCardHost),
  });
  return { cards, fetchCard, setDate: (d: string | null) => (date = d) };
}

const card = (id: string, date: string | null = null) => cardData(id, { description: '', date });

describe('CardPresenter cache', () => {
  it('asks once per entity and date', async () => {
    const { cards, fetchCard, setDate } = presenter(async ({ id, date }) => card(id, date));
    const cqc = match({ id: 'cqc' });
    const [a, b] = await Promise.all([cards.data(cqc), cards.data(cqc)]);
    expect(a).toBe(b);
    expect(fetchCard).toHaveBeenCalledTimes(1);
    await cards.data(match({ id: 'monitor' }));
    expect(fetchCard).toHaveBeenCalledTimes(2);
    setDate('2016-01-01'); // roles held at another date: another card
    expect((await cards.data(cqc)).date).toBe('2016-01-01');
    expect(fetchCard).toHaveBeenCalledTimes(3);
  });

  it('asks again after a failed request', async () => {
    let fail = true;
    const { cards, fetchCard } = presenter(async ({ id }) => {
      if (fail) throw new Error('the background is waking up');
      return card(id);
    });
    await expect(cards.data(match({ id: 'cqc' }))).rejects.toThrow('waking up');
    fail = false;
    await expect(cards.data(match({ id: 'cqc' }))).resolves.toMatchObject({ id: 'cqc' });
    expect(fetchCard).toHaveBeenCalledTimes(2);
  });

  it('forgets every card for another knowledge base', async () => {
    const { cards, fetchCard } = presenter(async ({ id }) => card(id));
    await cards.data(match({ id: 'cqc' }));
    cards.forget();
    await cards.data(match({ id: 'cqc' }));
    expect(fetchCard).toHaveBeenCalledTimes(2);
  });

  it('asks for a class card by its class, with the name as written', async () => {
    const { cards, fetchCard } = presenter(async ({ id }) => card(id));
    const trust = match({
      id: 'class:ft:Borsetshire Hospitals NHS Foundation Trust',
      name: 'Borsetshire Hospitals NHS Foundation Trust',
      classOf: 'ft',
    });
    await cards.data(trust);
    expect(fetchCard).toHaveBeenCalledWith({ id: 'ft', date: '2024-05-01', instance: 'Borsetshire Hospitals NHS Foundation Trust' });
  });

  it('makes a learned acronym’s card from its match, asking nobody', async () => {
    const { cards, fetchCard } = presenter(async ({ id }) => card(id));
    const learned = await cards.data(
      match({ id: 'learned:ICBs', text: 'ICBs', name: 'integrated care boards', learned: true, kind: 'term' }),
    );
    expect(fetchCard).not.toHaveBeenCalled();
    expect(learned).toMatchObject({
      kind: 'term',
      name: 'integrated care boards',
      description: '“ICB” is defined on this page as “integrated care boards”.',
      sources: [{ label: 'This page', url: document.location.href }],
      date: '2024-05-01',
    });
  });
});
