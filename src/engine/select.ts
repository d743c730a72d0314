// The selection pass: from the sorted candidates to matches. Overlaps are settled by the
// order in selection-order.ts; each kept candidate then goes through the rules that need
// the text around it and what was named before it (longer names, compounds, role phrases).

import type { ClassNames } from './class-names';
import { canonicalName, readRole, type RoleContext } from './context';
import { CLASS_TRIGGER, NEEDS_PRIOR, NOT_THIS_ROLE, type DictEntity, type DictHolder, type EntityKind } from './dictionary';
import type { EnginePattern } from './hit-rules';
import { readLongerName } from './longer-names';
import type { Match } from './match';
import { isApposition, startsCompound } from './neighbours';
import { namedPersonAfter, previousHolder, resolveHolder, splitBody } from './role-phrases';
import { namingRecency, outranks, type Candidate, type Claim } from './selection-order';

/** What selection reads of the dictionary. */
export interface SelectionKb {
  patterns: readonly EnginePattern[];
  entities: readonly DictEntity[];
  holders: readonly DictHolder[];
  classes: ClassNames;
  /** Role entities by id (for a devolved role a phrase names). */
  roleIndex: ReadonlyMap<string, number>;
}

/** What both selection passes over one text share. */
export interface SelectContext {
  date: string;
  pageForeign: boolean;
  /** Where a person's full name starts: a longer name never runs into one. */
  personStarts: Set<number>;
  /** Where any KB name starts (class endings aside). */
  nameStarts: Set<number>;
  /** Role phrases already read, by start and entity: the second selection pass reads none again. */
  roleReadings: Map<number, RoleContext>;
}

export interface Selection {
  matches: Match[];
  /** Where each entity is first named (in full, or by a role phrase's holder). */
  firstMention: Map<number, number>;
}

export function personStarts(kb: SelectionKb, candidates: readonly Candidate[]): Set<number> {
  const out = new Set<number>();
  for (const c of candidates) {
    const p = kb.patterns[c.pattern]!;
    if (kb.entities[p.entity]!.kind === 'person' && !(p.flags & NEEDS_PRIOR)) out.add(c.start);
  }
  return out;
}

export function nameStarts(kb: SelectionKb, candidates: readonly Candidate[]): Set<number> {
  const out = new Set<number>();
  for (const c of candidates) if (!(kb.patterns[c.pattern]!.flags & CLASS_TRIGGER)) out.add(c.start);
  return out;
}

/**
 * Leftmost-longest selection of candidates with the context rules. With `named` null,
 * surname-only candidates are left out; otherwise they link to an entity named in full
 * before them, or failing that anywhere in `named`. With `makeMatches` false only
 * `firstMention` is filled.
 */
