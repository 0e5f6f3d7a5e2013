/**
 * Test discovery and test runs for editors: the tests of a `.crtest` document with their ranges, and the
 * engine's rule-test runner (the one `corrections test` uses) with results shaped for a diff view: the
 * expected side is the test's own `expect` lines, the actual side the `expect` lines that would pass.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import {
  createExecutor,
  expectationMatches,
  formatDiffLine,
  runRuleTests,
  type ActualSummary,
  type RuleTestResult,
  type RuleTestDefinition,
} from '#engine';
import { toRuleTestDefinition, displayPath } from '../definition/to-definition.js';
import { isTestSuite, type RuleTest } from '../generated/ast.js';
import { messagesOf } from './messages-of.js';
import type {
  DiscoveredTestFile,
  LspRange,
  RunTestsParams,
  RunTestsResult,
  TestActualView,
  TestFileRunResult,
  TestRunResult,
} from './protocol.js';
import {
  resolveRuleSet,
  resolveTestSuite,
  sourceUri,
  toLspRange,
  type RulesDocument,
  type RulesServerOptions,
} from './rules-in-workspace.js';

const NO_RANGE: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function rangeOf(node: { $cstNode?: { range: LspRange } } | undefined): LspRange {
  return node?.$cstNode?.range ?? NO_RANGE;
}

/** The tests of a `.crtest` document (even one with errors: the Test Explorer still lists them). */
export function discoverTests(document: RulesDocument): DiscoveredTestFile | undefined {
  const root = document.parseResult.value;
  if (!isTestSuite(root)) return undefined;
  return {
    uri: document.uri.toString(),
    ruleSet: root.ruleSet?.$refText ?? '',
    range: rangeOf(root.ruleSet?.$refNode ? { $cstNode: root.ruleSet.$refNode } : root),
    tests: root.tests
      .filter((test) => typeof test.name === 'string')
      .map((test) => ({ name: test.name, range: rangeOf(test) })),
  };
}

export function isTestDocument(document: RulesDocument): boolean {
  return document.uri.path.endsWith('.crtest') || isTestSuite(document.parseResult.value);
}

// ------------------------------------------------------------------ actuals as `expect` lines

const TYPE_WORD: Record<string, string> = { BilledSales: 'billed', UnbilledSales: 'unbilled' };
const BILLING_WORD: Record<string, string> = {
  Chargeable: 'chargeable',
  NonChargeable: 'non-chargeable',
  Complimentary: 'complimentary',
  NotAvailable: 'not-available',
};

/** The `expect` line that a produced actual satisfies. Amount-only lines (quantity 0) show no quantity. */
export function expectLineOf(actual: ActualSummary): string {
  const parts = ['expect', TYPE_WORD[actual.transactionType] ?? actual.transactionType, 'sales'];
  if (actual.reversal) parts.push('reversal');
  else parts.push(BILLING_WORD[actual.billingType] ?? actual.billingType);
  if (actual.quantity !== '0') parts.push('quantity', actual.quantity);
  parts.push('amount', actual.amount);
  return parts.join(' ');
}

