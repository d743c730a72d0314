// Which pledges the history shows, and in what order: grouped by person, people marked
// on the current page first, then the rest alphabetically.

import type { PledgeStatus, PledgeView } from '../../shared/views';

export type StatusFilter = PledgeStatus | 'all';

interface PersonGroup {
  id: string;
  name: string;
  onPage: boolean;
  pledges: PledgeView[];
}

export function matchesPledge(p: PledgeView, query: string, status: StatusFilter): boolean {
  if (status !== 'all' && p.status !== status) return false;
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const haystack = [p.title, p.who.name, ...p.alsoWho.map((w) => w.name), p.statusNote, ...p.timeline.map((t) => t.text)];
  return haystack.some((text) => text.toLocaleLowerCase().includes(q));
}

export function groupByPerson(pledges: readonly PledgeView[], onPage: ReadonlySet<string>): PersonGroup[] {
  const groups = new Map<string, PersonGroup>();
  for (const p of pledges) {
    const group = groups.get(p.who.name) ?? { id: p.who.id, name: p.who.name, onPage: false, pledges: [] };
    // A pledge someone else also made counts as on the page when any of its makers is.
    group.onPage ||= onPage.has(p.who.id) || p.alsoWho.some((w) => onPage.has(w.id));
    group.pledges.push(p);
    groups.set(p.who.name, group);
  }
  for (const g of groups.values()) g.pledges.sort((a, b) => a.made.localeCompare(b.made) || a.title.localeCompare(b.title));
  return [...groups.values()].sort((a, b) => Number(b.onPage) - Number(a.onPage) || a.name.localeCompare(b.name));
}
