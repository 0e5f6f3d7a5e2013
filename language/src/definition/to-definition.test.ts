import { describe, expect, it } from 'vitest';
import { parseHelper } from 'langium/test';
import type { RuleSet, TestSuite } from '../generated/ast.js';
import { createTestServices } from '../test/services.js';
import { toRuleSetDefinition, toRuleTestDefinitions } from './to-definition.js';

const services = createTestServices().Corrections;
const parse = parseHelper(services);

describe('AST to engine definitions', () => {
  it('maps scenarios, fact tests and every kind of action, with 1-based ranges and the file', async () => {
    const text = `ruleset Map "Title"
scenario S "Scenario title" row 4 {
  when class is not Milestone or Retainer and credit is partial
  create reversal of billed sales for original
  create negative unbilled sales complimentary for leftover
  create billed sales for corrected
  set milestone status to ReadyToInvoice
}
scenario U { when billing is product unsupported "No" }
`;
    const document = await parse(text, { documentUri: 'file:///rules/map.crules' });
    const definition = toRuleSetDefinition(document.parseResult.value as RuleSet);
    expect(definition.name).toBe('Map');
    expect(definition.title).toBe('Title');
    expect(definition.source).toEqual({
      file: '/rules/map.crules',
      line: 1,
      column: 1,
      endLine: 9,
      endColumn: 56,
    });
    const [s, u] = definition.scenarios;
    expect(s!.when.map(({ source: _source, ...test }) => test)).toEqual([
      { fact: 'class', operator: 'notIn', values: ['Milestone', 'Retainer'] },
      { fact: 'creditKind', operator: 'in', values: ['partial'] },
    ]);
    expect(s!.when[0]!.source).toEqual({
      file: '/rules/map.crules',
      line: 3,
      column: 8,
      endLine: 3,
      endColumn: 42,
    });
    expect(
      s!.outcome.kind === 'actions' && s!.outcome.actions.map(({ source: _source, ...action }) => action),
    ).toEqual([
      { kind: 'reverse', transactionType: 'BilledSales', basis: 'original' },
      {
        kind: 'create',
        transactionType: 'UnbilledSales',
        basis: 'leftover',
        sign: 'negative',
        billingType: 'Complimentary',
      },
      {
        kind: 'create',
        transactionType: 'BilledSales',
        basis: 'corrected',
        sign: 'positive',
        billingType: 'Chargeable',
      },
      { kind: 'setMilestoneStatus', status: 'ReadyToInvoice' },
    ]);
    expect(s!.outcome.kind === 'actions' && s!.outcome.actions[1]!.source).toEqual({
      file: '/rules/map.crules',
      line: 5,
      column: 3,
      endLine: 5,
      endColumn: 60,
    });
    expect(u!.outcome).toMatchObject({ kind: 'unsupported', message: 'No', source: { line: 9, column: 38 } });
  });

  it('maps tests: strings for decimals, quantity 0 for amount-only lines, the expected outcome', async () => {
    await parse('ruleset MapT scenario S { no actuals }', { documentUri: 'file:///rules/mapt.crules' });
    const text = `tests for MapT
test "time" {
  given Time line quantity 8 amount 1600.50 USD corrected to quantity 6
  expect scenario S
  expect billed sales reversal quantity -8 amount -1600.50
  expect unbilled sales non-chargeable amount 0.10
}
test "advance" {
  given Retainer line product-based advance reconciled reconciled 300 amount 1000 VND corrected to amount 800
  expect unsupported "why"
}
test "nothing" { given Fee line quantity 1 amount 1 USD corrected to quantity 1 expect no actuals }
test "uncovered" { given Fee line quantity 1 amount 1 USD corrected to quantity 1 expect uncovered }
`;
    const document = await parse(text, { documentUri: 'file:///rules/mapt.crtest' });
    const [time, advance, nothing, uncovered] = toRuleTestDefinitions(
      document.parseResult.value as TestSuite,
    );
    expect(time!.given).toEqual({
      class: 'Time',
      billingMethod: 'resource',
      advanceState: 'none',
      currency: 'USD',
      original: { quantity: '8', amount: '1600.50' },
      corrected: { quantity: '6', amount: undefined },
      reconciledAmount: undefined,
    });
    expect(time!.expect.scenario).toBe('S');
    expect(time!.expect.actuals!.map(({ source: _source, ...actual }) => actual)).toEqual([
      {
        transactionType: 'BilledSales',
        reversal: true,
        quantity: '-8',
        amount: '-1600.50',
        billingType: undefined,
      },
      {
        transactionType: 'UnbilledSales',
        reversal: false,
        quantity: undefined,
        amount: '0.10',
        billingType: 'NonChargeable',
      },
    ]);
    expect(time!.source).toMatchObject({
      file: '/rules/mapt.crtest',
      line: 2,
      column: 1,
      endLine: 7,
      endColumn: 2,
    });
    expect(advance!.given).toEqual({
      class: 'Retainer',
      billingMethod: 'product',
      advanceState: 'reconciled',
      currency: 'VND',
      original: { quantity: '0', amount: '1000' },
      corrected: { quantity: '0', amount: '800' },
      reconciledAmount: '300',
    });
    expect(advance!.expect).toEqual({ error: { kind: 'unsupported', message: 'why' } });
    expect(nothing!.expect).toEqual({ actuals: [] });
    expect(uncovered!.expect).toEqual({ error: { kind: 'uncovered' } });
  });
});
