// What the one-minute probes on the long page share (card-probe.ts, style-frame-probe.ts): the
// development build in dist/dev/chrome loaded in Chromium, the 2 MB page loaded until our marks
// show, and the bench bundle's page half (`window.__hpaBench`) added to it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildBenchBundle } from './build';
import { LONG_CHARS, progress, ROOT, sleep } from './common';
import { launchWithExtension } from './extension-browser';
import { startBenchServer } from './server';

/** Runs `probe` on the long page with the extension on, then closes the browser and the server and removes what it built. */
export async function withLongPage(probe: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
  const extensionDir = path.join(ROOT, 'dist/dev/chrome');
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} is missing: run npm run build first`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hpa-long-page-probe-'));
  const kbVersion = (JSON.parse(fs.readFileSync(path.join(extensionDir, 'kb.json'), 'utf8')) as { version: string }).version;
  await buildBenchBundle(work, kbVersion);
  const server = await startBenchServer(ROOT);
  const { context, profileDir } = await launchWithExtension(extensionDir);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    progress('the long page');
    await page.goto(server.url(`/long?chars=${LONG_CHARS}&probe=1`), { waitUntil: 'load', timeout: 180_000 });
    await page.waitForFunction('window.__probe && window.__probe.highlightsAt !== null', undefined, { timeout: 180_000, polling: 200 });
    await sleep(1000);
    await page.addScriptTag({ path: path.join(work, 'page-bench.js') });
    await probe(page, context);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Runs a probe's main, exiting non-zero on failure. */
export function runProbe(main: () => Promise<void>): void {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
