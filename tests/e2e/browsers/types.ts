// The surface the end-to-end suites drive, the same for both browsers (chromium.ts, firefox.ts).

/** The small surface the tests use on a page, the same for both browsers. */
export interface TestPage {
  /** The extension's own complaints seen in this page's console since it opened (warnings, errors, uncaught errors). */
  extensionErrors(): string[];
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  evaluateArg<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  waitFor(fn: () => unknown, timeoutMs?: number): Promise<void>;
  mouseMove(x: number, y: number): Promise<void>;
  /** A mouse click at a point (a press and release of the main button). */
  mouseClick(x: number, y: number): Promise<void>;
  /** A key held down or released (modifiers: 'Alt', 'Shift'). */
  keyDown(key: 'Alt' | 'Shift'): Promise<void>;
  keyUp(key: 'Alt' | 'Shift'): Promise<void>;
  /** A finger's tap at a point (a browser launched with `touch`). */
  tap(x: number, y: number): Promise<void>;
  /** A finger put down at one point, moved in steps to another and lifted. */
  swipe(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void>;
  press(combo: { alt?: boolean; shift?: boolean; code: string }): Promise<void>;
  click(selector: string): Promise<void>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  bringToFront(): Promise<void>;
  screenshot(file: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestBrowser {
  name: 'chromium' | 'firefox';
  extensionOrigin: string;
  openPage(url: string): Promise<TestPage>;
  /** Stops the MV3 service worker (Chromium); the next message must wake it. */
  stopBackground(): Promise<void>;
  /** Closes and relaunches with the same profile. */
  restart(): Promise<void>;
  /** Installs the extension now (a browser launched with `deferInstall`: tabs opened before the install). */
  install(): Promise<void>;
  /** The addresses of the open tabs. */
  pageUrls(): Promise<string[]>;
  /** Reloads the extension as an update does (Chromium: installed again from its folder, which needs `deferInstall`; Firefox: runtime.reload()). */
  update(): Promise<void>;
  /** Every request the browser makes from now on (pages, frames, extension pages, the background). */
  recordRequests(): { stop(): string[] };
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The colour scheme pages prefer; only a browser with `emulatesColorScheme` takes 'dark'. */
  colorScheme?: 'light' | 'dark';
  /** Launch without the extension; `TestBrowser.install()` installs it later. */
  deferInstall?: boolean;
  /** A touch screen: touch events, and (pointer: coarse) matches. */
  touch?: boolean;
  /** A phone (Chromium's isMobile: the page's viewport meta applies), with `touch`. */
  mobile?: boolean;
  /** The pages' size (1200 × 900 unless set). */
  viewport?: { width: number; height: number };
  /** Firefox preferences besides the suites' own (benchmarks: how soon an idle background is suspended). */
  firefoxPrefs?: Record<string, string | number | boolean>;
}

/** A browser the suites run in, with what it can and cannot do that the tests depend on. */
export interface BrowserSpec {
  name: 'Chromium' | 'Firefox';
  /** The development build (dist/dev) loaded into a fresh profile. */
  launch(options?: LaunchOptions): Promise<TestBrowser>;
  /** The background is an MV3 service worker the tests can stop (Chromium); Firefox runs an event page. */
  serviceWorker: boolean;
  /** A site added in the options page is granted without a prompt (Firefox, by a preference; headless Chromium cannot answer its dialog). */
  grantsAddedSites: boolean;
  /** Pages can be made to prefer the dark scheme (Chromium); Firefox over WebDriver BiDi cannot, so the dark rules are forced into each page. */
  emulatesColorScheme: boolean;
  /** The name: '%s' in a `describe.each(BROWSERS)` title shows it (`$name` would show it quoted). */
  toString(): string;
}
