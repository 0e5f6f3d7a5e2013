import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { sampleRuleSet } from '../testing/sample-ruleset.js';
import { coverageOf } from './coverage.js';

describe('coverageOf', () => {
  it('finds no gap or overlap in the sample table, and lists the unsupported cells', () => {
    const report = coverageOf(compileRuleSet(sampleRuleSet()));
    expect(report.uncovered).toEqual([]);
    expect(report.ambiguous).toEqual([]);
    const unsupported = new Set(report.unsupported.map((u) => u.scenario));
    expect([...unsupported].sort()).toEqual(['MilestonePartialCredit', 'ProductBased']);
    // Every applicable product cell: 5 classes x 4 credit kinds + retainers x 4 credit kinds x 2 states.
    expect(report.unsupported.filter((u) => u.scenario === 'ProductBased')).toHaveLength(28);
  });

  it('names gaps and overlaps', () => {
    const definition = sampleRuleSet();
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
        scenarios: ['ChargeFullCredit', 'AllTimeFull'],
      },
    ]);
  });
});
