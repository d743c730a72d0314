// Cross-entry checks the schema cannot make: quotes found in their seed, unique ids,
// known references, aliases that two entities claim, overlapping role holders, accepted
// publishers, open roles dated by when a source last confirmed them.

import { canonicalQuote, canonicalText } from '../engine/chars';
import { checkPublishers } from './check-publishers';
import { startOfPeriod } from './dates';
import type { Problem } from './problems';
import type { Alias } from './schema';
import { entryName, type Sources } from './sources';

function walkEvidence(value: unknown, at: string, visit: (article: string, quote: string, at: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walkEvidence(v, `${at}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.article === 'string' && typeof o.quote === 'string') visit(o.article, o.quote, at);
    for (const [k, v] of Object.entries(o)) walkEvidence(v, at ? `${at}.${k}` : k, visit);
  }
}

export function checkSources(s: Sources, problems: Problem[]): void {
  checkPublishers(s, problems);
  const seedText = new Map([...s.texts].map(([id, t]) => [id, canonicalQuote(t)]));
  const all = [...s.entities, ...s.roles, ...s.pledges];

  // Quotes: verbatim in their seed, after folding white space and quote marks.
  for (const e of [...all, ...s.ignore]) {
    walkEvidence(e.value, '', (articleId, quote, at) => {
      const text = seedText.get(articleId);
      if (text === undefined)
        problems.push({ file: e.file, entry: entryName(e.value, e.index), reason: `${at}: no seed article "${articleId}"` });
      else if (!text.includes(canonicalQuote(quote)))
        problems.push({
          file: e.file,
          entry: entryName(e.value, e.index),
          reason: `${at}: quote not found verbatim in seed ${articleId}: "${quote}"`,
        });
    });
  }

  // Ids unique across every file.
  const firstSeen = new Map<string, string>();
  for (const e of all) {
    const prev = firstSeen.get(e.value.id);
    if (prev) problems.push({ file: e.file, entry: entryName(e.value, e.index), reason: `id "${e.value.id}" is already used in ${prev}` });
    else firstSeen.set(e.value.id, `${e.file} entry ${e.index + 1}`);
  }
  const entityIds = new Set(s.entities.map((e) => e.value.id));
  const roleIds = new Set(s.roles.map((r) => r.value.id));
  const personIds = new Set(s.entities.filter((e) => e.value.kind === 'person').map((e) => e.value.id));
  const ref = (file: string, entry: string, what: string, target: string, known: Set<string>, kind: string) => {
    if (!known.has(target)) problems.push({ file, entry, reason: `${what} names unknown ${kind} "${target}"` });
  };

  for (const e of s.entities) {
    const entry = entryName(e.value, e.index);
    e.value.related?.forEach((r, i) => ref(e.file, entry, `related[${i}]`, r, entityIds, 'entity'));
    e.value.lifecycle?.forEach((l, i) => l.successor && ref(e.file, entry, `lifecycle[${i}].successor`, l.successor, entityIds, 'entity'));
    e.value.roles?.forEach((r, i) => {
      if (r.role) ref(e.file, entry, `roles[${i}].role`, r.role, roleIds, 'role');
      if (r.start && r.end && startOfPeriod(r.end) < startOfPeriod(r.start))
        problems.push({ file: e.file, entry, reason: `roles[${i}]: ends before it starts` });
      if (r.role && !r.start)
        problems.push({ file: e.file, entry, reason: `roles[${i}]: a role that fills "${r.role}" needs a start date` });
      // A role with no end claims it is held today: say when a source last said so.
      if (!r.end && !r.current_as_of)
        problems.push({
          file: e.file,
          entry,
          reason: `roles[${i}]: an open role needs current_as_of: the date a source last confirmed it`,
        });
      if (e.value.kind !== 'person') problems.push({ file: e.file, entry, reason: `roles[${i}]: only people hold roles` });
    });
  }
  for (const p of s.pledges) {
    const entry = entryName(p.value, p.index);
    p.value.who.forEach((w, i) => ref(p.file, entry, p.value.who.length > 1 ? `who[${i}]` : 'who', w, personIds, 'person'));
    p.value.related?.forEach((r, i) => ref(p.file, entry, `related[${i}]`, r, entityIds, 'entity'));
  }

  // Aliases: one owner per text unless every claimant needs a prior full mention.
  const claims = new Map<string, { owner: string; file: string; entry: string; prior: boolean }[]>();
  const claim = (file: string, entry: string, owner: string, a: Alias) => {
    const key = canonicalText(a.text).toLowerCase();
    const list = claims.get(key) ?? [];
    if (!list.some((c) => c.owner === owner)) list.push({ owner, file, entry, prior: a.needs === 'prior' });
    claims.set(key, list);
  };
  for (const e of s.entities) for (const a of e.value.aliases as Alias[]) claim(e.file, entryName(e.value, e.index), e.value.id, a);
  for (const r of s.roles) for (const a of r.value.aliases as Alias[]) claim(r.file, entryName(r.value, r.index), r.value.id, a);
  for (const [text, list] of claims) {
    if (list.length < 2 || list.every((c) => c.prior)) continue;
    const [first, ...rest] = list;
    for (const c of rest)
      problems.push({
        file: c.file,
        entry: c.entry,
        reason: `alias "${text}" is also claimed by "${first!.owner}" (${first!.file}); give both "needs: prior" or drop one`,
      });
  }

  // Holders of one role must not overlap.
  const holders = new Map<string, { person: string; start: string; end: string; file: string; entry: string }[]>();
  for (const e of s.entities)
    e.value.roles?.forEach((r) => {
      if (!r.role || !r.start) return;
      const list = holders.get(r.role) ?? [];
      list.push({
        person: e.value.id,
        start: startOfPeriod(r.start),
        end: r.end ? startOfPeriod(r.end) : '9999-12-31',
        file: e.file,
        entry: entryName(e.value, e.index),
      });
      holders.set(r.role, list);
    });
  for (const [role, list] of holders) {
    list.sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      if (b.start < a.end)
        problems.push({
          file: b.file,
          entry: b.entry,
          reason: `holds "${role}" from ${b.start}, while ${a.person} still held it (until ${a.end})`,
        });
    }
  }
}
