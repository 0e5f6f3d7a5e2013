import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { createReferenceExecutor } from '../executors/reference.js';
import type { RuleTestDefinition } from '../rules/definition.js';
import { runRuleTests } from './run-rule-tests.js';
import { sampleRuleSet } from './sample-ruleset.js';

const compiled = compileRuleSet(sampleRuleSet());

const timeTest = (expectActuals: RuleTestDefinition['expect']['actuals']): RuleTestDefinition => ({
  name: '10 h at 100 corrected to 8 h',
  given: {
    class: 'Time',
    billingMethod: 'resource',
    currency: 'USD',
    original: { quantity: '10', amount: '1000' },
    corrected: { quantity: '8' },
  },
  expect: { scenario: 'ChargePartialCredit', actuals: expectActuals },
  source: { file: 'corrections.tests', line: 3, column: 1, endLine: 9, endColumn: 2 },
});

const right = timeTest([
  { transactionType: 'BilledSales', reversal: true, quantity: '-10', amount: '-1000' },
  {
    transactionType: 'UnbilledSales',
    reversal: false,
    quantity: '8',
    amount: '800',
    billingType: 'Chargeable',
  },
  { transactionType: 'UnbilledSales', reversal: true, quantity: '-8', amount: '-800.00' },
  { transactionType: 'BilledSales', reversal: false, quantity: '8', amount: '800' },
  { transactionType: 'UnbilledSales', reversal: false, quantity: '2', amount: '200' },
]);

