// The card menu's requests from a page: switch its own site off (and undo that), stop
// marking a name, open the options page. The site always comes from the sender's
// address, never from the message, so a page can switch off only itself.

import type { ResponseOf } from '../shared/protocol';
import { withIgnored, type IgnoredName, type Prefs } from '../shared/prefs';
import { siteKey } from '../shared/sites';
import { UserError } from './errors';

export interface PageMenuDeps {
  /** The reader's stored choice for a site (undefined: none, it follows the default list). */
  choiceFor(site: string): Promise<boolean | undefined>;
  /** The popup's switch: store the choice (undefined forgets it), bring scripts in line, tell open tabs. */
  switchSite(site: string, choice: boolean | undefined): Promise<ResponseOf<'site:set'>>;
  getPrefs(): Promise<Prefs>;
  /** As prefs:set: store and tell every open tab. */
  savePrefs(prefs: Prefs): Promise<Prefs>;
  openOptions?(): Promise<void>;
}

/** Where the request came from: a content script's tab and its frame's address. */
export interface PageSender {
  tabId?: number;
  url?: string;
}

export function createPageMenu(deps: PageMenuDeps) {
  /** Per site, the choice before the card menu switched it off, for one undo. Kept in memory:
   * an undo is offered for seconds, and a background restarted since has nothing to undo. */
  const undo = new Map<string, boolean | undefined>();

  function senderSite(from: PageSender): string {
    if (from.tabId === undefined || typeof from.url !== 'string') throw new UserError('only a page with marks can switch its own site off');
    let url: URL;
    try {
      url = new URL(from.url);
    } catch {
      throw new UserError('the page’s address could not be read');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UserError(`annotation works on web pages only, not ${url.protocol} pages`);
    return siteKey(url.hostname);
  }

  return {
    async siteOff(from: PageSender): Promise<ResponseOf<'page:site-off'>> {
      const site = senderSite(from);
      const previous = await deps.choiceFor(site);
      const state = await deps.switchSite(site, false);
      undo.set(site, previous);
      return state;
    },
    async siteUndo(from: PageSender): Promise<ResponseOf<'page:site-undo'>> {
      const site = senderSite(from);
      if (!undo.has(site)) throw new UserError(`there is nothing to undo for ${site}: switch it on from the toolbar popup`);
      const previous = undo.get(site);
      undo.delete(site);
      // Chosen again elsewhere since (popup, options): that later choice stands.
      if ((await deps.choiceFor(site)) !== false) throw new UserError(`${site} was switched again since; nothing was undone`);
      return deps.switchSite(site, previous);
    },
    /** Any other change of a site's choice: an undo offered before no longer applies. */
    forget(site?: string): void {
      if (site === undefined) undo.clear();
      else undo.delete(site);
    },
    async ignore(name: IgnoredName): Promise<ResponseOf<'page:ignore'>> {
      return deps.savePrefs(withIgnored(await deps.getPrefs(), name));
    },
    async openOptions(): Promise<ResponseOf<'page:open-options'>> {
      if (!deps.openOptions) throw new UserError('the options page cannot be opened from here');
      await deps.openOptions();
      return { opened: true };
    },
  };
}
