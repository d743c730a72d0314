// The end-to-end tests' browser look-up: the variable first, then the usual places; none is a failure that says what to install.
import { describe, expect, it } from 'vitest';
import { candidates, findBrowser } from '../e2e/find-browser';

describe('findBrowser', () => {
  it('takes CHROMIUM_PATH / FIREFOX_PATH when set, and refuses one that does not exist', () => {
    expect(findBrowser('chromium', { CHROMIUM_PATH: '/opt/x/chrome' }, (p) => p === '/opt/x/chrome')).toBe('/opt/x/chrome');
    expect(() => findBrowser('firefox', { FIREFOX_PATH: '/nope' }, () => false)).toThrow(/FIREFOX_PATH=\/nope, but there is no such file/);
  });
  it('looks in the usual places on Linux, macOS and Windows (Chrome, Chromium, Edge; Firefox, Firefox ESR)', () => {
    expect(candidates('chromium', 'linux')).toEqual(expect.arrayContaining(['/usr/bin/chromium', '/usr/bin/google-chrome']));
    expect(candidates('firefox', 'linux')[0]).toBe('/usr/bin/firefox-esr');
    expect(candidates('chromium', 'darwin')).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(candidates('chromium', 'win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain(
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    );
    expect(candidates('firefox', 'win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain(
      'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
    );
  });
  it('fails naming every place it looked and what to install, when none is there', () => {
    expect(() => findBrowser('firefox', {}, () => false)).toThrow(
      /no Firefox for the end-to-end tests; looked at:[\s\S]*firefox-esr[\s\S]*apt-get install firefox-esr/,
    );
  });
});
