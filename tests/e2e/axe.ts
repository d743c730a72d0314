// axe-core in the page, for the accessibility checks of a11y.test.ts and touch.test.ts.

import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT, type TestPage } from './browsers';

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * axe-core as a function the drivers can send to a page. Extension pages forbid inline
 * scripts and eval (MV3 content security policy), so axe cannot be added as a <script>;
 * both drivers send a function's source text and call it through the debugging
 * protocol, which the page's policy does not govern. A Function built here from axe's
 * source is such a function (it is never called in Node).
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- built to be serialised and run in the page, not here
const injectAxe = new Function(`${AXE_SOURCE}\n;return typeof window.axe;`) as () => string;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string; summary: string }[];
}

/** Runs axe on the page (or on the open card) and returns its violations. */
async function axe(page: TestPage, scope: 'page' | 'card'): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) expect(await page.evaluate(injectAxe)).toBe('object');
  return page.evaluateArg(async (where: 'page' | 'card') => {
    const api = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const context = where === 'card' ? { include: [{ fromShadowDom: ['hpa-card-host', '.card'] }] } : document;
    const result = await api.run(context, { resultTypes: ['violations'] });
    return (
      result.violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown; html: string; failureSummary?: string }[];
      }[]
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 300), summary: n.failureSummary ?? '' })),
    }));
  }, scope);
}

function report(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n${v.nodes.map((n) => `    at ${JSON.stringify(n.target)}: ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`,
    )
    .join('\n');
}

export async function expectNoViolations(page: TestPage, what: string, scope: 'page' | 'card' = 'page'): Promise<void> {
  const violations = await axe(page, scope);
  expect(violations, `axe violations on ${what}:\n${report(violations)}`).toEqual([]);
}
