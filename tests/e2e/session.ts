// The setup every suite shares: the local test server and a browser with the extension, opened
// before a describe block's tests and closed after them.

import { afterAll, beforeAll } from 'vitest';
import type { TestBrowser } from './browsers';
import { startServer, type TestServer } from './server';

export interface Session {
  readonly browser: TestBrowser;
  readonly server: TestServer;
}

/** Registers the describe block's hooks; the fields are set once its beforeAll has run. */
export function openSession(launch: () => Promise<TestBrowser>): Session {
  const session = {} as { browser?: TestBrowser; server?: TestServer };
  beforeAll(async () => {
    session.server = await startServer();
    session.browser = await launch();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session as Session;
}
