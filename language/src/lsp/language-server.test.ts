/**
 * The language server as an editor uses it: over LSP in-process, on a workspace folder holding a copy of
 * the repository's rules. Diagnostics, completion, hover, code lenses, and our own messages (tests,
 * compiled JSON, coverage, message language).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeLens,
  Diagnostic,
  CompletionItem,
  CompletionList,
  Hover,
  InitializeResult,
} from 'vscode-languageserver';
import { compileRuleSetToJson } from '#engine';
import { sourceRootOf } from '../source-root.js';
import { loadRules } from '../workspace.js';
import { fileUri, startInProcessServer, type InProcessServer } from './in-process-server.js';
import {
  ClientCommands,
  CompileRequest,
  CoverageRequest,
  ListTestsRequest,
  RunTestsRequest,
  ServerCommands,
  SetLanguageNotification,
  type CompileResult,
  type CoverageResult,
  type ListTestsResult,
  type RunTestsResult,
} from './protocol.js';

const REPO_RULES = join(import.meta.dirname, '../../../rules');

let folder: string;
let server: InProcessServer;
let rulesUri: string;
let testsUri: string;
let rulesText: string;
let testsText: string;
let testCount: number;

const errorsOf = (published: { diagnostics: Diagnostic[] }) =>
  published.diagnostics.filter((d) => d.severity === 1);

/** Line (0-based) and column of the first occurrence of `needle` after `after`. */
function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rules-lsp-'));
  cpSync(REPO_RULES, folder, { recursive: true });
  rulesUri = fileUri(join(folder, 'correction-actuals.crules'));
  testsUri = fileUri(join(folder, 'correction-actuals.crtest'));
  rulesText = readFileSync(join(folder, 'correction-actuals.crules'), 'utf8');
  testsText = readFileSync(join(folder, 'correction-actuals.crtest'), 'utf8');
  testCount = testsText.split('\n').filter((line) => line.startsWith('test "')).length;
  server = await startInProcessServer({ folder });
  server.open(rulesUri, rulesText);
  server.open(testsUri, testsText);
});

// A test that fails halfway must not leave its edit behind for the next ones.
afterEach(() => {
  server.change(rulesUri, rulesText);
  server.change(testsUri, testsText);
});

afterAll(async () => {
  await server?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

describe('initialize', () => {
  it('announces every editor feature the extension surfaces', () => {
    const capabilities = (server.initializeResult as InitializeResult).capabilities;
    expect(capabilities.completionProvider).toBeTruthy();
    expect(capabilities.hoverProvider).toBeTruthy();
    expect(capabilities.definitionProvider).toBeTruthy();
    expect(capabilities.renameProvider).toBeTruthy();
    expect(capabilities.documentFormattingProvider).toBeTruthy();
    expect(capabilities.documentSymbolProvider).toBeTruthy();
    expect(capabilities.codeActionProvider).toBeTruthy();
    expect(capabilities.codeLensProvider).toBeTruthy();
  });
});

describe('diagnostics', () => {
  it('publishes none for the repository rules, then an error at the mistyped value, then none again', async () => {
    expect(errorsOf(await server.diagnostics(rulesUri))).toEqual([]);
    const broken = rulesText.replace(
      'when class is Time and credit is partial',
      'when class is Tme and credit is partial',
    );
    server.change(rulesUri, broken);
    const published = await server.diagnostics(rulesUri, (p) => errorsOf(p).length > 0, { fresh: true });
    const [error] = errorsOf(published);
    expect(error?.message).toMatch(/`Tme` is not a class value.*Did you mean `Time`\?/s);
    expect(error?.range.start).toEqual(positionOf(broken, 'Tme'));

    server.change(rulesUri, rulesText);
    expect(
      errorsOf(await server.diagnostics(rulesUri, (p) => errorsOf(p).length === 0, { fresh: true })),
    ).toEqual([]);
  });
});

describe('completion and hover', () => {
  it('offers the class values after `class is`', async () => {
    const position = positionOf(rulesText, 'Time and credit is partial');
    const result: CompletionList | CompletionItem[] = await server.client.sendRequest(
      'textDocument/completion',
      {
        textDocument: { uri: rulesUri },
        position,
      },
    );
    const labels = (Array.isArray(result) ? result : result.items).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['Time', 'Expense', 'Material', 'Milestone', 'Retainer']));
  });

  it('explains what an action creates', async () => {
    const position = positionOf(rulesText, 'remaining', 'scenario TimePartialCredit');
    const hover: Hover = await server.client.sendRequest('textDocument/hover', {
      textDocument: { uri: rulesUri },
      position,
    });
    expect(JSON.stringify(hover.contents)).toMatch(/original minus corrected/);
  });
});

