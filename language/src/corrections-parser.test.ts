import { describe, expect, it } from 'vitest';
import { parseHelper } from 'langium/test';
import type { RuleSet, TestSuite } from './generated/ast.js';
import { COMPLETE_RULESET, createTestServices } from './test/services.js';

const services = createTestServices().Corrections;
const parseRules = parseHelper<RuleSet>(services);
const parseTests = parseHelper<TestSuite>(services);

describe('grammar: rule sets', () => {
  it('reads scenarios with when clauses, actions, rows, decisions and comments', async () => {
    const document = await parseRules(`
      // a line comment
      ruleset R "title" /* a block comment */
      scenario A "Partial" row 4 {
        when class is Time or Expense and credit is not full and billing is resource
        because "why"
        create reversal of billed sales for original
        create negative unbilled sales non-chargeable for corrected
        create billed sales for remaining
      }
      scenario B { when advance is invoiced  no actuals }
      scenario C { unsupported "never" }
    `);
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(document.parseResult.lexerErrors).toEqual([]);
    const ruleSet = document.parseResult.value;
    expect(ruleSet.name).toBe('R');
    expect(ruleSet.title).toBe('title');
    const [a, b, c] = ruleSet.scenarios;
    expect(a!.row).toBe('4');
    expect(a!.reason).toBe('why');
    expect(a!.when!.tests.map((test) => [test.fact, test.negated, test.values])).toEqual([
      ['class', false, ['Time', 'Expense']],
      ['credit', true, ['full']],
      ['billing', false, ['resource']],
    ]);
    expect(
      a!.actions.map(
        (action) =>
          action.$type === 'CreateAction' && [
            action.reversal,
            action.negative,
            action.transactionType,
            action.billingType,
            action.basis,
          ],
      ),
    ).toEqual([
      [true, false, 'billed', undefined, 'original'],
      [false, true, 'unbilled', 'non-chargeable', 'corrected'],
      [false, false, 'billed', undefined, 'remaining'],
    ]);
    expect(b!.noActuals).toBe(true);
    expect(c!.unsupported?.message).toBe('never');
  });

  it('reports a syntax error at its position', async () => {
    const document = await parseRules('ruleset R\nscenario A {\n  create sales for original\n}\n');
    const error = document.parseResult.parserErrors[0];
    expect(error).toBeDefined();
    expect(error!.token.startLine).toBe(3);
  });

  it('parses the complete sample rule set without errors', async () => {
    const document = await parseRules(COMPLETE_RULESET);
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(document.parseResult.value.scenarios).toHaveLength(4);
  });
});

describe('grammar: rule tests', () => {
  it('reads given lines and every kind of expectation, keeping decimals as text', async () => {
    const document = await parseTests(
      `tests for R
      test "one" {
        given Retainer line product-based advance reconciled reconciled 300 amount 1000.50 USD corrected to amount -0.25
        expect scenario A
        expect billed sales reversal quantity -10 amount -1000.10
        expect unbilled sales chargeable amount 800
        expect milestone status ReadyToInvoice
        expect unsupported "why"
        expect uncovered
        expect no actuals
      }
      test "two" { given Time line quantity 10 amount 1000 VND corrected to quantity 8 }`,
      { documentUri: 'file:///parser.crtest' },
    );
    expect(document.parseResult.parserErrors).toEqual([]);
    const [one, two] = document.parseResult.value.tests;
    const given = one!.given;
    expect([given.class, given.productBased, given.advanceState, given.reconciledAmount?.value]).toEqual([
      'Retainer',
      true,
      'reconciled',
      '300',
    ]);
    expect(given.amount?.value).toBe('1000.50');
    expect(typeof given.amount?.value).toBe('string');
    expect(given.amount?.currency).toBe('USD');
    expect(given.correctedAmount?.value).toBe('-0.25');
    expect(one!.expectations.map((e) => e.$type)).toEqual([
      'ExpectScenario',
      'ExpectActual',
      'ExpectActual',
      'ExpectMilestoneStatus',
      'ExpectUnsupported',
      'ExpectUncovered',
      'ExpectNoActuals',
    ]);
    expect(two!.given.correctedQuantity?.value).toBe('8');
    expect(two!.given.correctedAmount).toBeUndefined();
  });
});
