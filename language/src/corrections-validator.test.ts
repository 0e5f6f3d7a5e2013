import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectNoIssues, expectWarning, validationHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver';
import type { RuleSet, TestSuite } from './generated/ast.js';
import { IssueCodes, type UncoveredData } from './validation/index.js';
import { COMPLETE_RULESET, createTestServices } from './test/services.js';

const services = createTestServices().Corrections;
const setMessageLanguage = (language: 'en' | 'vi') => services.i18n.Messages.setLanguage(language);
const validateRules = validationHelper<RuleSet>(services);
const validateTests = validationHelper<TestSuite>(services);

const byCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

/** The complete rule set with one scenario's text replaced. */
function variant(from: string, to: string): string {
  if (!COMPLETE_RULESET.includes(from)) throw new Error(`fixture lacks ${from}`);
  return COMPLETE_RULESET.replace(from, to);
}

afterEach(() => setMessageLanguage('en'));

describe('rule set validation', () => {
  it('accepts a complete rule set without any issue', async () => {
    const result = await validateRules(COMPLETE_RULESET);
    expectNoIssues(result);
  });

  it('names the valid values of a fact and suggests the closest one', async () => {
    const text = variant('class is Time or', 'class is Tme or');
    const result = await validateRules(text);
    const offset = text.indexOf('Tme');
    expectError(
      result,
      /`Tme` is not a class value\. Valid values: Time, Expense, Material, Fee, Milestone, Retainer/,
      {
        offset,
        length: 3,
      },
    );
    expect(byCode(result.diagnostics, IssueCodes.unknownFactValue)[0]!.data).toEqual({ suggestion: 'Time' });
  });

  it('reports overlapping scenarios naming both and the shared cells', async () => {
    const text = `${COMPLETE_RULESET}
scenario TimeAgain {
  when class is Time and credit is partial and billing is resource
  because "x"
  no actuals
}`;
    const result = await validateRules(text);
    const overlap = byCode(result.diagnostics, IssueCodes.overlap);
    expect(overlap).toHaveLength(1);
    expect(overlap[0]!.message).toBe(
      'Scenario `TimeAgain` overlaps scenario `Others` on: Time (no advance, resource-based): partial credit. A case must match one scenario only.',
    );
    // The range is the `when` clause of the later scenario.
    expect(overlap[0]!.range.start.line).toBe(
      text.split('\n').findIndex((line) => line.includes('credit is partial')),
    );
  });

  it('warns on the rule set name with every uncovered cell, grouped', async () => {
    const text = variant(
      'class is Time or Expense or Material or Fee and',
      'class is Time or Expense or Fee and credit is not partial and',
    );
    const result = await validateRules(text);
    expectWarning(
      result,
      'No scenario for 7 case(s): Time (no advance, resource-based): partial credit; Expense (no advance, resource-based): partial credit; Material (no advance, resource-based): full credit, partial credit, unchanged, increase; Fee (no advance, resource-based): partial credit.',
      { node: result.document.parseResult.value, property: 'name', code: IssueCodes.uncovered },
    );
    const data = byCode(result.diagnostics, IssueCodes.uncovered)[0]!.data as UncoveredData;
    expect(data.cells).toHaveLength(7);
  });

  it('reports duplicate scenario names on the second name', async () => {
    const text = variant('scenario Milestones row 9', 'scenario Others row 9');
    const result = await validateRules(text);
    expectError(result, 'Scenario `Others` is defined more than once in this ruleset.', {
      offset: text.lastIndexOf('scenario Others') + 'scenario '.length,
      length: 'Others'.length,
    });
  });

  it('rejects a reversal of an actual the scenario has not created', async () => {
    const text = variant(
      'create unbilled sales chargeable for original',
      'create reversal of unbilled sales for corrected\n  create unbilled sales chargeable for corrected',
    );
    const result = await validateRules(text);
    expectError(
      result,
      /Nothing to reverse: no `create unbilled sales for corrected` earlier in scenario `Others`/,
      {
        offset: text.indexOf('create reversal of unbilled'),
        length: 'create reversal of unbilled sales for corrected'.length,
      },
    );
  });

  it('rejects advance-only bases and milestone statuses on other classes', async () => {
    const text = variant(
      'create unbilled sales chargeable for original',
      'create negative unbilled sales for leftover\n  set milestone status to ReadyToInvoice',
    );
    const result = await validateRules(text);
    expect(byCode(result.diagnostics, IssueCodes.basisNotApplicable)[0]!.message).toMatch(
      /^Basis `leftover` exists only for advances\/retainers, but scenario `Others` also matches: Time/,
    );
    expect(byCode(result.diagnostics, IssueCodes.milestoneOnly)).toHaveLength(1);
  });

  it('checks milestone statuses, empty scenarios and scenarios that match nothing', async () => {
    const text = `${variant('ReadyToInvoice', 'ReadyToInvoic')}
scenario Nothing { when class is Time and advance is invoiced because "x" no actuals }
scenario Empty { when class is Fee and credit is full because "x" }`;
    const result = await validateRules(text);
    expect(byCode(result.diagnostics, IssueCodes.unknownMilestoneStatus)[0]!.data).toEqual({
      suggestion: 'ReadyToInvoice',
    });
    expect(byCode(result.diagnostics, IssueCodes.matchesNothing)[0]!.message).toContain(
      '`Nothing` matches no case',
    );
    expect(byCode(result.diagnostics, IssueCodes.emptyScenario)[0]!.message).toContain(
      '`Empty` does nothing',
    );
  });

  it('asks for a written decision on scenarios that name no table row', async () => {
    const text = variant(
      '  because "test decision"\n  create reversal of billed sales for original\n}\n\nscenario Milestones',
      '  create reversal of billed sales for original\n}\n\nscenario Milestones',
    );
    const result = await validateRules(text);
    const info = byCode(result.diagnostics, IssueCodes.noDecision);
    expect(info).toHaveLength(1);
    expect(info[0]!.message).toContain('`Advances`');
  });

  it('speaks Vietnamese when asked', async () => {
    setMessageLanguage('vi');
    const result = await validateRules(variant('class is Time or', 'class is Tme or'));
    expect(byCode(result.diagnostics, IssueCodes.unknownFactValue)[0]!.message).toBe(
      '`Tme` không phải là giá trị của class. Giá trị hợp lệ: Time, Expense, Material, Fee, Milestone, Retainer. Có phải ý bạn là `Time`?',
    );
  });

  it('suggests the closest value of a mistyped fact value, and none for a word far from all', async () => {
    setMessageLanguage('en');
    const typo = await validateRules(variant('class is Time or', 'class is Tmie or'));
    expect(byCode(typo.diagnostics, IssueCodes.unknownFactValue)[0]!.message).toMatch(
      /`Tmie` is not a class value\. Valid values: .*\. Did you mean `Time`\?$/,
    );
    const far = await validateRules(variant('class is Time or', 'class is Zebra or'));
    expect(byCode(far.diagnostics, IssueCodes.unknownFactValue)[0]!.message).not.toContain('Did you mean');
  });

  it('rejects a rule set in a .crtest file', async () => {
    const result = await validateRules(COMPLETE_RULESET, { documentUri: 'file:///wrong.crtest' });
    expect(byCode(result.diagnostics, IssueCodes.wrongFileKind)).toHaveLength(1);
  });
});

