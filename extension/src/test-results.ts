/**
 * Pure logic of the Test Explorer: test ids, which files and names a run request covers, and how a run
 * result reads (the failure message with its expected/actual text, the run output). No `vscode` here, so
 * it is unit-tested in Node; `test-controller.ts` turns these into TestItems and TestMessages.
 */
import type { LspRange, TestFileRunResult, TestRunResult } from '#language/protocol';
import type { Translate } from '#engine/i18n';
import type { UiKey } from './i18n.js';

/** Ids of Test Explorer items: the file's uri, and `${uri}#${name}` for a test (as protocol.ts says). */
export function testId(uri: string, name?: string): string {
  return name === undefined ? uri : `${uri}#${name}`;
}

export function parseTestId(id: string): { uri: string; name?: string } {
  const hash = id.indexOf('#');
  return hash < 0 ? { uri: id } : { uri: id.slice(0, hash), name: id.slice(hash + 1) };
}

/**
 * What to ask the server for: per file, the names to run, or `undefined` for all of the file's tests.
 * A whole file selected wins over some of its tests; excluded tests are left out (so their file is then
 * run by name).
 */
export function planRun(
  selected: { uri: string; name?: string; children?: string[] }[],
  excluded: { uri: string; name?: string }[] = [],
): Map<string, string[] | undefined> {
  const plan = new Map<string, string[] | undefined>();
  const excludedNames = new Map<string, Set<string>>();
  const excludedFiles = new Set<string>();
  for (const e of excluded) {
    if (e.name === undefined) excludedFiles.add(e.uri);
    else excludedNames.set(e.uri, (excludedNames.get(e.uri) ?? new Set()).add(e.name));
  }
  for (const item of selected) {
    if (excludedFiles.has(item.uri)) continue;
    const skip = excludedNames.get(item.uri);
    if (item.name === undefined) {
      if (skip && item.children) {
        const names = item.children.filter((n) => !skip.has(n));
        const prior = plan.get(item.uri);
        if (plan.has(item.uri) && prior === undefined) continue;
        plan.set(item.uri, union(prior, names));
      } else {
        plan.set(item.uri, undefined);
      }
    } else if (!skip?.has(item.name)) {
      if (plan.has(item.uri) && plan.get(item.uri) === undefined) continue;
      plan.set(item.uri, union(plan.get(item.uri), [item.name]));
    }
  }
  return plan;
}

function union(a: string[] | undefined, b: string[]): string[] {
  return [...new Set([...(a ?? []), ...b])];
}

/** The file name of a uri, for messages. */
export function fileLabel(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

export interface FailureView {
  /** The summary shown in the peek view: the failure, then every produced actual with its rule line. */
  message: string;
  /** For `TestMessage.diff`; both undefined when the failure is not about actuals (e.g. unsupported). */
  expected?: string;
  actual?: string;
  /** Where to show it: the test's range. */
  range: LspRange;
  /** The rule lines that made the produced actuals, as stack frames to link to. */
  frames: { label: string; uri: string; range: LspRange }[];
}

export function failureView(test: TestRunResult, t: Translate<UiKey>): FailureView {
  const lines = [test.failure?.trim() || t('tests.run.failed', { name: test.name, ms: test.durationMs })];
  if (test.actuals.length > 0) {
    lines.push('', t('tests.message.producedBy'));
    for (const actual of test.actuals) lines.push(`  ${actual.text}  ← ${actual.explanation}`);
  }
  const frames = test.actuals
    .filter((a) => a.source !== undefined)
    .map((a) => ({ label: `${a.text} ← ${a.explanation}`, uri: a.source!.uri, range: a.source!.range }));
  const hasDiff = test.expectedText !== undefined;
  return {
    message: lines.join('\n'),
    expected: hasDiff ? withNewline(test.expectedText!) : undefined,
    actual: hasDiff ? withNewline(test.actualText) : undefined,
    range: test.range,
    frames,
  };
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** The run's output (the Test Results panel is a terminal: CRLF line ends), one file's results. */
export function runOutput(file: TestFileRunResult, executor: string, t: Translate<UiKey>): string {
  const out = [runHeader(file, executor, t)];
  if (file.error) out.push(`  ${t('tests.fileError', { file: fileLabel(file.uri), error: file.error })}`);
  for (const test of file.tests) out.push(...testOutput(test, t));
  out.push(runSummary(file, t), '');
  return out.join('\r\n') + '\r\n';
}

export function runHeader(file: TestFileRunResult, executor: string, t: Translate<UiKey>): string {
  return `\u001b[1m${t('tests.run.header', { file: fileLabel(file.uri), ruleSet: file.ruleSet, executor })}\u001b[0m`;
}

export function runSummary(file: TestFileRunResult, t: Translate<UiKey>): string {
  const passed = file.tests.filter((x) => x.passed).length;
  return t('tests.run.summary', { passed, failed: file.tests.length - passed });
}

export function testOutput(test: TestRunResult, t: Translate<UiKey>): string[] {
  const ms = Math.round(test.durationMs);
  const out = [
    `${test.passed ? '\u001b[32m' : '\u001b[31m'}${t(test.passed ? 'tests.run.passed' : 'tests.run.failed', { name: test.name, ms })}\u001b[0m`,
    `  ${test.scenario ? t('tests.run.scenario', { scenario: test.scenario }) : t('tests.run.noScenario')}`,
  ];
  if (!test.passed && test.failure)
    out.push(
      ...test.failure
        .trim()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  if (test.actuals.length === 0) out.push(`  ${t('tests.run.noActuals')}`);
  else {
    out.push(`  ${t('tests.run.actuals')}`);
    for (const a of test.actuals) out.push(`    ${a.text}  ← ${a.explanation}`);
  }
  if (!test.passed && test.diff.length > 0) {
    out.push(`  ${t('tests.run.diff')}`);
    for (const d of test.diff) out.push(`    ${colorDiff(d)}`);
  }
  return out;
}

function colorDiff(line: string): string {
  if (line.startsWith('- ')) return `\u001b[31m${line}\u001b[0m`;
  if (line.startsWith('+ ')) return `\u001b[32m${line}\u001b[0m`;
  return line;
}

/** The rule set a `.crules` text defines (for run-on-save), without parsing it. */
export function ruleSetNameOf(text: string): string | undefined {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '');
  return /\bruleset\s+([A-Za-z_][\w]*)/.exec(withoutComments)?.[1];
}
