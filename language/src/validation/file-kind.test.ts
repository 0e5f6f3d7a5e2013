import { describe, expect, it } from 'vitest';
import { parseRules, parseTests, recorder, t } from '../test/checks.js';
import { checkFileKind } from './file-kind.js';
import { IssueCodes } from './issue-codes.js';
import { checkTestSuite } from './test-suite.js';

describe('file kinds and test names', () => {
  it('refuses a rule set in a .crtest file and tests in a .crules file', async () => {
    const rules = await parseRules('ruleset R\n', { documentUri: 'memory:///x.crtest' });
    const tests = await parseTests('tests for R\n', { documentUri: 'memory:///x.crules' });
    for (const root of [rules.parseResult.value, tests.parseResult.value]) {
      const { accept, reported } = recorder();
      checkFileKind(root, accept, t);
      expect(reported.map((r) => r.info.code)).toEqual([IssueCodes.wrongFileKind]);
    }
  });

  it('refuses a test name used twice in a file', async () => {
    const tests = await parseTests(
      'tests for R\ntest "a" {\n  expect uncovered\n}\ntest "a" {\n  expect uncovered\n}\n',
    );
    const { accept, reported } = recorder();
    checkTestSuite(tests.parseResult.value, accept, t);
    expect(reported.map((r) => r.info.code)).toEqual([IssueCodes.duplicateTest]);
  });
});