function sourceTextOf(node: { $cstNode?: { text: string } }): string {
  return (node.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Both sides of the diff. Matched actuals take the text of the expectation they satisfy (a quantity the
 * test leaves out must not show as a difference); unexpected ones come last, missing ones drop out.
 */
export function diffTexts(
  test: RuleTest,
  definition: RuleTestDefinition,
  result: RuleTestResult,
): { expectedText: string; actualText: string } {
  const expected: string[] = [];
  const actual: string[] = [];
  const unmatched = result.actual.slice();
  let actualsIndex = 0;
  for (const expectation of test.expectations) {
    const text = sourceTextOf(expectation);
    expected.push(text);
    switch (expectation.$type) {
      case 'ExpectScenario':
        if (result.scenario) actual.push(`expect scenario ${result.scenario}`);
        break;
      case 'ExpectActual': {
        const wanted = definition.expect.actuals?.[actualsIndex++];
        const index = wanted ? unmatched.findIndex((a) => expectationMatches(wanted, a)) : -1;
        if (index >= 0) {
          unmatched.splice(index, 1);
          actual.push(text);
        }
        break;
      }
      case 'ExpectNoActuals':
        if (result.actual.length === 0 && !result.error) actual.push(text);
        break;
      case 'ExpectMilestoneStatus':
        if (result.milestoneStatus) actual.push(`expect milestone status ${result.milestoneStatus}`);
        break;
      case 'ExpectUnsupported':
      case 'ExpectUncovered':
        break;
    }
  }
  actual.push(...unmatched.map(expectLineOf));
  if (result.error?.code === 'rules.unsupported')
    actual.push(`expect unsupported ${JSON.stringify(result.error.message)}`);
  else if (result.error?.code === 'rules.uncovered') actual.push('expect uncovered');
  else if (result.error) actual.push(`// ${result.error.message}`);
  return { expectedText: expected.join('\n') + '\n', actualText: actual.join('\n') + '\n' };
}

// ------------------------------------------------------------------ runs

async function runTestFile(
  shared: LangiumSharedServices,
  document: RulesDocument,
  params: RunTestsParams,
  options: RulesServerOptions,
): Promise<TestFileRunResult> {
  const uri = document.uri.toString();
  // The rules first: their errors often show up again as errors of the tests that use them.
  const resolved = resolveRuleSet(shared, document, options);
  if (!resolved.ok) return { uri, ruleSet: resolved.ruleSet ?? '', error: resolved.error, tests: [] };
  const suite = resolveTestSuite(shared, document);
  if (!suite.ok) return { uri, ruleSet: suite.ruleSet ?? '', error: suite.error, tests: [] };
  const { compiled, sourceRoot } = resolved.value;
  const executor = createExecutor(params.executor ?? 'fast', compiled);
  const file = displayPath(document.uri);
  const wanted = params.names ? new Set(params.names) : undefined;
  const tests: TestRunResult[] = [];
  for (const test of suite.value.tests) {
    if (wanted && !wanted.has(test.name)) continue;
    const definition = toRuleTestDefinition(test, file);
    const started = performance.now();
    const [result] = await runRuleTests(compiled, [definition], executor, {
      language: messagesOf(shared).language,
    });
    const durationMs = performance.now() - started;
    const texts = diffTexts(test, definition, result!);
    const actuals: TestActualView[] = result!.actual.map((actual) => ({
      text: expectLineOf(actual),
      explanation: actual.explanation,
      source:
        actual.source?.file !== undefined
          ? {
              uri: sourceUri(actual.source.file, sourceRoot),
              range: toLspRange(actual.source),
            }
          : undefined,
    }));
    tests.push({
      name: test.name,
      range: rangeOf(test),
      passed: result!.passed,
      durationMs: Math.round(durationMs * 100) / 100,
      scenario: result!.scenario,
      failure: result!.failure,
      expectedText: texts.expectedText,
      actualText: texts.actualText,
      diff: result!.diff.map(formatDiffLine),
      actuals,
    });
  }
  return { uri, ruleSet: suite.value.ruleSet?.$refText ?? '', tests };
}

/** Runs the tests of one document, or of every test document in the workspace. Never throws for bad rules. */
export async function runTests(
  shared: LangiumSharedServices,
  documents: RulesDocument[],
  params: RunTestsParams,
  options: RulesServerOptions,
): Promise<RunTestsResult> {
  const files: TestFileRunResult[] = [];
  for (const document of documents) {
    if (!isTestDocument(document)) continue;
    files.push(await runTestFile(shared, document, params, options));
  }
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    for (const test of file.tests) {
      if (test.passed) passed++;
      else failed++;
    }
  }
  return { files, passed, failed };
}
