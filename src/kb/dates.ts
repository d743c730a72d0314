// Partial dates (YYYY, YYYY-MM) widened to full ISO days for comparisons.

export function startOfPeriod(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

/** The first day after a period: the exclusive end of a role that ended in it. */
export function endOfPeriodExclusive(d: string): string {
  if (d.length === 10) return d;
  const [y, m] = d.split('-').map(Number) as [number, number | undefined];
  if (m === undefined) return `${y + 1}-01-01`;
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
