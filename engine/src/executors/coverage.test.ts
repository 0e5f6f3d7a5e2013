import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { coverageMatrix, coverageOf } from './coverage.js';

describe('coverageOf', () => {
  it('finds no gap or overlap in the shipped table, and lists the unsupported cells', () => {
    const report = coverageOf(compileRuleSet(shippedRuleSet()));
    expect(report.uncovered).toEqual([]);
    expect(report.ambiguous).toEqual([]);
    const unsupported = new Set(report.unsupported.map((u) => u.scenario));
    expect([...unsupported].sort()).toEqual([
      'MilestoneOtherCorrection',
      'MilestonePartialCredit',
      'ProductBased',
    ]);
    // Every applicable product cell: 5 classes x 4 credit kinds + retainers x 4 credit kinds x 2 states.
    expect(report.unsupported.filter((u) => u.scenario === 'ProductBased')).toHaveLength(28);
  });

  it('names gaps and overlaps', () => {
    const definition = shippedRuleSet();
    definition.scenarios = definition.scenarios.filter((s) => s.name !== 'FeePartialCredit');
    definition.scenarios.push({
      name: 'AllTimeFull',
      when: [
        { fact: 'class', operator: 'in', values: ['Time'] },
        { fact: 'creditKind', operator: 'in', values: ['full'] },
        { fact: 'billingMethod', operator: 'notIn', values: ['product'] },
      ],
      outcome: { kind: 'actions', actions: [] },
    });
    const report = coverageOf(compileRuleSet(definition));
    expect(report.uncovered).toEqual([
      { class: 'Fee', creditKind: 'partial', advanceState: 'none', billingMethod: 'resource' },
    ]);
    expect(report.ambiguous).toEqual([
      {
        cell: { class: 'Time', creditKind: 'full', advanceState: 'none', billingMethod: 'resource' },
        scenarios: ['TimeFullCredit', 'AllTimeFull'],
      },
    ]);
  });
});

describe('coverageMatrix', () => {
  it('shows per cell which billing type the new actuals get', () => {
    const matrix = coverageMatrix(compileRuleSet(shippedRuleSet()));
    const cell = (cls: string, creditKind: string, advanceState = 'none') =>
      matrix.rows
        .find((row) => row.class === cls && row.advanceState === advanceState)!
        .cells.find((c) => c.creditKind === creditKind && c.billingMethod === 'resource')!;
    // Where the table names no billing type the original line's is kept...
    expect(cell('Time', 'full')).toMatchObject({
      scenarios: ['TimeFullCredit'],
      billingTypes: ['AsOriginal'],
    });
    expect(cell('Fee', 'increase').billingTypes).toEqual(['AsOriginal']);
    expect(cell('Retainer', 'partial', 'reconciled').billingTypes).toEqual(['AsOriginal']);
    // ...rows 4, 6 and 8 name them chargeable...
    expect(cell('Expense', 'partial').billingTypes).toEqual(['Chargeable']);
    expect(cell('Fee', 'partial').billingTypes).toEqual(['Chargeable']);
    // ...and cells that create nothing new, or are refused, have none.
    expect(cell('Milestone', 'full').billingTypes).toEqual([]);
    expect(cell('Retainer', 'full', 'invoiced').billingTypes).toEqual([]);
    expect(cell('Milestone', 'partial')).toMatchObject({ unsupported: true, billingTypes: [] });
  });
});
