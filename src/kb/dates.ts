// Partial dates (YYYY, YYYY-MM) widened to full ISO days for comparisons (the period a
// partial date means is dateRange in src/shared/dates.ts, which cards use too).

import { dateRange } from '../shared/dates';

/** The first day a partial date may mean. */
export function startOfPeriod(d: string): string {
  return dateRange(d)[0];
}

/** The first day after a period: the exclusive end of a role that ended in it. */
export function endOfPeriodExclusive(d: string): string {
  if (d.length === 10) return d;
  const [y, m] = d.split('-').map(Number) as [number, number | undefined];
  if (m === undefined) return `${y + 1}-01-01`;
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