describe('code lenses', () => {
  it('puts "Run test" on every test and "Run all tests" on the file', async () => {
    const lenses: CodeLens[] = await server.client.sendRequest('textDocument/codeLens', {
      textDocument: { uri: testsUri },
    });
    const runOne = lenses.filter(
      (lens) => lens.command?.command === ClientCommands.runTest && lens.command.arguments?.length === 2,
    );
    const runAll = lenses.filter(
      (lens) => lens.command?.command === ClientCommands.runTest && lens.command.arguments?.length === 1,
    );
    expect(runOne).toHaveLength(testCount);
    expect(runAll).toHaveLength(1);
    const first = runOne[0]!;
    expect(first.command!.title).toBe('▶ Run test');
    expect(first.command!.arguments).toEqual([
      testsUri,
      'time 8 h at 200/h corrected to 6 h (published example)',
    ]);
    expect(first.range.start).toEqual(positionOf(testsText, 'test "time 8 h at 200/h'));
  });

  it('puts "Show compiled JSON" and "Show coverage matrix" on the rule set', async () => {
    const lenses: CodeLens[] = await server.client.sendRequest('textDocument/codeLens', {
      textDocument: { uri: rulesUri },
    });
    expect(lenses.map((lens) => [lens.command?.command, lens.command?.arguments])).toEqual([
      [ClientCommands.showCompiledJson, [rulesUri]],
      [ClientCommands.showCoverage, [rulesUri]],
    ]);
  });
});

