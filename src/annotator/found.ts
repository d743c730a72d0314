// The popup's "on this page": each entity matched on the page, how often, most often first.

import type { Match } from '../engine/engine';
import type { FoundEntity } from '../shared/messages';
import { markKind } from './marks';

/** `classLabel`: a class entity's label ("an NHS foundation trust"), for the class marks' entries. */
export function foundEntities(matches: Match[], classLabel: (classId: string) => string | undefined): FoundEntity[] {
  const byId = new Map<string, FoundEntity>();
  for (const m of matches) {
    if (m.learned) continue;
    let f = byId.get(m.id);
    if (!f) {
      f = m.classOf ? foundClass(m, classLabel(m.classOf)) : { id: m.id, name: m.name, kind: markKind(m), count: 0 };
      byId.set(m.id, f);
    }
    f.count++;
  }
  return [...byId.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** A class mark: the name as written, with its class's label when the dictionary has one. */
function foundClass(m: Match, label: string | undefined): FoundEntity {
  const f: FoundEntity = { id: m.id, name: m.name, kind: 'class', count: 0 };
  if (label !== undefined) f.label = label;
  return f;
}
