import { defineConfig } from 'vitest/config';

const E2E = [
  'extension/e2e/**/*.test.ts',
  'web/e2e/**/*.test.ts',
  'workflows/e2e/**/*.test.ts',
  'app/e2e/**/*.test.ts',
];

export default defineConfig({
  // extension/ is its own package scope: its `#engine/i18n` and `#language/protocol` come from extension/tsconfig.json.
  resolve: { tsconfigPaths: true },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**', '.tools/**'],
    // Temporal's worker and native core bridge are not safe in worker threads.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './vitest.summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{language,engine,einvoice,workflows,rules,extension,web,app,eslint-rules}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '.tools/**', ...E2E],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The editors in a real VS Code and a real browser: after the unit tests, one at a time, so a
        // browser and code-server never compete with the PGlite and Temporal suites for the two cores.
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});
