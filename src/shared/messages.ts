// The data messages carry (besides the knowledge-base views in views.ts); the messages
// themselves are listed in protocol.ts.

import type { Dictionary } from '../engine/dictionary';
import type { MarkKind } from './mark-kinds';
import type { Prefs } from './prefs';

export interface SiteState {
  site: string;
  enabled: boolean;
  /** Whether the site is on the default list (its state then follows the default unless the reader chose). */
  isDefault: boolean;
  /** Whether the reader made an explicit choice for it. */
  chosen: boolean;
}

export interface ReaderSettings {
  format: 'health-policy-annotator-settings';
  version: 1;
  sites: Record<string, boolean>;
  prefs: Prefs;
}

export interface PageSetup {
  enabled: boolean;
  site: string;
  prefs: Prefs;
  /** Present only when enabled. */
  dictionary?: Dictionary;
}

export interface FoundEntity {
  id: string;
  name: string;
  /** `class`: a name explained by its class, not in the KB individually. */
  kind: MarkKind | 'class';
  /** For a class: "an NHS foundation trust". */
  label?: string;
  count: number;
}
