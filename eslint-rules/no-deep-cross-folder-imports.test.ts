/**
 * The repository's ESLint config refuses relative imports into another top-level folder and accepts the
 * `#` aliases, and keeps test support out of production files (ESLint's Node API on snippets).
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const RULE = 'project/no-deep-cross-folder-imports';
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function problems(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

describe('no-deep-cross-folder-imports', () => {
  it('refuses a deep relative import into another folder and names its aliases', async () => {
    const found = await problems(
      'language/src/lsp/snippet.ts',
      "import { createTranslator } from '../../../engine/src/i18n/translator.js';\nconsole.log(createTranslator);\n",
    );
    expect(found).toEqual([
      {
        rule: RULE,
        line: 1,
        message: expect.stringMatching(/reaches into engine\/ .*#engine, #engine\/i18n/),
      },
    ]);
  });

  it('accepts the alias form', async () => {
    const found = await problems(
      'language/src/lsp/snippet.ts',
      "import { createTranslator } from '#engine/i18n';\nconsole.log(createTranslator);\n",
    );
    expect(found).toEqual([]);
  });

  it('refuses type imports, re-exports, import() and import types as well', async () => {
    const code = [
      "import type { Money } from '../../engine/src/money/index.js';",
      "export * from '../../einvoice/src/index.js';",
      "export { openStore } from '../../workflows/src/store/index.js';",
      "export const m = await import('../../engine/src/index.js');",
      "export type T = import('../../engine/src/index.js').Money | Money;",
      '',
    ].join('\n');
    const found = await problems('app/src/snippet.ts', code);
    expect(found.map((p) => [p.rule, p.line])).toEqual([1, 2, 3, 4, 5].map((line) => [RULE, line]));
  });

  it('leaves relative imports inside the folder and files imported as text alone', async () => {
    const code = [
      "import { loadRules } from '../workspace.js';",
      "import sample from '../../../rules/correction-actuals.crules?raw';",
      'console.log(loadRules, sample);',
      '',
    ].join('\n');
    expect(await problems('language/src/lsp/snippet.ts', code)).toEqual([]);
  });
});

describe('test support in production code', () => {
  const code = "import { randomLine } from '#engine/testing';\nconsole.log(randomLine);\n";

  it('is refused in a production file', async () => {
    const found = await problems('language/src/snippet.ts', code);
    expect(found.map((p) => p.rule)).toEqual(['no-restricted-imports']);
  });

  it('is allowed in tests and benchmarks', async () => {
    expect(await problems('language/src/snippet.test.ts', code)).toEqual([]);
    expect(await problems('bench/snippet.ts', code)).toEqual([]);
  });
});

describe('the engine', () => {
  it('imports no other folder, not even through an alias', async () => {
    const found = await problems(
      'engine/src/snippet.ts',
      "import { loadRules } from '#language';\nconsole.log(loadRules);\n",
    );
    expect(found.map((p) => p.rule)).toEqual(['no-restricted-imports']);
  });
});
