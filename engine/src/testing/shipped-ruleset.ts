/**
 * The shipped correction table (rules/correction-actuals.crules) for the engine's tests, its hand-written
 * baseline and its benchmarks. The engine cannot parse rules files, so it loads their compiled form: the
 * golden file that rules/correction-actuals.test.ts keeps equal, byte for byte, to compiling the rules
 * file. A JSON import, not a file read: this module also runs where there is no file system.
 */
import shipped from '../compiler/golden/correction-actuals.compiled.json' with { type: 'json' };
import type { CompiledRuleSet, FactCondition, NestedCondition } from '../compiler/compiled.js';
import { validateCompiledRuleSet } from '../compiler/validate.js';
import type { FactName } from '../rules/case-space.js';
import type { FactTest, RuleSetDefinition, ScenarioDefinition } from '../rules/definition.js';

/** The compiled shipped table, a fresh copy (tests may change what they get). */
export function shippedCompiledRuleSet(): CompiledRuleSet {
  return validateCompiledRuleSet(structuredClone(shipped));
}

function factTestOf(condition: NestedCondition, rule: string): FactTest {
  if (!('fact' in condition)) throw new Error(`${rule}: only fact conditions come from the compiler`);
  const { fact, operator, value } = condition as FactCondition;
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  if (operator === 'equal' || operator === 'in') return { fact: fact as FactName, operator: 'in', values };
  if (operator === 'notIn') return { fact: fact as FactName, operator: 'notIn', values };
  throw new Error(`${rule}: operator ${operator} does not come from the compiler`);
}

/**
 * The shipped table as the definition the compiler took (conditions back to fact tests; actions and
 * source ranges as they are): compiling it gives the golden file again, which a test checks.
 */
export function shippedRuleSet(): RuleSetDefinition {
  const compiled = shippedCompiledRuleSet();
  return {
    name: compiled.name,
    title: compiled.title,
    source: compiled.source,
    scenarios: compiled.rules.map((rule): ScenarioDefinition => {
      const conditions = 'all' in rule.conditions ? rule.conditions.all : [rule.conditions];
      const event = rule.event;
      return {
        name: rule.name,
        title: event.params.title,
        when: conditions.map((condition) => factTestOf(condition, rule.name)),
        outcome:
          event.type === 'unsupported'
            ? { kind: 'unsupported', message: event.params.message, source: event.params.messageSource }
            : { kind: 'actions', actions: event.params.actions },
        source: event.params.source,
      };
    }),
  };
}
