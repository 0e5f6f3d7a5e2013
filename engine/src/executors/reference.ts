import { Engine, type RuleProperties } from 'json-rules-engine';
import type { CompiledRuleSet, ScenarioEvent } from '../compiler/compiled.js';
import type { CaseFacts, Executor, ScenarioMatch } from './types.js';

export interface ReferenceExecutor extends Executor {
  readonly kind: 'reference';
  match(facts: CaseFacts): Promise<readonly ScenarioMatch[]>;
}

/**
 * Runs the compiled rule set through json-rules-engine itself: the executor every other one is checked
 * against. One engine is built per rule set; each case gets json-rules-engine's own per-run almanac.
 */
export function createReferenceExecutor(ruleSet: CompiledRuleSet): ReferenceExecutor {
  const ruleIndex = new Map(ruleSet.rules.map((rule, index) => [rule.name, index]));
  const engine = new Engine(
    ruleSet.rules.map((rule) => ({ ...rule }) as unknown as RuleProperties),
    { allowUndefinedFacts: true },
  );
  return {
    kind: 'reference',
    ruleSet,
    async match(facts) {
      const { results } = await engine.run({ ...facts });
      return results
        .map((result) => {
          const index = ruleIndex.get(String(result.name)) ?? -1;
          const event = (ruleSet.rules[index]?.event ?? result.event) as ScenarioEvent;
          return { ruleIndex: index, scenario: event.params.scenario, event };
        })
        .sort((a, b) => a.ruleIndex - b.ruleIndex);
    },
  };
}
