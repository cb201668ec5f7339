import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Fixed seeds for property tests (tests/helpers/fuzz-seeds.ts).
    setupFiles: ['tests/helpers/fuzz-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep workers to two so SQLite-heavy files do not starve each other.
    maxWorkers: 2,
  },
});
