// Typed messages between the content script, popup, options page and background.
// Every request gets a Reply: data, or an explicit error.

import type { Dictionary } from '../engine/dictionary';
import type { CardData, KbInfo, PledgeView } from './views';
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

export type Request =
  /** `load`: the page's loader asks for the annotator to be put into its frame when annotation is on. */
  | { type: 'page:setup'; url: string; load?: boolean }
  /** The welcome page's sample article: annotated as a page on a site that is on. */
  | { type: 'sample:setup' }
  /** `instance`: a name as written that the KB explains by its class `id` (a class card). */
  | { type: 'card'; id: string; date: string | null; instance?: string }
  | { type: 'pledges' }
  | { type: 'pledge:open'; id: string }
  | { type: 'kb:info' }
  | { type: 'site:get'; url: string }
  | { type: 'site:set'; site: string; enabled: boolean }
  | { type: 'sites:list' }
  | { type: 'sites:reset' }
  | { type: 'prefs:get' }
  | { type: 'prefs:set'; prefs: Prefs }
  | { type: 'settings:export' }
  | { type: 'settings:import'; data: unknown }
  /** The card menu (from a page): switch off the sender's own site, as the popup's switch does. */
  | { type: 'page:site-off' }
  /** Restores the sender's site to the choice before its page:site-off. */
  | { type: 'page:site-undo' }
  /** Stop marking a name (the reader's ignore list, in the prefs). */
  | { type: 'page:ignore'; id: string; name: string }
  /** Content scripts cannot call runtime.openOptionsPage. */
  | { type: 'page:open-options' };

export interface PageSetup {
  enabled: boolean;
  site: string;
  prefs: Prefs;
  /** Present only when enabled. */
  dictionary?: Dictionary;
}

export interface Responses {
  'page:setup': PageSetup;
  'sample:setup': PageSetup;
  card: CardData;
  pledges: PledgeView[];
  'pledge:open': { opened: true };
  'kb:info': KbInfo;
  'site:get': SiteState;
  'site:set': SiteState;
  'sites:list': SiteState[];
  'sites:reset': SiteState[];
  'prefs:get': Prefs;
  'prefs:set': Prefs;
  'settings:export': ReaderSettings;
  'settings:import': ReaderSettings;
  'page:site-off': SiteState;
  'page:site-undo': SiteState;
  'page:ignore': Prefs;
  'page:open-options': { opened: true };
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** Messages the background or popup sends to a tab's content script. */
export type TabMessage =
  | { type: 'tab:site-changed'; enabled: boolean }
  | { type: 'tab:prefs-changed'; prefs: Prefs }
  | { type: 'tab:found' }
  | { type: 'tab:reveal'; id: string }
  | { type: 'tab:next-mark' };

export interface FoundEntity {
  id: string;
  name: string;
  /** `class`: a name explained by its class, not in the KB individually. */
  kind: 'person' | 'body' | 'term' | 'class';
  /** For a class: "an NHS foundation trust". */
  label?: string;
  count: number;
}
