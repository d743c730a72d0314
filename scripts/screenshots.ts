// npm run screenshots — PNGs for the README: a card on a seed page, the popup's pledge
// history and the welcome page, light and dark, and the card as a bottom sheet on a phone,
// taken in Chromium with the built extension.

import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, ROOT } from '../tests/e2e/browsers';
import { markCentre } from '../tests/e2e/page-probes';
import { startServer } from '../tests/e2e/server';

const out = path.join(ROOT, 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });
const server = await startServer();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchChromium(undefined, { colorScheme: scheme });
    try {
      const page = await browser.openPage(server.url('/seed/003'));
      await page.setViewport(1100, 760);
      await page.waitFor(() => CSS.highlights.size > 0, 15_000);
      const at = await page.evaluateArg(markCentre, 'CCG ratings');
      if (!at) throw new Error('no mark to hover');
      await page.mouseMove(at.x, at.y);
      await page.waitFor(
        () => (document.querySelector('hpa-card-host')?.shadowRoot?.querySelector('.card')?.textContent ?? '').length > 20,
      );
      await new Promise((r) => setTimeout(r, 300));
      await page.screenshot(path.join(out, `card-${scheme}.png`));

      const popup = await browser.openPage(`${browser.extensionOrigin}popup.html?view=pledges#paperless-nhs-2018`);
      await popup.setViewport(400, 760);
      await popup.waitFor(() => document.querySelector('[data-pledge="paperless-nhs-2018"]') !== null, 15_000);
      await new Promise((r) => setTimeout(r, 500));
      await popup.screenshot(path.join(out, `pledges-${scheme}.png`));

      const welcome = await browser.openPage(`${browser.extensionOrigin}welcome.html`);
      await welcome.setViewport(900, 1000);
      await welcome.waitFor(
        () => (document.querySelector('iframe')?.contentWindow as typeof globalThis | null | undefined)?.CSS.highlights.size ?? 0,
        15_000,
      );
      await new Promise((r) => setTimeout(r, 300));
      await welcome.screenshot(path.join(out, `welcome-${scheme}.png`));
    } finally {
      await browser.close();
    }
  }
  // A phone (390 × 844, touch): a tap on a name opens its card as a bottom sheet.
  const phone = await launchChromium(undefined, { touch: true, mobile: true, viewport: { width: 390, height: 844 } });
  try {
    const page = await phone.openPage(server.url('/touch-page'));
    await page.waitFor(() => CSS.highlights.size > 0, 15_000);
    const at = await page.evaluateArg(markCentre, 'Care Quality Commission');
    if (!at) throw new Error('no mark to tap');
    await page.tap(at.x, at.y);
    await page.waitFor(
      () => (document.querySelector('hpa-card-host')?.shadowRoot?.querySelector('.card.sheet')?.textContent ?? '').length > 20,
    );
    await new Promise((r) => setTimeout(r, 500));
    await page.screenshot(path.join(out, 'sheet-phone-light.png'));
  } finally {
    await phone.close();
  }
  console.log(`screenshots written to ${path.relative(process.cwd(), out)}`);
} finally {
  await server.close();
}
