/** fast-check generator of valid random RuleSetDefinitions, for compiler and differential tests. */
import fc from 'fast-check';
import { isLedgerTarget } from '../compiler/compile.js';
import { CASE_DIMENSIONS, FACT_NAMES, type FactName } from '../rules/case-space.js';
import {
  BASES,
  ACTION_BILLING_TYPES,
  MILESTONE_STATUSES,
  TRANSACTION_TYPES,
  type ActionDefinition,
  type FactTest,
  type RuleSetDefinition,
  type ScenarioDefinition,
} from '../rules/definition.js';

const factTest: fc.Arbitrary<FactTest> = fc.constantFrom(...FACT_NAMES).chain((fact: FactName) =>
  fc.record({
    fact: fc.constant(fact),
    operator: fc.constantFrom('in' as const, 'notIn' as const),
    values: fc.subarray([...CASE_DIMENSIONS[fact]] as string[], { minLength: 1 }),
  }),
);

type Step =
  | { kind: 'create'; action: ActionDefinition }
  | { kind: 'reverseLedger'; action: ActionDefinition }
  | { kind: 'reversePrevious' }
  | { kind: 'milestone'; action: ActionDefinition };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({
      transactionType: fc.constantFrom(...TRANSACTION_TYPES),
      basis: fc.constantFrom(...BASES),
      sign: fc.constantFrom('positive' as const, 'negative' as const),
      billingType: fc.constantFrom(...ACTION_BILLING_TYPES),
    })
    .map((a) => ({ kind: 'create' as const, action: { kind: 'create' as const, ...a } })),
  fc
    .constantFrom(
      { kind: 'reverse' as const, transactionType: 'BilledSales' as const, basis: 'original' as const },
      {
        kind: 'reverse' as const,
        transactionType: 'UnbilledSales' as const,
        basis: 'reconciliation' as const,
      },
    )
    .map((action) => ({ kind: 'reverseLedger' as const, action })),
  fc.constant({ kind: 'reversePrevious' as const }),
  fc.constantFrom(...MILESTONE_STATUSES).map((status) => ({
    kind: 'milestone' as const,
    action: { kind: 'setMilestoneStatus' as const, status },
  })),
);

function actionsOf(steps: Step[]): ActionDefinition[] {
  const actions: ActionDefinition[] = [];
  const reversedLedger = new Set<string>();
  const unreversed: ActionDefinition[] = [];
  for (const s of steps) {
    if (s.kind === 'reversePrevious') {
      const previous = unreversed.pop();
      if (previous && previous.kind === 'create') {
        actions.push({ kind: 'reverse', transactionType: previous.transactionType, basis: previous.basis });
      }
    } else if (s.kind === 'reverseLedger') {
      const key = s.action.kind === 'reverse' ? `${s.action.transactionType}:${s.action.basis}` : '';
      if (!reversedLedger.has(key)) actions.push(s.action);
      reversedLedger.add(key);
    } else {
      actions.push(s.action);
      // Creates of a ledger-target kind are never reversed in-scenario (the ledger actual is).
      if (
        s.kind === 'create' &&
        s.action.kind === 'create' &&
        !isLedgerTarget(s.action.transactionType, s.action.basis)
      ) {
        unreversed.push(s.action);
      }
    }
  }
  return actions.map((action, i) => ({
    ...action,
    source: { file: 'random.rules', line: i + 2, column: 3, endLine: i + 2, endColumn: 30 },
  }));
}

const scenarioBody = fc.record({
  when: fc.array(factTest, { maxLength: 3 }),
  unsupported: fc.boolean(),
  steps: fc.array(step, { maxLength: 6 }),
  title: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
});

export const randomRuleSet: fc.Arbitrary<RuleSetDefinition> = fc
  .array(scenarioBody, { minLength: 1, maxLength: 10 })
  .map((bodies) => ({
    name: 'Random',
    scenarios: bodies.map((body, i): ScenarioDefinition => ({
      name: `Scenario${i}`,
      title: body.title,
      when: body.when,
      outcome: body.unsupported
        ? { kind: 'unsupported', message: `not supported (${i})` }
        : { kind: 'actions', actions: actionsOf(body.steps) },
      source: { file: 'random.rules', line: i * 10 + 1, column: 1, endLine: i * 10 + 9, endColumn: 2 },
    })),
  }));
