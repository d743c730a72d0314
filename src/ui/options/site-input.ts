// Reads what the reader typed as a site to add: a host name, or a pasted address whose
// host is taken. Returns the site key (no "www.") or a message saying what is wrong.

import { siteKey } from '../../shared/sites';

type SiteInput = { ok: true; site: string } | { ok: false; error: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function readSiteInput(raw: string): SiteInput {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'Type a host name, such as example.org.' };
  if (text.includes('*')) return { ok: false, error: 'Type one host name without wildcards; its sub-domains are included.' };
  if (/\s/.test(text)) return { ok: false, error: 'A host name has no spaces.' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, error: `“${text.slice(0, 80)}” is not a host name.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, error: 'Only web sites (http and https) can be annotated.' };
  const host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('[')) return { ok: false, error: 'IP version 6 addresses cannot be added; use a host name.' };
  const labels = host.split('.');
  if (host.length > 253 || !labels.every((l) => LABEL.test(l)))
    return { ok: false, error: `“${host.slice(0, 80)}” is not a valid host name.` };
  if (labels.length < 2 && host !== 'localhost')
    return { ok: false, error: `“${host}” is not a full host name; include the domain, such as ${host}.org.` };
  return { ok: true, site: siteKey(host) };
}
