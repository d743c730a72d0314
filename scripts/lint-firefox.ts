// npm run lint:ext — web-ext lint (addons.mozilla.org's own linter) on the Firefox build.
// Fails on any error or warning; notices are printed. Lints DIST_DIR/firefox (dist/firefox
// by default), so run npm run build first. npm test runs the same check
// (tests/e2e/release.test.ts) on the build it tests.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import webExt from 'web-ext';

export interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
}

export interface LintResult {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

interface WebExt {
  cmd: { lint(params: Record<string, unknown>, options: { shouldExitProgram: boolean }): Promise<LintResult> };
}

export async function lintFirefox(sourceDir: string): Promise<LintResult> {
  const result = await (webExt as WebExt).cmd.lint(
    {
      sourceDir,
      output: 'none',
      selfHosted: false,
      privileged: false,
      warningsAsErrors: false,
      boring: true,
      pretty: false,
      verbose: false,
    },
    { shouldExitProgram: false },
  );
  return { errors: result.errors, warnings: result.warnings, notices: result.notices };
}

export function formatLint(result: LintResult): string {
  const line = (kind: string, m: LintMessage) =>
    `${kind} ${m.code}${m.file ? ` ${m.file}${m.line ? `:${m.line}` : ''}` : ''}: ${m.message}`;
  return [
    ...result.errors.map((m) => line('error', m)),
    ...result.warnings.map((m) => line('warning', m)),
    ...result.notices.map((m) => line('notice', m)),
  ].join('\n');
}

/** A path as the reader typed it: relative below the working folder, absolute elsewhere. */
function shown(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = path.resolve(import.meta.dirname, '..', process.env.DIST_DIR ?? 'dist', 'firefox');
  const result = await lintFirefox(dir);
  const text = formatLint(result);
  if (text) console.log(text);
  console.log(
    `web-ext lint ${shown(dir)}: ${result.errors.length} errors, ${result.warnings.length} warnings, ${result.notices.length} notices`,
  );
  if (result.errors.length || result.warnings.length) process.exitCode = 1;
}
