import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{language,engine,workflows,rules,extension,web}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '.tools/**'],
    // Temporal's worker and native core bridge are not safe in worker threads.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './vitest.summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
