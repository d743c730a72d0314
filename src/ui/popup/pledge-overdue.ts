// A pledge is overdue when its deadline has passed and nobody has rated it settled: judged
// at display time against today, so the bundle never goes stale on this.

import { dateRange } from '../../shared/dates';
import { OPEN_STATUSES, type PledgeView } from '../../shared/views';

export function isOverdue(p: Pick<PledgeView, 'deadline' | 'status'>, today: string): boolean {
  if (!p.deadline || !OPEN_STATUSES.includes(p.status)) return false;
  // A partial deadline ("2028") runs to the last day it may mean.
  return dateRange(p.deadline)[1] < today;
}