describe('tests through the language server', () => {
  it('lists the tests of the workspace with their ranges', async () => {
    const result: ListTestsResult = await server.client.sendRequest(ListTestsRequest, {});
    expect(result.files.map((file) => file.uri)).toEqual([testsUri]);
    const [file] = result.files;
    expect(file!.ruleSet).toBe('CorrectionActuals');
    expect(file!.tests).toHaveLength(testCount);
    expect(file!.tests[0]!.range.start).toEqual(positionOf(testsText, 'test "time 8 h at 200/h'));
  });

  it('runs them all green, each with the explanation of its actuals', async () => {
    const result: RunTestsResult = await server.client.sendRequest(RunTestsRequest, { uri: testsUri });
    expect(result.failed).toBe(0);
    expect(result.passed).toBe(testCount);
    const published = result.files[0]!.tests[0]!;
    expect(published.scenario).toBe('TimePartialCredit');
    expect(published.actualText).toBe(published.expectedText);
    expect(published.actuals.map((a) => a.text)).toContain(
      'expect unbilled sales chargeable quantity 2 amount 400',
    );
    const remaining = published.actuals.find((a) => a.text.includes('quantity 2 amount 400'))!;
    const action = 'create unbilled sales chargeable for remaining';
    const start = positionOf(rulesText, action, 'scenario TimePartialCredit');
    expect(remaining.explanation).toBe(`TimePartialCredit (correction-actuals.crules:${start.line + 1}:3)`);
    expect(remaining.source).toEqual({
      uri: rulesUri,
      range: { start, end: { line: start.line, character: start.character + action.length } },
    });
  });

  it('the reference executor (json-rules-engine) agrees', async () => {
    const result: RunTestsResult = await server.client.sendRequest(RunTestsRequest, {
      uri: testsUri,
      executor: 'reference',
    });
    expect([result.passed, result.failed]).toEqual([testCount, 0]);
  });

  it('fails the tests of a scenario broken by an edit, with both sides of the diff, and passes again', async () => {
    const broken = rulesText.replace(
      '  create billed sales chargeable for corrected\n  create unbilled sales chargeable for remaining\n}',
      '  create billed sales chargeable for corrected\n  create unbilled sales chargeable for corrected\n}',
    );
    expect(broken).not.toBe(rulesText);
    server.change(rulesUri, broken);
    const name = 'time 8 h at 200/h corrected to 6 h (published example)';
    const result: RunTestsResult = await server.client.sendRequest(RunTestsRequest, {
      uri: testsUri,
      names: [name],
    });
    expect([result.passed, result.failed]).toEqual([0, 1]);
    const test = result.files[0]!.tests[0]!;
    expect(test.name).toBe(name);
    expect(test.failure).toMatch(/actuals differ/i);
    expect(test.expectedText).toContain('expect unbilled sales chargeable quantity 2 amount 400');
    expect(test.actualText).not.toContain('expect unbilled sales chargeable quantity 2 amount 400');
    expect(test.actualText).toMatch(
      /expect unbilled sales chargeable quantity 6 amount 1200\n.*\nexpect unbilled sales chargeable quantity 6 amount 1200/s,
    );
    expect(test.diff).toContain('- unbilled sales quantity 2 amount 400 Chargeable');

    server.change(rulesUri, rulesText);
    const again: RunTestsResult = await server.client.sendRequest(RunTestsRequest, {
      uri: testsUri,
      names: [name],
    });
    expect([again.passed, again.failed]).toEqual([1, 0]);
  });

  it('never answers from an old parse after a burst of keystrokes (each cancelling the previous build)', async () => {
    const before = rulesText.indexOf('when class is Time and credit is partial') + 'when class is '.length;
    const typed = ['', 'T', 'Tm', 'Tme', 'Tm', 'T', 'Ti', 'Tim', 'Time'];
    for (let round = 0; round < 5; round++) {
      for (const word of typed) {
        server.change(rulesUri, rulesText.slice(0, before) + word + rulesText.slice(before + 'Time'.length));
        await new Promise((resolve) => setTimeout(resolve, round));
      }
      const result: RunTestsResult = await server.client.sendRequest(RunTestsRequest, { uri: testsUri });
      expect(result.files[0]!.error).toBeUndefined();
      expect([result.passed, result.failed]).toEqual([testCount, 0]);
      const tests = await server.diagnostics(testsUri, (p) => errorsOf(p).length === 0);
      expect(errorsOf(tests)).toEqual([]);
    }
  });

  it('refuses to run against rules with errors and says where the first one is', async () => {
    const broken = rulesText.replace(
      'when class is Time and credit is partial',
      'when class is Tme and credit is partial',
    );
    server.change(rulesUri, broken);
    await server.diagnostics(rulesUri, (p) => errorsOf(p).length > 0, { fresh: true });
    const result: RunTestsResult = await server.client.sendRequest(RunTestsRequest, { uri: testsUri });
    const { line, character } = positionOf(broken, 'Tme');
    expect(result.files[0]!.error).toContain(
      `correction-actuals.crules:${line + 1}:${character + 1}: \`Tme\` is not a class value`,
    );
    expect(result.files[0]!.tests).toEqual([]);
    server.change(rulesUri, rulesText);
    await server.diagnostics(rulesUri, (p) => errorsOf(p).length === 0, { fresh: true });
  });

  it('tells the client when a test file changes', async () => {
    const added = `${testsText}\ntest "added in the editor" {\n  given Fee line quantity 1 amount 100 USD corrected to quantity 0\n  expect scenario FeeFullCredit\n}\n`;
    const announcesAdded = () =>
      server.testsChanged.some((change) =>
        change.files.some(
          (file) => file.uri === testsUri && file.tests.at(-1)?.name === 'added in the editor',
        ),
      );
    expect(announcesAdded()).toBe(false);
    try {
      server.change(testsUri, added);
      // Under load a notification of an earlier build may come first: wait for the one with the new test.
      await expect.poll(announcesAdded, { timeout: 20_000 }).toBe(true);
      const announced = server.testsChanged.find((change) =>
        change.files.some((f) => f.tests.length === testCount + 1),
      );
      expect(announced?.files[0]?.tests.at(-1)?.range.start).toEqual(
        positionOf(added, 'test "added in the editor"'),
      );
    } finally {
      server.change(testsUri, testsText);
    }
  });

  it('runs them through workspace/executeCommand too, for clients without custom requests', async () => {
    const capabilities = server.initializeResult.capabilities;
    expect(capabilities.executeCommandProvider?.commands).toEqual(
      expect.arrayContaining(Object.values(ServerCommands)),
    );
    const result: RunTestsResult = await server.client.sendRequest('workspace/executeCommand', {
      command: ServerCommands.runTests,
      arguments: [{ uri: testsUri }],
    });
    expect([result.passed, result.failed]).toEqual([testCount, 0]);
    const compiled: CompileResult = await server.client.sendRequest('workspace/executeCommand', {
      command: ServerCommands.compile,
      arguments: [{ uri: rulesUri }],
    });
    expect(compiled.ruleSet).toBe('CorrectionActuals');
  });

  it('answers an unknown document with an error, not an exception', async () => {
    const result: RunTestsResult = await server.client.sendRequest(RunTestsRequest, {
      uri: 'file:///nowhere.crtest',
    });
    expect(result.files[0]!.error).toMatch(/file:\/\/\/nowhere\.crtest is not a rules/);
  });
});

