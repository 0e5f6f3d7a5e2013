import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import type { CompiledRuleSet } from '../compiler/compiled.js';
import { EngineError } from '../errors/engine-error.js';
import { applicableCells, CASE_DIMENSIONS, FACT_NAMES, type CaseCell } from '../rules/case-space.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { createFastExecutor } from './fast.js';
import { createReferenceExecutor } from './reference.js';
import { selectScenario } from './select.js';
import type { CaseFacts } from './types.js';

const compiled = compileRuleSet(shippedRuleSet());
const reference = createReferenceExecutor(compiled);
const fast = createFastExecutor(compiled);

function allCells(): CaseFacts[] {
  const cells: CaseFacts[] = [];
  for (const cls of CASE_DIMENSIONS.class)
    for (const creditKind of CASE_DIMENSIONS.creditKind)
      for (const advanceState of CASE_DIMENSIONS.advanceState)
        for (const billingMethod of CASE_DIMENSIONS.billingMethod)
          cells.push({ class: cls, creditKind, advanceState, billingMethod });
  return cells;
}

const names = (matches: readonly { scenario: string }[]) => matches.map((m) => m.scenario);

describe('executors on the shipped table', () => {
  it('indexes every rule of the shipped table (no runtime fallback needed)', () => {
    expect(fast.stats).toEqual({ indexedRules: compiled.rules.length, runtimeRules: 0, cells: 144 });
  });

  it('agree on every one of the 144 cells', async () => {
    for (const facts of allCells()) {
      expect(names(fast.match(facts)), JSON.stringify(facts)).toEqual(names(await reference.match(facts)));
    }
  });

  it('cover every applicable cell exactly once', () => {
    for (const cell of applicableCells()) {
      expect(fast.match(cell as CaseCell & CaseFacts), JSON.stringify(cell)).toHaveLength(1);
    }
  });

  it('pick the scenarios of the table', async () => {
    const pick = async (facts: CaseFacts) =>
      selectScenario(await reference.match(facts), facts, 'L1').scenario;
    const base = { advanceState: 'none', billingMethod: 'resource' };
    expect(await pick({ ...base, class: 'Time', creditKind: 'partial' })).toBe('TimePartialCredit');
    expect(await pick({ ...base, class: 'Fee', creditKind: 'partial' })).toBe('FeePartialCredit');
    expect(await pick({ ...base, class: 'Milestone', creditKind: 'full' })).toBe('MilestoneFullCredit');
    expect(await pick({ ...base, class: 'Time', creditKind: 'full', billingMethod: 'product' })).toBe(
      'ProductBased',
    );
    expect(
      await pick({
        class: 'Retainer',
        creditKind: 'partial',
        advanceState: 'reconciled',
        billingMethod: 'resource',
      }),
    ).toBe('AdvanceReconciledCorrection');
  });

  it('name the case when no scenario covers it, in English and Vietnamese', () => {
    const definition = shippedRuleSet();
    definition.scenarios = definition.scenarios.filter((s) => s.name !== 'FeePartialCredit');
    const withGap = createFastExecutor(compileRuleSet(definition));
    const facts = { class: 'Fee', creditKind: 'partial', advanceState: 'none', billingMethod: 'resource' };
    let error: EngineError | undefined;
    try {
      selectScenario(withGap.match(facts), facts, 'INV-7/L3');
    } catch (e) {
      error = e as EngineError;
    }
    expect(error?.code).toBe('rules.uncovered');
    expect(error?.message).toBe(
      'Line INV-7/L3: no scenario covers the case Fee, partial, advance none, resource',
    );
    expect(error?.localized('vi')).toContain('Dòng INV-7/L3: không có kịch bản nào');
  });

  it('name the scenarios when several match', () => {
    const overlapping = compileRuleSet({
      name: 'Overlap',
      scenarios: [
        {
          name: 'AllTime',
          when: [{ fact: 'class', operator: 'in', values: ['Time'] }],
          outcome: { kind: 'actions', actions: [] },
        },
        {
          name: 'AllPartial',
          when: [{ fact: 'creditKind', operator: 'in', values: ['partial'] }],
          outcome: { kind: 'actions', actions: [] },
        },
      ],
    });
    const facts = { class: 'Time', creditKind: 'partial', advanceState: 'none', billingMethod: 'resource' };
    expect(() => selectScenario(createFastExecutor(overlapping).match(facts), facts, 'L9')).toThrow(
      'Line L9: several scenarios match the case Time, partial, advance none, resource: AllTime, AllPartial',
    );
  });
});

describe('fast executor fallback', () => {
  // Hand-written JSON beyond what the compiler emits: any/not groups and a fact outside the case space.
  const handWritten: CompiledRuleSet = {
    ...compiled,
    rules: [
      {
        name: 'VndTime',
        priority: 1,
        conditions: {
          all: [
            { fact: 'class', operator: 'equal', value: 'Time' },
            { fact: 'currency', operator: 'in', value: ['VND'] },
          ],
        },
        event: { type: 'actions', params: { scenario: 'VndTime', actions: [] } },
      },
      {
        name: 'NotFullOrFee',
        priority: 1,
        conditions: {
          any: [
            { not: { fact: 'creditKind', operator: 'equal', value: 'full' } },
            { fact: 'class', operator: 'notIn', value: ['Time', 'Expense'] },
          ],
        },
        event: { type: 'unsupported', params: { scenario: 'NotFullOrFee', message: 'no' } },
      },
      {
        name: 'EmptyAny',
        priority: 1,
        conditions: { any: [] },
        event: { type: 'actions', params: { scenario: 'EmptyAny', actions: [] } },
      },
    ],
  };
  const fastFallback = createFastExecutor(handWritten);
  const referenceFallback = createReferenceExecutor(handWritten);

  it('evaluates rules on other facts per case and agrees with json-rules-engine', async () => {
    expect(fastFallback.stats.runtimeRules).toBe(1);
    const value = (fact: string) =>
      fc.oneof(
        fc.constantFrom(...(CASE_DIMENSIONS[fact as keyof typeof CASE_DIMENSIONS] as readonly string[])),
        fc.constant('Other'),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          class: value('class'),
          creditKind: value('creditKind'),
          advanceState: value('advanceState'),
          billingMethod: value('billingMethod'),
          currency: fc.constantFrom('VND', 'USD'),
        }),
        async (facts) => {
          expect(names(fastFallback.match(facts))).toEqual(names(await referenceFallback.match(facts)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses operators it cannot evaluate exactly', () => {
    const bad: CompiledRuleSet = {
      ...compiled,
      rules: [
        {
          ...compiled.rules[0]!,
          conditions: { all: [{ fact: 'class', operator: 'greaterThan', value: 1 }] },
        },
      ],
    };
    expect(() => createFastExecutor(bad)).toThrow(
      'Rule AdvanceInvoicedCorrection: the fast executor cannot evaluate the operator "greaterThan"',
    );
  });

  it('knows every fact of the case space', () => {
    expect(FACT_NAMES).toEqual(['class', 'creditKind', 'advanceState', 'billingMethod']);
  });
});
