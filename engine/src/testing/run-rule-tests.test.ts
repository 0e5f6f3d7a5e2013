import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { createReferenceExecutor } from '../executors/reference.js';
import type { RuleTestDefinition } from '../rules/definition.js';
import { formatDiffLine, runRuleTests } from './run-rule-tests.js';
import { shippedRuleSet } from './shipped-ruleset.js';

const compiled = compileRuleSet(shippedRuleSet());

const timeTest = (expectActuals: RuleTestDefinition['expect']['actuals']): RuleTestDefinition => ({
  name: '10 h at 100 corrected to 8 h',
  given: {
    class: 'Time',
    billingMethod: 'resource',
    currency: 'USD',
    original: { quantity: '10', amount: '1000' },
    corrected: { quantity: '8' },
  },
  expect: { scenario: 'TimePartialCredit', actuals: expectActuals },
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
    expect(result!.scenario).toBe('TimePartialCredit');
    expect(result!.actual).toHaveLength(5);
    for (const actual of result!.actual)
      expect(actual.explanation).toMatch(/^TimePartialCredit \(rules\/correction-actuals\.crules:\d+:3\)$/);
    expect(result!.diff.every((line) => line.change === 'matched')).toBe(true);
    expect(result!.failures).toEqual([]);
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
    expect(result!.diff).toContainEqual({ change: 'missing', text: 'billed sales quantity 8 amount 850' });
    expect(result!.diff.filter((l) => l.change === 'unexpected').map((l) => l.text)).toEqual([
      'billed sales quantity 8 amount 800 Chargeable',
      'unbilled sales quantity 2 amount 200 Chargeable',
    ]);
    expect(result!.diff.map(formatDiffLine)).toContain('- billed sales quantity 8 amount 850');
    expect(formatDiffLine(result!.diff.find((l) => l.change === 'unexpected')!)).toMatch(
      /^\+ billed sales quantity 8 amount 800 Chargeable {3}<- TimePartialCredit \(rules\/correction-actuals\.crules:\d+:3\)$/,
    );
    // The failure is data (its key), and its text no longer carries the diff.
    expect(result!.failures.map((f) => f.code)).toEqual(['ruleTest.actualsDiffer']);
    expect(result!.failure).toBe('The actuals differ from the expected ones');
    const [vi] = await runRuleTests(compiled, [wrong], undefined, { language: 'vi' });
    expect(vi!.failure).toBe('Các bút toán khác với kết quả mong đợi');
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
    expect(results[0]!.failure).toBe('Expected scenario FeePartialCredit, but TimePartialCredit matched');
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
    const gap = shippedRuleSet();
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

  it('refuses test lines beyond the limits on digits and decimals, as apply does', async () => {
    const [digits, places] = await runRuleTests(compiled, [
      { ...right, given: { ...right.given, original: { quantity: '10', amount: '1234567890123456' } } },
      { ...right, given: { ...right.given, corrected: { quantity: '8.125' } } },
    ]);
    expect(digits!.failure).toBe(
      'The test input is not valid: original amount 1234567890123456 has more than 15 digits before the decimal point',
    );
    expect(places!.failure).toBe(
      'The test input is not valid: corrected quantity 8.125 has more than 2 decimal places',
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

  it('keeps the billing type of the original line where the shipped table does not name one', async () => {
    const line = (billingType: string, corrected: RuleTestDefinition['given']['corrected']) =>
      ({
        name: `${billingType} time`,
        given: {
          class: 'Time',
          billingMethod: 'resource',
          billingType,
          currency: 'USD',
          original: { quantity: '8', amount: '1600' },
          corrected,
        },
        expect: {},
      }) satisfies RuleTestDefinition;
    const types = (result: { actual: Array<{ reversal: boolean; billingType: string }> }) =>
      result.actual.map((a) => `${a.reversal ? 'reversal ' : ''}${a.billingType}`);
    for (const billingType of ['Chargeable', 'NonChargeable', 'Complimentary', 'NotAvailable']) {
      const [full, partial, increase] = await runRuleTests(compiled, [
        line(billingType, { quantity: '0' }),
        line(billingType, { quantity: '6' }),
        line(billingType, { quantity: '10' }),
      ]);
      // Row 3: the hours go back to the backlog as what they were.
      expect(full!.scenario).toBe('TimeFullCredit');
      expect(types(full!)).toEqual([`reversal ${billingType}`, billingType]);
      // Row 4 names the new actuals chargeable; the reversal copies the billed actual.
      expect(partial!.scenario).toBe('TimePartialCredit');
      expect(types(partial!)).toEqual([
        `reversal ${billingType}`,
        'Chargeable',
        'reversal Chargeable',
        'Chargeable',
        'Chargeable',
      ]);
      // A gap decision: the table names no billing type, so the original's is kept.
      expect(increase!.scenario).toBe('QuantityIncrease');
      expect(types(increase!)).toEqual([
        `reversal ${billingType}`,
        billingType,
        `reversal ${billingType}`,
        billingType,
      ]);
    }
    const [bad] = await runRuleTests(compiled, [line('Free', { quantity: '0' })]);
    expect(bad!.failure).toBe(
      'The test input is not valid: billing type "Free" is not one of Chargeable, NonChargeable, Complimentary, NotAvailable',
    );
  });
});
