import { EngineError } from '../errors/engine-error.js';
import type { CaseFacts, ScenarioMatch } from './types.js';

/** "Material, partial, advance none, resource": a case as the user reads it. */
export function describeCase(facts: CaseFacts): string {
  return `${String(facts.class)}, ${String(facts.creditKind)}, advance ${String(facts.advanceState)}, ${String(
    facts.billingMethod,
  )}`;
}

/**
 * Exactly one scenario must match a case: none is an "uncovered" error naming the case, several an
 * "ambiguous" error naming the scenarios. `line` names the invoice line (or test) for the message.
 */
export function selectScenario(
  matches: readonly ScenarioMatch[],
  facts: CaseFacts,
  line: string,
): ScenarioMatch {
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new EngineError('rules.uncovered', { line, case: describeCase(facts) });
  throw new EngineError('rules.ambiguous', {
    line,
    case: describeCase(facts),
    scenarios: matches.map((m) => m.scenario).join(', '),
  });
}
