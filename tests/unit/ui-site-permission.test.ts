// Switching a site on or off from the popup or options page: the host permission is asked
// for only beyond the default list, synchronously (the click's user gesture), and a refusal
// or a failed request is a message naming the site, with no change asked of the background.
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The extension API the module talks to: the browser's permission prompt and the background.
const api = vi.hoisted(() => ({
  requests: [] as { origins: string[] }[],
  sent: [] as unknown[],
  answer: () => Promise.resolve(true),
}));
vi.mock('webextension-polyfill', () => ({
  default: {
    permissions: {
      request(p: { origins: string[] }) {
        api.requests.push(p);
        return api.answer();
      },
    },
    runtime: {
      sendMessage(m: { site: string; enabled: boolean }) {
        api.sent.push(m);
        return Promise.resolve({ ok: true, data: { site: m.site, enabled: m.enabled, isDefault: false } });
      },
    },
  },
}));

const { PermissionRefused, switchSite } = await import('../../src/ui/site-permission');

beforeEach(() => {
  api.requests.length = 0;
  api.sent.length = 0;
  api.answer = () => Promise.resolve(true);
});

describe('switchSite', () => {
  it('asks for the site and its sub-domains before switching on a site beyond the default list, in the same task', async () => {
    const done = switchSite('example.org', true, false);
    // permissions.request must run before any await, or the browser refuses it outside the user gesture.
    expect(api.requests).toEqual([{ origins: ['*://example.org/*', '*://*.example.org/*'] }]);
    expect(await done).toEqual({ site: 'example.org', enabled: true, isDefault: false });
    expect(api.sent).toEqual([{ type: 'site:set', site: 'example.org', enabled: true }]);
  });

  it('asks nothing to switch a default site on, or any site off', async () => {
    await switchSite('bbc.co.uk', true, true);
    await switchSite('example.org', false, false);
    expect(api.requests).toEqual([]);
    expect(api.sent).toEqual([
      { type: 'site:set', site: 'bbc.co.uk', enabled: true },
      { type: 'site:set', site: 'example.org', enabled: false },
    ]);
  });

  it('a refused permission leaves the site off and says so', async () => {
    api.answer = () => Promise.resolve(false);
    const e = await switchSite('example.org', true, false).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PermissionRefused);
    expect((e as Error).message).toBe(
      'The browser’s permission to read pages on example.org was not given, so annotation stays off there.',
    );
    expect(api.sent).toEqual([]);
  });

  it('a request the browser cannot make, thrown or rejected, is a refusal with its reason', async () => {
    api.answer = () => {
      throw new Error('permissions.request may only be called from a user input handler');
    };
    await expect(switchSite('example.org', true, false)).rejects.toThrow(
      'The browser could not ask for permission to read pages on example.org: permissions.request may only be called from a user input handler',
    );
    api.answer = () => Promise.reject(new Error('no such origin'));
    await expect(switchSite('example.org', true, false)).rejects.toBeInstanceOf(PermissionRefused);
    expect(api.sent).toEqual([]);
  });
});
