import { defineConfig } from 'vitest/config';

// Vitest settings; the extension's own build entries arrive with the extension.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
