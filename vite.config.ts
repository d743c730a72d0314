import { defineConfig } from 'vitest/config';

// Test settings. The extension itself is built by scripts/build-extension.ts (npm run build),
// which calls Vite once for the pages and once per classic-script entry.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // The unit tests see the development build's default sites (localhost among them), as the e2e tests do.
  define: { __HPA_DEV_SITES__: 'true' },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
