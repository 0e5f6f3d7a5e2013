/** Test support for benchmarks and suites in other folders; never imported by production code. */
export { generateLargeRuleSet, type LargeRuleSetOptions } from './generate-large-ruleset.js';
