import { describe, expect, it } from 'vitest';
import { recorder, scenarioOf, t } from '../test/checks.js';
import { caseSpaceTests, cellsOf, checkFactTests } from './fact-tests.js';
import { IssueCodes } from './issue-codes.js';

describe('fact tests of a scenario', () => {
  it('reports a value outside the fact domain with the closest valid one', async () => {
    const { accept, reported } = recorder();
    checkFactTests(await scenarioOf('scenario A {\n  when class is Tme\n  no actuals\n}\n'), accept, t);
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toMatch(/^`Tme` is not a class value\. .* Did you mean `Time`\?$/);
    expect(reported[0]!.info.code).toBe(IssueCodes.unknownFactValue);
    expect(reported[0]!.info.data).toEqual({ suggestion: 'Time' });
  });

  it('reports a fact tested twice and a negation of every value', async () => {
    const { accept, reported } = recorder();
    const scenario = await scenarioOf(
      'scenario A {\n  when billing is resource and billing is not resource or product\n  no actuals\n}\n',
    );
    checkFactTests(scenario, accept, t);
    expect(reported.map((r) => r.info.code ?? r.severity)).toEqual([
      IssueCodes.duplicateFact,
      IssueCodes.excludesEverything,
    ]);
  });

  it('skips a fact word the parser could not read, and then knows no cells for the scenario', async () => {
    const scenario = await scenarioOf(
      'scenario A {\n  when class is Time and billi ng is resource\n  no actuals\n}\n',
    );
    const { accept, reported } = recorder();
    expect(() => checkFactTests(scenario, accept, t)).not.toThrow();
    expect(reported).toEqual([]);
    expect(caseSpaceTests(scenario)).toBeUndefined();
    expect(cellsOf(scenario)).toBeUndefined();
  });

  it('expands a readable clause to its cells', async () => {
    const cells = cellsOf(
      await scenarioOf('scenario A {\n  when class is Time and billing is product\n  no actuals\n}\n'),
    );
    expect(cells!.length).toBe(4); // the four credit kinds
    expect(cells!.every((cell) => cell.class === 'Time' && cell.billingMethod === 'product')).toBe(true);
  });
});
