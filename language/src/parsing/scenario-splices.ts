/**
 * Which scenarios of a rule set the partial re-parse replaced (scenario-reparse.ts splices the rule
 * set's list in place), so that the checks update what they keep per scenario by that difference
 * instead of comparing every scenario after each edit. Several re-parses may run between two
 * validations (a cancelled build): their splices are composed into one.
 */
import type * as ast from '../generated/ast.js';

/** `removed` scenarios at `at` were replaced by `added` ones. */
export interface ScenarioSplice {
  at: number;
  removed: number;
  added: number;
}

const pending = new WeakMap<ast.RuleSet, ScenarioSplice[]>();

export function recordScenarioSplice(ruleSet: ast.RuleSet, splice: ScenarioSplice): void {
  const list = pending.get(ruleSet);
  if (list) list.push(splice);
  else pending.set(ruleSet, [splice]);
}

/**
 * The splices since the last call, as one splice of the list as it was then (undefined when none),
 * and forgets them.
 */
export function takeScenarioSplice(ruleSet: ast.RuleSet): ScenarioSplice | undefined {
  const list = pending.get(ruleSet);
  pending.delete(ruleSet);
  let window: ScenarioSplice | undefined;
  for (const splice of list ?? []) {
    if (!window) {
      window = { ...splice };
      continue;
    }
    // The union of the changed window and this splice, in the list before this splice: its elements
    // outside the window are unchanged old ones, so they count as removed from the old list too.
    const low = Math.min(window.at, splice.at);
    const high = Math.max(window.at + window.added, splice.at + splice.removed);
    window = {
      at: low,
      removed: window.removed + (high - low - window.added),
      added: high - low - splice.removed + splice.added,
    };
  }
  return window;
}
