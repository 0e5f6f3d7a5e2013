import type { CompiledRuleSet, ScenarioEvent } from '../compiler/compiled.js';

/** The facts of one correction case. Extra facts are allowed for rules that test more than the case space. */
export interface CaseFacts {
  class: string;
  creditKind: string;
  advanceState: string;
  billingMethod: string;
  [extra: string]: unknown;
}

/** A rule whose conditions held for a case: the scenario and what it says to do. */
export interface ScenarioMatch {
  /** Position of the rule in the compiled rule set; matches are listed in this order. */
  ruleIndex: number;
  scenario: string;
  event: ScenarioEvent;
}

export interface Executor {
  readonly kind: 'reference' | 'fast';
  readonly ruleSet: CompiledRuleSet;
  /** Every matching scenario, in rule order (0, 1 or several: see selectScenario). Do not mutate it. */
  match(facts: CaseFacts): readonly ScenarioMatch[] | Promise<readonly ScenarioMatch[]>;
}

export interface SyncExecutor extends Executor {
  match(facts: CaseFacts): readonly ScenarioMatch[];
}
