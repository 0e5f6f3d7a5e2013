import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import project from './eslint-rules/index.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'language/src/generated/**',
      '**/dist/**',
      '**/out/**',
      '.tools/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Another folder only through its public entry: the `#` aliases of package.json "imports".
    plugins: { project },
    rules: {
      'project/no-deep-cross-folder-imports': ['error', { root: import.meta.dirname }],
    },
  },
  {
    // Test support (arbitraries, fixtures, Temporal test servers) never ships.
    files: ['{language,einvoice,workflows,web,extension,app}/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**', '**/fixtures/**', '**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^#[a-z]+/testing$|^#einvoice/fixtures$',
              message: 'test support is for tests and benchmarks only',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine runs in browsers and workers too: no Node built-ins, and it depends on nothing of ours.
    files: ['engine/src/**/*.ts'],
    ignores: ['engine/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'engine must run in a browser',
            },
            {
              group: ['**/language/**', '**/workflows/**', 'langium', 'langium/*'],
              message: 'engine imports nothing of ours',
            },
            {
              regex: '^#',
              message: 'engine imports nothing of ours',
            },
          ],
        },
      ],
    },
  },
);
