/**
 * Test support for suites and benchmarks in other folders: fast-check arbitraries and sample invoices.
 * Never imported by production code (the linter refuses `#engine/testing` there); the rule-test runner
 * beside these files is production code and is exported by `#engine`.
 */
export { decimal, decimalString } from './arbitraries.js';
export { draftInvoice, lineDetail, type LineSpec } from './invoices.js';
export {
  randomLine,
  settle,
  settleAsync,
  type CorrectionMode,
  type RandomLineOptions,
} from './random-lines.js';
