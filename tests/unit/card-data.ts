// A card as the background builds one, with nothing beyond its name and description: the
// page-side and card tests need only those, and one place to grow when CardData does.

import type { CardData } from '../../src/shared/views';

export function cardData(id: string, fields: Partial<CardData> = {}): CardData {
  return {
    id,
    kind: 'body',
    name: id,
    description: `About ${id}.`,
    sources: [],
    date: null,
    lines: [],
    corrections: [],
    quotes: [],
    pledges: [],
    related: [],
    ...fields,
  };
}
