import { beforeAll, describe, expect, it } from 'vitest';
import { validationHelper } from 'langium/test';
import type { RuleSet, TestSuite } from '../generated/ast.js';
import { COMPLETE_RULESET } from '../test/services.js';
import { services } from '../test/checks.js';
import { IssueCodes } from './issue-codes.js';

const validateTests = validationHelper<TestSuite>(services);
let runs = 0;
const codesOf = async (body: string) =>
  (
    await validateTests(`tests for Small\ntest "t" {\n${body}\n}\n`, {
      documentUri: `memory:///t${++runs}.crtest`,
    })
  ).diagnostics.map((d) => d.code);

describe('the expectations of a rule test', () => {
  beforeAll(async () => {
    await validationHelper<RuleSet>(services)(COMPLETE_RULESET);
  });

  it('refuses two outcomes and a scenario that cannot match the line', async () => {
    expect(
      await codesOf(
        '  given Time line quantity 1 amount 10 USD corrected to quantity 0\n  expect unsupported\n  expect no actuals',
      ),
    ).toContain(IssueCodes.conflictingExpectations);
    expect(
      await codesOf(
        '  given Time line quantity 1 amount 10 USD corrected to quantity 0\n  expect scenario Milestones',
      ),
    ).toEqual([IssueCodes.scenarioMismatch]);
  });

  it('still checks the expectations of a test without its given line, without an exception', async () => {
    const result = await validateTests('tests for Small\ntest "t" {\n  expect milestone status Redy\n}\n', {
      documentUri: 'memory:///u.crtest',
    });
    expect(result.diagnostics.map((d) => d.code ?? (d.data as { code?: string })?.code)).toEqual([
      'parsing-error',
      IssueCodes.unknownMilestoneStatus,
    ]);
    expect(result.diagnostics.some((d) => String(d.message).includes('An error occurred'))).toBe(false);
  });
});
