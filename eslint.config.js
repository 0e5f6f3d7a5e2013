import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
          ],
        },
      ],
    },
  },
);
