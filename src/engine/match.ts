// What the engine returns for each mention it finds.

import type { EntityKind } from './dictionary';

export interface Match {
  start: number;
  end: number;
  text: string;
  /** Entity id; for a role phrase, the person it resolves to. */
  id: string;
  name: string;
  kind: EntityKind;
  /** For a role phrase: the role's id. */
  role?: string;
  /** Set when the entity was learned from a definition in this text. */
  learned?: boolean;
  /**
   * Set for a longer name the KB does not know individually but whose class it explains
   * ("Borsetshire Hospitals NHS Foundation Trust"): the class entity's id. `id` is then
   * `class:<class id>:<name as written>`, `name` the name as written, `kind` the class's.
   */
  classOf?: string;
}