export function select(
  kb: SelectionKb,
  text: string,
  candidates: readonly Candidate[],
  sc: SelectContext,
  named: Map<number, number> | null,
  makeMatches = true,
): Selection {
  const { patterns, entities } = kb;
  const date = sc.date;
  const firstMention = new Map<number, number>();
  const lastFullMention = new Map<number, number>();
  const mention = (entity: number, at: number) => {
    lastFullMention.set(entity, at);
    if (!firstMention.has(entity)) firstMention.set(entity, at);
  };
  const out: Match[] = [];
  const emit = (c: { start: number; end: number }, entity: DictEntity, kind: EntityKind, role?: string) => {
    if (!makeMatches) return;
    const m: Match = { start: c.start, end: c.end, text: text.slice(c.start, c.end), id: entity.id, name: entity.name, kind };
    if (role) m.role = role;
    out.push(m);
  };
  const emitClass = (r: { start: number; end: number }, cls: number) => {
    if (!makeMatches) return;
    const written = canonicalName(text, r.start, r.end);
    const e = entities[cls]!;
    out.push({
      start: r.start,
      end: r.end,
      text: text.slice(r.start, r.end),
      id: `class:${e.id}:${written}`,
      name: written,
      kind: e.kind,
      classOf: e.id,
    });
  };
  let lastEnd = 0;
  for (let i = 0; i < candidates.length;) {
    const c = candidates[i]!;
    if (c.start < lastEnd) {
      i++;
      continue;
    }
    // The candidates of this one span: the winner by `outranks`; a class's ending only if nothing else claims it.
    let j = i + 1;
    while (j < candidates.length && candidates[j]!.start === c.start && candidates[j]!.end === c.end) j++;
    let best: Candidate | undefined;
    let bestClaim: Claim | undefined;
    let trigger: Candidate | undefined;
    for (let k = i; k < j; k++) {
      const ck = candidates[k]!;
      const p = patterns[ck.pattern]!;
      if (p.flags & CLASS_TRIGGER) {
        trigger ??= ck;
        continue;
      }
      let claim: Claim;
      if (p.flags & NEEDS_PRIOR) {
        if (!named) continue;
        const recency = namingRecency(lastFullMention.get(p.entity), named.get(p.entity), text.length);
        if (recency === undefined) continue;
        claim = { needsPrior: true, recency };
      } else claim = { needsPrior: false, recency: 0 };
      if (outranks(claim, bestClaim)) {
        best = ck;
        bestClaim = claim;
      }
    }
    i = j;
    const head = best ?? trigger;
    if (!head) continue;
    const headEntity = entities[patterns[head.pattern]!.entity]!;
    if (headEntity.kind === 'body' || headEntity.kind === 'term') {
      const longer = readLongerName({
        text,
        start: head.start,
        end: head.end,
        floor: lastEnd,
        names: best !== undefined,
        isBody: headEntity.kind === 'body',
        personStarts: sc.personStarts,
        nameStarts: sc.nameStarts,
        classes: kb.classes,
      });
      if (longer.is === 'body') {
        lastEnd = longer.end;
        mention(patterns[best!.pattern]!.entity, longer.start);
        emit(longer, headEntity, 'body');
        continue;
      }
      if (longer.is === 'class') {
        lastEnd = longer.end;
        emitClass(longer, longer.cls);
        continue;
      }
      if (longer.is === 'unknown') {
        lastEnd = longer.end;
        continue;
      }
      if (!best) continue; // a class's ending alone ("Hospital") is no name
      if (headEntity.kind === 'term' && startsCompound(text, head.end)) {
        lastEnd = head.end;
        continue;
      }
    }
    if (!best) continue;
    const p = patterns[best.pattern]!;
    const entity = entities[p.entity]!;
    lastEnd = best.end;

    if (entity.kind !== 'role') {
      if (!(p.flags & NEEDS_PRIOR)) mention(p.entity, best.start);
      emit(best, entity, entity.kind);
      continue;
    }
    // The words around a role phrase: former, shadow, a party, a country, the page's language.
    const roleKey = best.start * 8192 + p.entity;
    let rc = sc.roleReadings.get(roleKey);
    if (!rc) {
      rc = readRole(text, best.start, entity.id, text.slice(best.start, best.end), sc.pageForeign, (p.flags & NOT_THIS_ROLE) === 0);
      sc.roleReadings.set(roleKey, rc);
    }
    let reading = rc.reading;
    // A listed longer phrase ("former health secretary", "US health secretary") reads only as past or devolved.
    if (p.flags & NOT_THIS_ROLE && reading.mode === 'now') reading = { mode: 'none' };
    if (reading.mode === 'none') continue;
    // A body inside the phrase ("NHS England chief executive") is linked as the body, the rest as the role.
    const parts = splitBody(text, candidates, j, best, patterns, entities);
    // Apposition: "Health Secretary Matt Hancock", "the health secretary, Wes Streeting,", "Simon Stevens, chief executive of NHS England".
    const last = out[out.length - 1];
    const namedPerson =
      namedPersonAfter(text, candidates, j, best.end, patterns, entities) ??
      (last && last.kind === 'person' && last.end <= best.start && isApposition(text.slice(last.end, best.start))
        ? entities.findIndex((e) => e.id === last.id)
        : undefined);
    let person: number | undefined;
    if (namedPerson !== undefined && namedPerson >= 0) person = namedPerson;
    else {
      const role = reading.mode === 'devolved' ? kb.roleIndex.get(reading.role) : p.entity;
      if (role === undefined) continue;
      const holder =
        reading.mode === 'past' ? previousHolder(kb.holders, entities, role, date, rc.party) : resolveHolder(kb.holders, role, date);
      if (!holder) continue;
      if (rc.party && entities[holder.person]!.party && entities[holder.person]!.party !== rc.party) continue;
      person = holder.person;
      mention(holder.person, best.start);
    }
    const roleId = reading.mode === 'devolved' ? reading.role : entity.id;
    if (!parts) emit(best, entities[person]!, 'role', roleId);
    else
      for (const part of parts)
        if (part.body === undefined) emit(part, entities[person]!, 'role', roleId);
        else {
          mention(part.body, part.start);
          emit(part, entities[part.body]!, 'body');
        }
  }
  return { matches: out, firstMention };
}