describe('rule test validation', () => {
  const tests = (body: string) => `tests for Linked\ntest "t" {\n  ${body}\n  expect scenario Others\n}\n`;
  beforeAll(async () => {
    await validateRules(COMPLETE_RULESET.replace('ruleset Small', 'ruleset Linked'), {
      documentUri: 'file:///linked.crules',
    });
  });
  const validate = async (body: string) => {
    const text = tests(body);
    return { text, result: await validateTests(text, { documentUri: `file:///t${Math.random()}.crtest` }) };
  };

  it('accepts a consistent test and links its scenario across files', async () => {
    const { result } = await validate('given Time line quantity 10 amount 1000 USD corrected to quantity 8');
    expectNoIssues(result);
    const suite = result.document.parseResult.value;
    const expectation = suite.tests[0]!.expectations[0]!;
    expect(expectation.$type === 'ExpectScenario' && expectation.scenario.ref?.name).toBe('Others');
  });

  it('refuses numbers a real invoice would refuse: negative, finer than the currency, unknown currency', async () => {
    setMessageLanguage('en');
    const messages = async (body: string) =>
      byCode((await validate(body)).result.diagnostics, IssueCodes.typeError).map((d) => d.message);
    expect(
      await messages(
        'given Time line quantity 8.125 amount 16.005 USD corrected to quantity -6 amount 10.50',
      ),
    ).toEqual([
      '`-6` is negative: the original and corrected line of a test have quantities and amounts of 0 or more.',
      '`8.125`: a quantity has at most 2 decimal places.',
      '`16.005` has more decimal places than USD allows (2).',
    ]);
    expect(await messages('given Time line quantity 3 amount 1000.5 VND corrected to quantity 2')).toEqual([
      '`1000.5` has more decimal places than VND allows (0).',
    ]);
    expect(await messages('given Time line quantity 3 amount 1000 XYZ corrected to quantity 2')).toEqual([
      '`XYZ` is not a known ISO 4217 currency (e.g. USD, VND, EUR).',
    ]);
    expect(
      await messages(
        'given Retainer line advance reconciled reconciled 300 amount 1000 USD corrected to amount 200',
      ),
    ).toEqual([
      'The advance applies 300 against charges but is only 200: the reconciled part is at most the advance.',
    ]);
    expect(
      await messages('given Time line quantity 8 amount 1600 USD corrected to quantity 6 amount 1800'),
    ).toEqual([
      'Fewer units for a higher amount: the remainder would be negative, and `apply` refuses such a correction.',
    ]);
    // Trailing zeros are not extra digits: 1000.00 VND is 1000 dong.
    expect(
      await messages('given Time line quantity 3 amount 1000.00 VND corrected to quantity 2.50'),
    ).toEqual([]);
  });

  it('reports a scenario the rule set does not have', async () => {
    const text =
      'tests for Linked\ntest "t" { given Fee line quantity 1 amount 1 USD corrected to quantity 0 expect scenario Nope }';
    const result = await validateTests(text, { documentUri: 'file:///missing.crtest' });
    expectError(result, 'Rule set `Linked` has no scenario `Nope`.', {
      offset: text.indexOf('Nope'),
      length: 4,
    });
  });

  it('suggests the closest scenario name for a mistyped one', async () => {
    const text =
      'tests for Linked\ntest "t" { given Fee line quantity 1 amount 1 USD corrected to quantity 0 expect scenario Othres }';
    const result = await validateTests(text, { documentUri: 'file:///typo.crtest' });
    expectError(result, 'Rule set `Linked` has no scenario `Othres`. Did you mean `Others`?', {
      offset: text.indexOf('Othres'),
      length: 6,
    });
  });

  it('suggests the closest loaded rule set for a mistyped one', async () => {
    const text = 'tests for Linkd\n';
    const result = await validateTests(text, { documentUri: 'file:///ruleset-typo.crtest' });
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'No rule set `Linkd` is loaded: open or load its .crules file with this test file. Did you mean `Linked`?',
    );
  });

  it('rejects an expected scenario that can never match the given line', async () => {
    const { text, result } = await validate('given Milestone line amount 5 USD corrected to amount 0');
    expectError(
      result,
      'Scenario `Others` never matches this line (Milestone, no advance, resource-based), whatever the correction.',
      {
        offset: text.indexOf('Others'),
        length: 'Others'.length,
      },
    );
  });

  it('rejects expecting a refusal from a scenario that creates actuals', async () => {
    const { text, result } = await validate(
      'given Time line quantity 10 amount 1000 USD corrected to quantity 8\n  expect unsupported',
    );
    expectError(result, 'Scenario `Others` creates actuals: it is not unsupported.', {
      offset: text.indexOf('Others'),
      length: 'Others'.length,
    });
  });

  it('rejects a currency on a quantity', async () => {
    const { text, result } = await validate(
      'given Time line quantity 10 USD amount 1000 USD corrected to quantity 8',
    );
    expectError(result, 'A quantity has no currency: `USD` belongs on an amount.', {
      offset: text.indexOf('USD'),
      length: 3,
    });
  });

  it('rejects a quantity on an amount-only line and an advance state on a time line', async () => {
    const { result } = await validate(
      'given Milestone line quantity 1 amount 5000 USD corrected to amount 0',
    );
    expectError(result, 'A Milestone line has only an amount: remove the quantity.', {
      node: result.document.parseResult.value.tests[0]!.given,
      property: 'quantity',
    });
    const second = await validate(
      'given Time line advance invoiced quantity 1 amount 5 USD corrected to quantity 0',
    );
    expectError(second.result, 'Only a Retainer line has an advance state; a Time line has none.', {
      node: second.result.document.parseResult.value.tests[0]!.given,
      property: 'advanceState',
    });
  });

  it('requires an advance state on a retainer and a currency on the original amount', async () => {
    const { result } = await validate('given Retainer line amount 1000 corrected to amount 800');
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toContain(
      'A Retainer line is an advance: say `advance invoiced` or `advance reconciled`.',
    );
    expect(messages).toContain(
      'The original amount needs an ISO 4217 currency code, e.g. `amount 1000 USD`.',
    );
  });

  it('rejects mismatched currencies and conflicting expectations', async () => {
    const text = `tests for Linked
test "t" {
  given Time line quantity 1 amount 100 USD corrected to quantity 0 amount 0 VND
  expect unsupported
  expect billed sales reversal quantity -1 amount -100
}
test "t" { given Tim line quantity 1 amount 1 USD corrected to quantity 0 expect uncovered }`;
    const result = await validateTests(text, { documentUri: 'file:///conflict.crtest' });
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        IssueCodes.typeError,
        IssueCodes.conflictingExpectations,
        IssueCodes.duplicateTest,
        IssueCodes.unknownFactValue,
      ]),
    );
    expect(result.diagnostics.find((d) => d.code === IssueCodes.typeError)!.message).toBe(
      'Currency `VND` differs from the line currency `USD`.',
    );
  });
});