describe('runRuleTests', () => {
  it('passes a correct test and explains each actual', async () => {
    const [result] = await runRuleTests(compiled, [right]);
    expect(result!.failure).toBeUndefined();
    expect(result!.passed).toBe(true);
    expect(result!.scenario).toBe('ChargePartialCredit');
    expect(result!.actual).toHaveLength(5);
    for (const actual of result!.actual)
      expect(actual.explanation).toMatch(/^ChargePartialCredit \(corrections\.rules:\d+:3\)$/);
    expect(result!.diff.every((line) => line.startsWith('  '))).toBe(true);
  });

  it('fails a wrong expectation with a readable diff, in English or Vietnamese', async () => {
    const wrong = timeTest([
      { transactionType: 'BilledSales', reversal: true, quantity: '-10', amount: '-1000' },
      { transactionType: 'UnbilledSales', reversal: false, quantity: '8', amount: '800' },
      { transactionType: 'UnbilledSales', reversal: true, quantity: '-8', amount: '-800' },
      { transactionType: 'BilledSales', reversal: false, quantity: '8', amount: '850' },
    ]);
    const [result] = await runRuleTests(compiled, [wrong]);
    expect(result!.passed).toBe(false);
    expect(result!.diff).toContain('- billed sales quantity 8 amount 850');
    expect(result!.diff.filter((l) => l.startsWith('+ ')).map((l) => l.split('   <-')[0])).toEqual([
      '+ billed sales quantity 8 amount 800 Chargeable',
      '+ unbilled sales quantity 2 amount 200 Chargeable',
    ]);
    expect(result!.failure).toMatch(/^The actuals differ from the expected ones:\n/);
    const [vi] = await runRuleTests(compiled, [wrong], undefined, { language: 'vi' });
    expect(vi!.failure).toMatch(/^Các bút toán khác với kết quả mong đợi:\n/);
  });

  it('checks the scenario and the milestone status', async () => {
    const results = await runRuleTests(compiled, [
      { ...right, expect: { scenario: 'FeePartialCredit' } },
      {
        name: 'milestone credited',
        given: {
          class: 'Milestone',
          billingMethod: 'resource',
          currency: 'VND',
          original: { quantity: '1', amount: '5000' },
          corrected: {},
        },
        expect: {
          scenario: 'MilestoneFullCredit',
          milestoneStatus: 'ReadyToInvoice',
          actuals: [{ transactionType: 'BilledSales', reversal: true, amount: '-5000' }],
        },
      },
    ]);
    expect(results[0]!.failure).toBe('Expected scenario FeePartialCredit, but ChargePartialCredit matched');
    expect(results[1]!.passed).toBe(true);
  });

  it('expects refusals: unsupported with the rule message, uncovered', async () => {
    const milestonePartial: RuleTestDefinition = {
      name: 'milestone partial',
      given: {
        class: 'Milestone',
        billingMethod: 'resource',
        currency: 'USD',
        original: { quantity: '1', amount: '5000' },
        corrected: { amount: '2000' },
      },
      expect: {
        error: { kind: 'unsupported', message: 'credited in full' },
        scenario: 'MilestonePartialCredit',
      },
    };
    const gap = sampleRuleSet();
    gap.scenarios = gap.scenarios.filter((s) => s.name !== 'FeePartialCredit');
    const feePartial: RuleTestDefinition = {
      name: 'fee partial is a gap',
      given: {
        class: 'Fee',
        billingMethod: 'resource',
        currency: 'USD',
        original: { quantity: '4', amount: '200' },
        corrected: { quantity: '1' },
      },
      expect: { error: { kind: 'uncovered' } },
    };
    const [unsupported] = await runRuleTests(compiled, [milestonePartial]);
    expect(unsupported!.passed).toBe(true);
    expect(unsupported!.error?.code).toBe('rules.unsupported');
    const gapCompiled = compileRuleSet(gap);
    const [uncovered] = await runRuleTests(gapCompiled, [feePartial], createReferenceExecutor(gapCompiled));
    expect(uncovered!.passed).toBe(true);
    const [notRefused] = await runRuleTests(compiled, [feePartial]);
    expect(notRefused!.failure).toBe(
      'Expected the correction to be refused (uncovered), but it produced 4 actual(s)',
    );
    const [wrongKind] = await runRuleTests(compiled, [
      { ...milestonePartial, expect: { error: { kind: 'uncovered' } } },
    ]);
    expect(wrongKind!.failure).toMatch(/^Expected a refusal of kind uncovered, got unsupported: /);
    const [wrongMessage] = await runRuleTests(compiled, [
      { ...milestonePartial, expect: { error: { kind: 'unsupported', message: 'partly' } } },
    ]);
    expect(wrongMessage!.failure).toMatch(/^Expected the refusal to mention "partly"/);
  });

  it('reports bad test input as a failed test, never a crash', async () => {
    const [result] = await runRuleTests(compiled, [
      { ...right, given: { ...right.given, class: 'Hours' } },
      { ...right, given: { ...right.given, original: { quantity: '10', amount: '1,000' } } },
    ]);
    expect(result!.passed).toBe(false);
    expect(result!.failure).toBe(
      'The test input is not valid: class "Hours" is not one of Time, Expense, Material, Fee, Milestone, Retainer',
    );
    const [, amount] = await runRuleTests(compiled, [
      right,
      { ...right, given: { ...right.given, original: { quantity: '10', amount: '1,000' } } },
    ]);
    expect(amount!.failure).toBe(
      'The test input is not valid: original amount: "1,000" is not a decimal number',
    );
  });

  it('refuses a negative quantity in a test line, as a real invoice would', async () => {
    const [result] = await runRuleTests(compiled, [
      { ...right, given: { ...right.given, corrected: { quantity: '-8' } } },
    ]);
    expect(result!.passed).toBe(false);
    expect(result!.failure).toBe('The test input is not valid: corrected quantity -8 is negative');
    expect(result!.actual).toEqual([]);
  });

  it('gives the same results with the reference executor', async () => {
    const tests = [right, timeTest([])];
    const fast = await runRuleTests(compiled, tests);
    const reference = await runRuleTests(compiled, tests, createReferenceExecutor(compiled));
    expect(JSON.stringify(reference)).toBe(JSON.stringify(fast));
    expect(fast.map((r) => r.passed)).toEqual([true, false]);
  });
});
