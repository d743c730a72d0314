// Where the end-to-end tests find their browsers: CHROMIUM_PATH / FIREFOX_PATH if set, else the
// usual install places on Linux, macOS and Windows. None found is a failure that says what to
// install, never a skip.

import fs from 'node:fs';
import path from 'node:path';

export type BrowserKind = 'chromium' | 'firefox';

const ENV: Record<BrowserKind, string> = { chromium: 'CHROMIUM_PATH', firefox: 'FIREFOX_PATH' };

/** Candidate executables, most specific first (the Debian packages CI installs lead on Linux). */
export function candidates(
  kind: BrowserKind,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'darwin') {
    return kind === 'chromium'
      ? [
          '/Applications/Chromium.app/Contents/MacOS/Chromium',
          '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
          '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        ]
      : ['/Applications/Firefox.app/Contents/MacOS/firefox', '/Applications/Firefox ESR.app/Contents/MacOS/firefox'];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    const under = (...rel: string[]) => roots.flatMap((r) => rel.map((p) => path.win32.join(r, p)));
    return kind === 'chromium'
      ? under('Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe')
      : under('Mozilla Firefox\\firefox.exe', 'Firefox ESR\\firefox.exe');
  }
  return kind === 'chromium'
    ? [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/snap/bin/chromium',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/usr/bin/microsoft-edge',
      ]
    : ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'];
}

const INSTALL: Record<BrowserKind, string> = {
  chromium:
    'Debian/Ubuntu: apt-get install chromium (.ci/run does this); macOS or Windows: install Chromium, Google Chrome or Microsoft Edge; or set CHROMIUM_PATH to a Chromium-based browser',
  firefox:
    'Debian/Ubuntu: apt-get install firefox-esr (.ci/run does this); macOS or Windows: install Firefox or Firefox ESR (140 or later); or set FIREFOX_PATH',
};

const announced = new Set<BrowserKind>();

/** The browser to drive, or an error naming every place looked at and what to install. */
export function findBrowser(
  kind: BrowserKind,
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = fs.existsSync,
): string {
  const set = env[ENV[kind]];
  if (set) {
    if (!exists(set)) throw new Error(`${ENV[kind]}=${set}, but there is no such file`);
    return announce(kind, set, ENV[kind]);
  }
  const tried = candidates(kind, process.platform, env);
  const found = tried.find((p) => exists(p));
  if (!found)
    throw new Error(
      `no ${kind === 'chromium' ? 'Chromium-based browser' : 'Firefox'} for the end-to-end tests; looked at:\n  ${tried.join('\n  ')}\n${INSTALL[kind]}`,
    );
  return announce(kind, found, 'found');
}

function announce(kind: BrowserKind, file: string, how: string): string {
  if (!announced.has(kind)) {
    announced.add(kind);
    console.log(`end-to-end tests: ${kind} = ${file} (${how})`);
  }
  return file;
}
