import { selectScenario } from '../executors/select.js';
import type { Executor, SyncExecutor } from '../executors/types.js';
import { caseFactsOf, type LineCorrection } from './line-correction.js';
import { materialise, type LineOutcome } from './materialise.js';

/** Runs the rule set for one line (any executor) and materialises the one scenario that matches. */
export async function correctLine(correction: LineCorrection, executor: Executor): Promise<LineOutcome> {
  const facts = caseFactsOf(correction);
  const matches = await executor.match(facts);
  return materialise(correction, selectScenario(matches, facts, correction.line), executor.ruleSet.name);
}

/** The same with a synchronous executor (the fast one): for loops over many lines. */
export function correctLineSync(correction: LineCorrection, executor: SyncExecutor): LineOutcome {
  const facts = caseFactsOf(correction);
  return materialise(
    correction,
    selectScenario(executor.match(facts), facts, correction.line),
    executor.ruleSet.name,
  );
}