describe('compiled JSON and coverage', () => {
  it('gives the bytes `corrections compile` writes', async () => {
    const result: CompileResult = await server.client.sendRequest(CompileRequest, { uri: rulesUri });
    const loaded = await loadRules([join(folder, 'correction-actuals.crules')]);
    const file = join(folder, 'correction-actuals.crules');
    expect(result.error).toBeUndefined();
    expect(result.json).toBe(compileRuleSetToJson(loaded.ruleSets[0]!, { sourceRoot: sourceRootOf(file) }));
    expect(JSON.parse(result.json!).rules.length).toBeGreaterThan(10);
    const fromTests: CompileResult = await server.client.sendRequest(CompileRequest, { uri: testsUri });
    expect(fromTests.json).toBe(result.json);
  });

  it('shows the matrix: every cell covered by one scenario; a deleted scenario leaves named gaps', async () => {
    const full: CoverageResult = await server.client.sendRequest(CoverageRequest, { uri: rulesUri });
    expect(full.rows.map((row) => row.label)).toEqual([
      'Time',
      'Expense',
      'Material',
      'Fee',
      'Milestone',
      'Retainer (advance invoiced)',
      'Retainer (advance reconciled)',
    ]);
    expect(full.columns).toHaveLength(8);
    expect(full.columns[0]!.label).toBe('full credit, resource-based');
    expect(full.uncovered).toEqual([]);
    expect(full.rows[0]!.cells[2]!.scenarios).toEqual(['TimePartialCredit']);
    expect(full.scenarios['TimePartialCredit']!.range.start.line).toBe(
      positionOf(rulesText, 'scenario TimePartialCredit').line,
    );

    const start = rulesText.indexOf('scenario TimePartialCredit');
    const end = rulesText.indexOf('}', start) + 1;
    server.change(rulesUri, rulesText.slice(0, start) + rulesText.slice(end));
    const gap: CoverageResult = await server.client.sendRequest(CoverageRequest, { uri: rulesUri });
    expect(gap.uncovered).toEqual(['Time, partial credit, no advance, resource-based']);
    expect(gap.rows[0]!.cells[2]!.scenarios).toEqual([]);
    server.change(rulesUri, rulesText);
  });
});

describe('message language', () => {
  it('switches diagnostics, lenses and test failures to Vietnamese and back', async () => {
    const broken = rulesText.replace(
      'when class is Time and credit is partial',
      'when class is Tme and credit is partial',
    );
    server.change(rulesUri, broken);
    await server.diagnostics(rulesUri, (p) => errorsOf(p).length > 0, { fresh: true });
    const refreshes = server.codeLensRefreshes();
    await server.client.sendNotification(SetLanguageNotification, { language: 'vi' });
    const vi = await server.diagnostics(
      rulesUri,
      (p) => errorsOf(p).some((d) => /không phải là giá trị/.test(String(d.message))),
      { fresh: true },
    );
    expect(errorsOf(vi)).toHaveLength(1);
    const lenses: CodeLens[] = await server.client.sendRequest('textDocument/codeLens', {
      textDocument: { uri: testsUri },
    });
    expect(lenses[0]!.command!.title).toBe('▶ Chạy tất cả kiểm thử');
    await expect.poll(() => server.codeLensRefreshes()).toBeGreaterThan(refreshes);
    const run: RunTestsResult = await server.client.sendRequest(RunTestsRequest, { uri: testsUri });
    expect(run.files[0]!.error).toMatch(/^Bộ quy tắc `CorrectionActuals` có 1 lỗi/);

    await server.client.sendNotification(SetLanguageNotification, { language: 'en' });
    server.change(rulesUri, rulesText);
    await server.diagnostics(rulesUri, (p) => errorsOf(p).length === 0, { fresh: true });
  });
});
