// npm run lint: ESLint with typescript-eslint's type-aware recommended rules over the
// whole repository, and the rules of hooks for the Preact components.
//
// typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 (the native
// compiler that `tsc` runs) no longer has: package.json therefore installs TypeScript 6
// under the name `typescript` (for ESLint only) and TypeScript 7 as `@typescript/native`
// (its `tsc` binary is the one npm scripts run), as the TypeScript 7 release notes
// describe for running both side by side.

import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers (docs/architecture.md): which part of src may import which. Each rule is a
// regular expression on the import's path as written; the files of each layer sit at the
// depth these relative paths assume (src/engine and src/shared are flat folders).
const noTestsOrBench = {
  regex: '^(\\.\\./)+(tests|bench)(/|$)',
  message: 'Nothing in src imports tests/ or bench/ (layer rule, docs/architecture.md).',
};
const layers = [
  {
    files: ['src/**/*.{ts,tsx}'],
    patterns: [noTestsOrBench],
  },
  {
    files: ['src/engine/**/*.{ts,tsx}'],
    patterns: [{ regex: '^(?!\\./)', message: 'src/engine imports nothing outside itself (layer rule, docs/architecture.md).' }],
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    patterns: [
      noTestsOrBench,
      { regex: '^\\.\\./(?!engine/)', message: 'src/shared imports only src/engine and itself (layer rule, docs/architecture.md).' },
    ],
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    patterns: [
      noTestsOrBench,
      {
        regex: '^(\\.\\./)+(background|annotator)(/|$)',
        message: 'src/ui imports neither src/background nor src/annotator (layer rule, docs/architecture.md).',
      },
    ],
  },
].map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } }));

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'docs/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `void promise` marks a promise deliberately not awaited (event handlers, fire and forget).
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // Preact's event props (onClick, onChange…) accept handlers that return a promise,
      // and `.then(onChanged, onError)` passes callbacks; neither is a misuse.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, arguments: false } }],
      // `async` without `await` is how this code implements a promise-returning interface
      // (message handlers, stores, test doubles): a throw inside becomes a rejection,
      // which the callers rely on. Dropping `async` to please the rule would change that.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore names a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The classic rules of hooks apply to Preact's hooks as they do to React's. The
    // plugin's React Compiler rules (refs, purity, set-state-in-effect…) describe what
    // that compiler can memoise; Preact has no such compiler, so they are not enabled.
    files: ['src/ui/**/*.{ts,tsx}', 'extension/**/*.{ts,tsx}', 'src/annotator/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Vitest's asymmetric matchers (expect.stringMatching, expect.any…) are typed `any` by
    // design, so every `{ error: expect.stringMatching(…) }` would be an "unsafe assignment".
    // The other no-unsafe-* rules stay on, in tests too.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Nothing in the extension renders raw HTML: text is always rendered as text.
    files: ['src/**/*.{ts,tsx}', 'extension/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML.' },
      ],
    },
  },
  ...layers,
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
