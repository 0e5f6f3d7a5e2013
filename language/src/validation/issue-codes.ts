/** Diagnostic codes of the rules language: quick fixes, tools and the diagnostic cap key on these. */
import type { CaseCell } from '#engine';

export const IssueCodes = {
  wrongFileKind: 'wrong-file-kind',
  unknownFactValue: 'unknown-fact-value',
  duplicateFact: 'duplicate-fact',
  duplicateScenario: 'duplicate-scenario',
  duplicateRuleSet: 'duplicate-ruleset',
  matchesNothing: 'matches-nothing',
  overlap: 'overlap',
  uncovered: 'uncovered',
  emptyScenario: 'empty-scenario',
  noDecision: 'no-decision',
  nothingToReverse: 'nothing-to-reverse',
  basisNotApplicable: 'basis-not-applicable',
  milestoneOnly: 'milestone-only',
  unknownMilestoneStatus: 'unknown-milestone-status',
  typeError: 'type-error',
  inconsistentGiven: 'inconsistent-given',
  duplicateTest: 'duplicate-test',
  conflictingExpectations: 'conflicting-expectations',
  scenarioMismatch: 'scenario-mismatch',
  excludesEverything: 'excludes-everything',
  rowNotInteger: 'row-not-integer',
  emptyUnsupportedMessage: 'empty-unsupported-message',
  noExpectation: 'no-expectation',
  moreNotShown: 'more-not-shown',
} as const;

/** Data on an `unknown-fact-value` / `unknown-milestone-status` diagnostic: the suggested value. */
export interface DidYouMeanData {
  suggestion: string;
}

/** Data on the `uncovered` diagnostic: the uncovered cells, for the quick fixes. */
export interface UncoveredData {
  cells: CaseCell[];
}
