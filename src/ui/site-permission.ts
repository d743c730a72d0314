// Switching annotation on or off for a site. A site beyond the default list needs the
// browser's host permission first; permissions.request must be called synchronously in
// the click or submit handler (a user gesture), so this function calls it before any await.

import browser from 'webextension-polyfill';
import type { SiteState } from '../shared/messages';
import { originsFor } from '../shared/sites';
import { ask } from './ask';

export class PermissionRefused extends Error {}

export function switchSite(site: string, enabled: boolean, isDefault: boolean): Promise<SiteState> {
  let permission: Promise<boolean>;
  try {
    permission = enabled && !isDefault ? browser.permissions.request({ origins: originsFor(site) }) : Promise.resolve(true);
  } catch (e) {
    permission = Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  return permission.then(
    (granted) => {
      if (!granted)
        throw new PermissionRefused(`The browser’s permission to read pages on ${site} was not given, so annotation stays off there.`);
      return ask({ type: 'site:set', site, enabled });
    },
    (e: unknown) => {
      throw new PermissionRefused(
        `The browser could not ask for permission to read pages on ${site}: ${e instanceof Error ? e.message : String(e)}`,
      );
    },
  );
}
