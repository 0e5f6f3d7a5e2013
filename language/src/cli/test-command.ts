/**
 * `test <paths...> [--junit out.xml] [--executor fast|reference]`: runs the .crtest tests against the rule
 * sets they name; failures show expected vs actual actuals as a diff and where each actual came from.
 */
import { writeFile } from 'node:fs/promises';
import {
  createExecutor,
  type ExecutorKind,
  formatDiffLine,
  runRuleTests,
  type RuleTestResult,
} from '#engine';
import { label, typeLabel } from './apply-output.js';
import { compileForCli } from './compile-command.js';
import {
  CliError,
  EXIT_FAILURES,
  EXIT_OK,
  displayFile,
  println,
  resolvePath,
  type CliContext,
} from './context.js';
import { junitXml, type JUnitSuite } from './junit.js';
import { loadForCli, refuseOnErrors } from './rules-loading.js';

export type { ExecutorKind };

export interface TestOptions {
  junit?: string;
  executor: ExecutorKind;
  json?: boolean;
}

function where(context: CliContext, result: RuleTestResult): string {
  const source = result.source;
  if (!source) return '';
  return `${source.file ? displayFile(context, source.file) + ':' : ''}${source.line}:${source.column}`;
}

/** The failure's text, then the diff and each actual's explanation, indented under the test. */
function failureDetails(context: CliContext, result: RuleTestResult): string[] {
  const lines: string[] = [];
  lines.push(...result.failures.map((failure) => failure.message));
  if (result.expected && result.diff.length > 0) {
    lines.push(context.t('test.diff'), ...result.diff.map((line) => `  ${formatDiffLine(line)}`));
  }
  // The diff already names the rule of every produced actual; otherwise list them with their rule.
  if (result.expected && result.diff.length > 0) return lines;
  lines.push(context.t('test.explanations'));
  if (result.actual.length === 0) lines.push(`  ${context.t('test.none')}`);
  for (const actual of result.actual) {
    const quantity = actual.quantity === '0' ? '' : ` ${actual.quantity}`;
    lines.push(
      `  ${typeLabel(context, actual)}${quantity} / ${actual.amount} ${label(context, actual.billingType)}  <- ${actual.explanation}`,
    );
  }
  return lines;
}

export async function testCommand(
  context: CliContext,
  paths: string[],
  options: TestOptions,
): Promise<number> {
  const loaded = await loadForCli(context, paths, { withSiblingRules: true });
  refuseOnErrors(context, loaded);
  if (loaded.tests.every((file) => file.tests.length === 0)) {
    throw new CliError('error.noTests', { paths: paths.join(' ') });
  }
  const out = context.io.stdout;
  const suites: JUnitSuite[] = [];
  const report: Array<{ file: string; ruleSet: string; results: RuleTestResult[] }> = [];
  let passed = 0;
  let failed = 0;
  for (const testFile of loaded.tests) {
    if (testFile.tests.length === 0) continue;
    const definition = loaded.ruleSets.find((ruleSet) => ruleSet.name === testFile.ruleSet);
    const file = displayFile(context, testFile.file);
    if (!definition)
      throw new CliError('error.unknownRuleSet', { file, ruleSet: testFile.ruleSet }, EXIT_FAILURES);
    const compiled = compileForCli(context, definition);
    const started = performance.now();
    const results = await runRuleTests(compiled, testFile.tests, createExecutor(options.executor, compiled), {
      language: context.language,
    });
    const seconds = (performance.now() - started) / 1000;
    report.push({ file, ruleSet: testFile.ruleSet, results });
    if (!options.json) println(out, file);
    for (const result of results) {
      if (result.passed) passed++;
      else failed++;
      if (options.json) continue;
      const label = result.passed ? context.t('test.pass') : context.t('test.fail');
      const at = where(context, result);
      println(out, `  ${label}  ${result.name}${result.passed || !at ? '' : `  (${at})`}`);
      if (!result.passed) for (const line of failureDetails(context, result)) println(out, `        ${line}`);
    }
    suites.push({
      name: file,
      seconds,
      cases: results.map((result) => ({
        name: result.name,
        className: testFile.ruleSet,
        file: result.source?.file ? displayFile(context, result.source.file) : undefined,
        line: result.source?.line,
        failure: result.passed
          ? undefined
          : {
              message: result.failures[0]?.message ?? '',
              details: failureDetails(context, result).join('\n'),
            },
      })),
    });
  }
  const summary = context.t('summary.test', { passed, failed });
  if (options.json) {
    println(out, JSON.stringify({ passed, failed, files: report }, null, 2));
  } else {
    println(out, summary);
  }
  if (options.junit !== undefined) {
    const target = resolvePath(context, options.junit);
    try {
      await writeFile(target, junitXml(suites), 'utf8');
    } catch (error) {
      throw new CliError('error.cannotWrite', {
        file: displayFile(context, target),
        reason: (error as NodeJS.ErrnoException).code ?? String(error),
      });
    }
  }
  return failed > 0 ? EXIT_FAILURES : EXIT_OK;
}
