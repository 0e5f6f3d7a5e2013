/** The engine's public API: compile rules, execute them, correct invoices, run rule tests. */
export * from './money/index.js';
export * from './display/index.js';
export { closestValue } from './text/closest-value.js';
export * from './model/types.js';
export * from './model/dataverse.js';
export * from './rules/case-space.js';
export * from './rules/definition.js';

export {
  CorrectionRejectedError,
  EngineError,
  isEngineError,
  translateEngineMessage,
} from './errors/engine-error.js';
export { engineMessages, type EngineMessageKey } from './errors/messages.js';

export {
  compileRuleSet,
  compileRuleSetToJson,
  describeSource,
  type CompileOptions,
} from './compiler/compile.js';
export { canonicalJson } from './compiler/canonical-json.js';
export * from './compiler/compiled.js';
export { validateCompiledRuleSet } from './compiler/validate.js';

export type { CaseFacts, Executor, ScenarioMatch, SyncExecutor } from './executors/types.js';
export { createReferenceExecutor, type ReferenceExecutor } from './executors/reference.js';
export { createFastExecutor, type FastExecutor } from './executors/fast.js';
export { createExecutor, EXECUTOR_KINDS, type ExecutorKind } from './executors/create.js';
export { describeCase, selectScenario } from './executors/select.js';
export {
  coverageMatrix,
  coverageOf,
  type CoverageMatrix,
  type CoverageMatrixCell,
  type CoverageReport,
} from './executors/coverage.js';

export { deriveCreditKind, type QuantityAndAmount } from './correction/credit-kind.js';
export { caseFactsOf, type LineCorrection } from './correction/line-correction.js';
export { materialise, type LineOutcome } from './correction/materialise.js';
export { correctLine, correctLineSync } from './correction/correct-line.js';
export {
  correctInvoice,
  editCorrectiveLine,
  isQuantityDownAmountUp,
  isReconciledAboveAdvance,
  lineNumberProblem,
  type CorrectInvoiceOptions,
  type CorrectiveLineEdit,
  type LineNumberProblem,
} from './correction/draft.js';
export { confirmCorrection, lineCorrectionsOf, type ConfirmedCorrection } from './correction/confirm.js';
export { confirmInvoice, emptyLedger, type ConfirmedInvoice } from './correction/ledger.js';

export {
  runRuleTests,
  diffActuals,
  expectationMatches,
  formatDiffLine,
  lineCorrectionOfTest,
  type ActualSummary,
  type DiffLine,
  type RuleTestFailure,
  type RuleTestResult,
  type RunRuleTestsOptions,
} from './testing/run-rule-tests.js';
export { handwrittenTable } from './handwritten/table.js';

export * from './apply/index.js';
