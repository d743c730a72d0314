// Formatting of full and partial ISO dates for readers ("4 Sep 2012", "Jul 2016", "2018").

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function format(d: string, months: readonly string[]): string {
  const [y, m, day] = d.split('-');
  if (!m) return y!;
  const month = months[Number(m) - 1] ?? m;
  return day ? `${Number(day)} ${month} ${y}` : `${month} ${y}`;
}

/** "4 Sep 2012", "Jul 2016", "2018". */
export function formatDate(d: string): string {
  return format(d, MONTHS);
}

/** "30 November 2026", "November 2026", "2026": for a line a reader reads once (the KB's date). */
export function formatLongDate(d: string): string {
  return format(d, LONG_MONTHS);
}

/** The first and the last day a partial date may mean. */
export function dateRange(d: string): [string, string] {
  if (d.length === 10) return [d, d];
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${d}-01`, `${d}-${String(last).padStart(2, '0')}`];
  }
  return [`${d}-01-01`, `${d}-12-31`];
}

export { todayIso } from '../engine/today';
