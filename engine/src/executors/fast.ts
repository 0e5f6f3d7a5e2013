import type { CompiledRuleSet } from '../compiler/compiled.js';
import { CASE_DIMENSIONS, FACT_NAMES } from '../rules/case-space.js';
import { compileCondition, factsRead, type FactEvaluator } from './conditions.js';
import type { CaseFacts, ScenarioMatch, SyncExecutor } from './types.js';

export interface FastExecutor extends SyncExecutor {
  readonly kind: 'fast';
  /** How many rules are answered from the index, and how many are evaluated per case (fallback). */
  readonly stats: { indexedRules: number; runtimeRules: number; cells: number };
}

interface PreparedRule {
  match: ScenarioMatch;
  test: FactEvaluator;
  indexed: boolean;
}

/**
 * A synchronous executor built from the SAME compiled JSON as the reference. The case space is finite
 * (6 classes x 4 credit kinds x 3 advance states x 2 billing methods = 144 cells), so every rule that
 * reads only case facts is evaluated once per cell when the executor is built; a case is then one array
 * lookup. Rules that read other facts are kept aside and evaluated per case, and a case whose facts fall
 * outside the case space is evaluated against every rule, so the answer is always json-rules-engine's.
 */
export function createFastExecutor(ruleSet: CompiledRuleSet): FastExecutor {
  const caseFacts = new Set<string>(FACT_NAMES);
  const rules: PreparedRule[] = ruleSet.rules.map((rule, ruleIndex) => ({
    match: Object.freeze({ ruleIndex, scenario: rule.event.params.scenario, event: rule.event }),
    test: compileCondition(rule.conditions, rule.name),
    indexed: [...factsRead(rule.conditions)].every((fact) => caseFacts.has(fact)),
  }));
  const runtimeRules = rules.filter((rule) => !rule.indexed);

  const dimensions = FACT_NAMES.map((fact) => CASE_DIMENSIONS[fact] as readonly string[]);
  const positions = dimensions.map((values) => new Map(values.map((value, i) => [value, i])));
  const [classAt, creditAt, advanceAt, methodAt] = positions as [
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
  ];
  const strides = [
    dimensions[1]!.length * dimensions[2]!.length * dimensions[3]!.length,
    dimensions[2]!.length * dimensions[3]!.length,
    dimensions[3]!.length,
    1,
  ] as const;
  const cellCount = strides[0] * dimensions[0]!.length;

  // Per cell: the matching indexed rules, or (with runtime rules) the candidates to test per case.
  // Shared, frozen answers: the fast path allocates nothing.
  const cells: (readonly ScenarioMatch[])[] = [];
  const candidates: PreparedRule[][] = [];
  for (let cell = 0; cell < cellCount; cell++) {
    const facts: Record<string, string> = {};
    FACT_NAMES.forEach((fact, d) => {
      facts[fact] = dimensions[d]![Math.floor(cell / strides[d]!) % dimensions[d]!.length]!;
    });
    const fromIndex = rules.filter((rule) => rule.indexed && rule.test(facts));
    cells.push(Object.freeze(fromIndex.map((rule) => rule.match)));
    candidates.push([...fromIndex, ...runtimeRules].sort((a, b) => a.match.ruleIndex - b.match.ruleIndex));
  }

  const evaluateAll = (facts: CaseFacts): readonly ScenarioMatch[] =>
    rules.filter((rule) => rule.test(facts)).map((rule) => rule.match);

  return {
    kind: 'fast',
    ruleSet,
    stats: {
      indexedRules: rules.length - runtimeRules.length,
      runtimeRules: runtimeRules.length,
      cells: cellCount,
    },
    match(facts) {
      const c = classAt.get(facts.class);
      const k = creditAt.get(facts.creditKind);
      const a = advanceAt.get(facts.advanceState);
      const m = methodAt.get(facts.billingMethod);
      if (c === undefined || k === undefined || a === undefined || m === undefined) return evaluateAll(facts);
      const cell = c * strides[0] + k * strides[1] + a * strides[2] + m;
      if (runtimeRules.length === 0) return cells[cell]!;
      return candidates[cell]!.filter((rule) => rule.indexed || rule.test(facts)).map((rule) => rule.match);
    },
  };
}
