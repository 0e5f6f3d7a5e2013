import { describe, expect, it } from 'vitest';
import { parseHelper } from 'langium/test';
import type { RuleSet, TestSuite } from './generated/ast.js';
import { COMPLETE_RULESET, createTestServices } from './test/services.js';

const services = createTestServices().Corrections;
const setMessageLanguage = (language: 'en' | 'vi') => services.i18n.Messages.setLanguage(language);
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

describe('syntax errors', () => {
  it('say what was expected in analyst words, on one line, in English or Vietnamese', async () => {
    setMessageLanguage('en');
    const wrongBasis = await parseRules(
      'ruleset R\nscenario A { when class is Time because "x" create billed sales for nowhere }',
    );
    expect(wrongBasis.parseResult.parserErrors.map((e) => e.message)).toEqual([
      'Expected one of `original`, `corrected`, `remaining`, `reconciliation`, `leftover` but found `nowhere`.',
    ]);
    const notANumber = await parseTests(
      'tests for R\ntest "t" { given Time line quantity abc amount 1 USD corrected to quantity 0 }',
    );
    expect(notANumber.parseResult.parserErrors[0]!.message).toBe(
      'Expected a number (e.g. 8, 1600.50, -2) but found `abc`.',
    );
    const empty = await parseRules('');
    expect(empty.parseResult.parserErrors.map((e) => e.message)).toEqual([
      'Expected one of `ruleset`, `tests` but found the end of the file.',
    ]);
    const stray = await parseRules('ruleset R §');
    expect(stray.parseResult.lexerErrors.map((e) => e.message)).toEqual([
      'Unexpected characters `§`: they are skipped.',
    ]);
    setMessageLanguage('vi');
    const vi = await parseRules('ruleset R\nscenario A { create billed sales for nowhere }');
    expect(vi.parseResult.parserErrors[0]!.message).toBe(
      'Cần một trong các từ `original`, `corrected`, `remaining`, `reconciliation`, `leftover` nhưng gặp `nowhere`.',
    );
    setMessageLanguage('en');
  });
});
