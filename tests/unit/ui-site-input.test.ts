// What the options page accepts as a site to add, and the message for what it refuses.
import { describe, expect, it } from 'vitest';
import { readSiteInput } from '../../src/ui/options/site-input';

const site = (raw: string) => readSiteInput(raw);
const error = (raw: string) => {
  const r = readSiteInput(raw);
  if (r.ok) throw new Error(`"${raw}" was accepted as ${r.site}`);
  return r.error;
};

describe('readSiteInput', () => {
  it('takes a host name, lower-cased, without "www." and a trailing dot', () => {
    expect(site('example.org')).toEqual({ ok: true, site: 'example.org' });
    expect(site('  WWW.Example.ORG ')).toEqual({ ok: true, site: 'example.org' });
    expect(site('news.example.co.uk.')).toEqual({ ok: true, site: 'news.example.co.uk' });
    expect(site('localhost')).toEqual({ ok: true, site: 'localhost' });
  });

  it('takes the host of a pasted address', () => {
    expect(site('https://www.hsj.co.uk/policy/article?x=1#top')).toEqual({ ok: true, site: 'hsj.co.uk' });
    expect(site('http://localhost:8080/seed/001')).toEqual({ ok: true, site: 'localhost' });
  });

  it('says what is wrong with what it refuses', () => {
    expect(error('')).toBe('Type a host name, such as example.org.');
    expect(error('   ')).toBe('Type a host name, such as example.org.');
    expect(error('*.example.org')).toMatch(/without wildcards/);
    expect(error('example .org')).toBe('A host name has no spaces.');
    expect(error('ftp://example.org')).toBe('Only web sites (http and https) can be annotated.');
    expect(error('https://[::1]/')).toMatch(/IP version 6/);
    expect(error('-bad-.example.org')).toBe('“-bad-.example.org” is not a valid host name.');
    expect(error('exa_mple.org')).toMatch(/is not (a valid host name|a host name)/);
    expect(error(`${'a'.repeat(64)}.org`)).toMatch(/is not a valid host name/);
    expect(error('intranet')).toBe('“intranet” is not a full host name; include the domain, such as intranet.org.');
  });

  it('cuts a long input in its message', () => {
    const long = `${'a'.repeat(300)}.org`;
    const message = error(long);
    expect(message.length).toBeLessThan(120);
    expect(message).toContain('a'.repeat(80));
  });
});
