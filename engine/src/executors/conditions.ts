/**
 * A synchronous evaluator of json-rules-engine conditions with the same semantics as json-rules-engine 7
 * for the operators we compile to (equal, notEqual, in, notIn), including its edge cases: an empty `all`
 * or `any` is true, and `in` against a string value is a substring test.
 */
import type { FactCondition, NestedCondition } from '../compiler/compiled.js';
import { EngineError } from '../errors/engine-error.js';

export type FactEvaluator = (facts: Record<string, unknown>) => boolean;

const OPERATORS: Record<string, (factValue: unknown, value: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as { indexOf(x: unknown): number }).indexOf(a) > -1,
  notIn: (a, b) => (b as { indexOf(x: unknown): number }).indexOf(a) === -1,
};

function isFactCondition(condition: NestedCondition): condition is FactCondition {
  return 'fact' in condition;
}

/**
 * Compiles a condition tree to a closure; refuses what it cannot evaluate exactly like json-rules-engine.
 * `rule` names the rule in the error.
 */
export function compileCondition(condition: NestedCondition, rule: string): FactEvaluator {
  const unsupported = (feature: string) =>
    new EngineError('compiled.unsupportedCondition', { rule, feature });
  if (isFactCondition(condition)) {
    const operator = OPERATORS[condition.operator];
    if (!operator) {
      throw new EngineError('compiled.unsupportedOperator', { rule, operator: String(condition.operator) });
    }
    if (condition.path !== undefined) throw unsupported('path');
    if (condition.params !== undefined) throw unsupported('params');
    const value = condition.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      throw unsupported('fact values');
    const fact = condition.fact;
    return (facts) => operator(facts[fact], value);
  }
  if ('all' in condition) {
    const parts = condition.all.map((c) => compileCondition(c, rule));
    return (facts) => parts.every((part) => part(facts));
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compileCondition(c, rule));
    // json-rules-engine treats an empty `any` as true, like an empty `all`.
    return parts.length === 0 ? () => true : (facts) => parts.some((part) => part(facts));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, rule);
    return (facts) => !inner(facts);
  }
  throw unsupported('an unknown shape');
}

/** Every fact a condition tree reads. */
export function factsRead(condition: NestedCondition, into = new Set<string>()): Set<string> {
  if (isFactCondition(condition)) into.add(condition.fact);
  else if ('all' in condition) condition.all.forEach((c) => factsRead(c, into));
  else if ('any' in condition) condition.any.forEach((c) => factsRead(c, into));
  else if ('not' in condition) factsRead(condition.not, into);
  return into;
}
