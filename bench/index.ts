/** What other folders' tests take from the benchmarks: the `apply` benchmark's inputs (the CLI test runs them). */
export { applyBenchInputs, type ApplyBenchInputs } from './apply-inputs.js';
