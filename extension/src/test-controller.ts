/**
 * The Test Explorer: `.crtest` files and their tests come from the server (`corrections/listTests`, kept
 * up to date by `corrections/testsChanged`), runs go through `corrections/runTests` (the engine's rule-test
 * runner, as `corrections test`). Code lenses and run-on-save use the same run path, so their results show
 * in the Test Explorer too.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ListTestsRequest,
  RunTestsRequest,
  TestsChangedNotification,
  type DiscoveredTestFile,
  type ListTestsParams,
  type ListTestsResult,
  type LspRange,
  type RunTestsParams,
  type RunTestsResult,
  type TestsChangedParams,
} from '#language/protocol';
import type { Translate } from '#engine/i18n';
import type { UiKey } from './i18n.js';
import {
  failureView,
  fileLabel,
  parseTestId,
  planRun,
  ruleSetNameOf,
  runHeader,
  runSummary,
  testId,
  testOutput,
} from './test-results.js';

type Executor = 'fast' | 'reference';

export function toRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class CorrectionsTestController implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private readonly fastProfile: vscode.TestRunProfile;
  private readonly referenceProfile: vscode.TestRunProfile;
  private readonly disposables: vscode.Disposable[] = [];
  /** uri -> rule set the file tests. */
  private readonly ruleSets = new Map<string, string>();

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly t: () => Translate<UiKey>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.controller = vscode.tests.createTestController('correctionRules', t()('tests.controller'));
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.refresh();
    };
    this.controller.refreshHandler = () => this.refresh();
    this.fastProfile = this.controller.createRunProfile(
      t()('tests.profile.fast'),
      vscode.TestRunProfileKind.Run,
      async (request, token) => {
        await this.run(request, token, 'fast');
      },
      this.defaultExecutor() === 'fast',
    );
    this.referenceProfile = this.controller.createRunProfile(
      t()('tests.profile.reference'),
      vscode.TestRunProfileKind.Run,
      async (request, token) => {
        await this.run(request, token, 'reference');
      },
      this.defaultExecutor() === 'reference',
    );
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidSaveTextDocument((doc) => this.onSave(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('corrections.testing.executor')) {
          this.fastProfile.isDefault = this.defaultExecutor() === 'fast';
          this.referenceProfile.isDefault = this.defaultExecutor() === 'reference';
        }
      }),
    );
  }

  /** Called whenever a (new) client is running: listen to its notifications and load the tests. */
  attach(client: LanguageClient): void {
    this.disposables.push(
      client.onNotification(TestsChangedNotification, (params: TestsChangedParams) =>
        this.applyChanges(params),
      ),
    );
    void this.refresh();
  }

  relabel(): void {
    const t = this.t();
    this.controller.label = t('tests.controller');
    this.fastProfile.label = t('tests.profile.fast');
    this.referenceProfile.label = t('tests.profile.reference');
  }

  private defaultExecutor(): Executor {
    return vscode.workspace.getConfiguration('corrections').get<Executor>('testing.executor') === 'reference'
      ? 'reference'
      : 'fast';
  }

  /** Loads every test file the server knows (or the one given). */
  async refresh(uri?: string): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) return;
    try {
      const params: ListTestsParams = uri ? { uri } : {};
      const result = await client.sendRequest<ListTestsResult>(ListTestsRequest, params);
      if (!uri) {
        const known = new Set(result.files.map((f) => f.uri));
        this.controller.items.forEach((item) => {
          if (!known.has(item.id)) this.removeFile(item.id);
        });
      }
      for (const file of result.files) this.upsertFile(file);
    } catch (error) {
      this.log.warn(`${ListTestsRequest} failed: ${String(error)}`);
    }
  }

  applyChanges(params: TestsChangedParams): void {
    for (const uri of params.removed ?? []) this.removeFile(uri);
    for (const file of params.files ?? []) this.upsertFile(file);
  }

  private removeFile(uri: string): void {
    this.controller.items.delete(uri);
    this.ruleSets.delete(uri);
  }

  private upsertFile(file: DiscoveredTestFile): vscode.TestItem {
    const uri = vscode.Uri.parse(file.uri);
    let item = this.controller.items.get(file.uri);
    if (!item) {
      item = this.controller.createTestItem(file.uri, fileLabel(file.uri), uri);
      this.controller.items.add(item);
    }
    item.range = toRange(file.range);
    item.description = file.ruleSet;
    this.ruleSets.set(file.uri, file.ruleSet);
    const children = file.tests.map((test, index) => {
      const id = testId(file.uri, test.name);
      const child = item.children.get(id) ?? this.controller.createTestItem(id, test.name, uri);
      child.range = toRange(test.range);
      child.sortText = String(index).padStart(6, '0');
      return child;
    });
    item.children.replace(children);
    return item;
  }

  private onSave(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'correction-rules') return;
    if (!vscode.workspace.getConfiguration('corrections').get<boolean>('testing.runOnSave')) return;
    const uri = doc.uri.toString();
    let items: vscode.TestItem[];
    if (uri.endsWith('.crtest')) {
      const item = this.controller.items.get(uri);
      items = item ? [item] : [];
    } else {
      const ruleSet = ruleSetNameOf(doc.getText());
      items = [];
      this.controller.items.forEach((item) => {
        if (!ruleSet || this.ruleSets.get(item.id) === ruleSet) items.push(item);
      });
    }
    this.log.info(
      `Saved ${uri}: running ${items.map((i) => i.label).join(', ') || 'no tests'} (run on save)`,
    );
    if (items.length > 0) void this.runItems(items);
  }

  /** `corrections.runTest` [uri, name?]: one test, or all of the file's tests, through the Test Explorer. */
  async runFromCommand(
    uriArg?: string | vscode.Uri,
    name?: string,
  ): Promise<{ passed: number; failed: number }> {
    const uri =
      uriArg === undefined
        ? vscode.window.activeTextEditor?.document.uri.toString()
        : typeof uriArg === 'string'
          ? vscode.Uri.parse(uriArg).toString()
          : uriArg.toString();
    if (!uri) return { passed: 0, failed: 0 };
    let file = this.controller.items.get(uri);
    if (!file || (name !== undefined && !file.children.get(testId(uri, name)))) {
      await this.refresh(uri);
      file = this.controller.items.get(uri);
    }
    const item = name === undefined ? file : file?.children.get(testId(uri, name));
    if (!item) {
      void vscode.window.showWarningMessage(this.t()('tests.notFound', { uri: fileLabel(uri) }));
      return { passed: 0, failed: 0 };
    }
    return this.runItems([item]);
  }

  private async runItems(items: vscode.TestItem[]): Promise<{ passed: number; failed: number }> {
    const executor = this.defaultExecutor();
    const profile = executor === 'fast' ? this.fastProfile : this.referenceProfile;
    const source = new vscode.CancellationTokenSource();
    try {
      return await this.run(new vscode.TestRunRequest(items, undefined, profile), source.token, executor);
    } finally {
      source.dispose();
    }
  }

  async run(
    request: vscode.TestRunRequest,
    token: vscode.CancellationToken,
    executor: Executor,
  ): Promise<{ passed: number; failed: number }> {
    const t = this.t();
    const totals = { passed: 0, failed: 0 };
    const run = this.controller.createTestRun(request, undefined, true);
    try {
      const client = this.client();
      if (!client?.isRunning()) {
        run.appendOutput(`${t('tests.notReady')}\r\n`);
        for (const item of request.include ?? [])
          run.errored(item, new vscode.TestMessage(t('tests.notReady')));
        return totals;
      }
      const selected: vscode.TestItem[] = [];
      if (request.include) selected.push(...request.include);
      else this.controller.items.forEach((item) => selected.push(item));
      const ref = (item: vscode.TestItem) => {
        const { uri, name } = parseTestId(item.id);
        const children: string[] = [];
        item.children.forEach((c) => children.push(parseTestId(c.id).name!));
        return { uri, name, children };
      };
      const plan = planRun(selected.map(ref), (request.exclude ?? []).map(ref));

      const itemsOf = (uri: string, names: string[] | undefined): vscode.TestItem[] => {
        const file = this.controller.items.get(uri);
        if (!file) return [];
        if (names === undefined) {
          const all: vscode.TestItem[] = [];
          file.children.forEach((c) => all.push(c));
          return all;
        }
        return names.map((n) => file.children.get(testId(uri, n))).filter((c): c is vscode.TestItem => !!c);
      };
      for (const [uri, names] of plan) for (const item of itemsOf(uri, names)) run.enqueued(item);

      for (const [uri, names] of plan) {
        if (token.isCancellationRequested) break;
        const pending = new Map(itemsOf(uri, names).map((item) => [item.id, item]));
        for (const item of pending.values()) run.started(item);
        const params: RunTestsParams = { uri, executor, ...(names ? { names } : {}) };
        let result: RunTestsResult;
        try {
          result = await client.sendRequest<RunTestsResult>(RunTestsRequest, params, token);
        } catch (error) {
          const message = new vscode.TestMessage(t('tests.request.failed', { error: errorText(error) }));
          run.appendOutput(`${message.message}\r\n`);
          for (const item of pending.values()) run.errored(item, message);
          continue;
        }
        for (const file of result.files) {
          const fileItem = this.controller.items.get(file.uri);
          run.appendOutput(`${runHeader(file, executor, t)}\r\n`);
          if (file.error) {
            const message = new vscode.TestMessage(
              t('tests.fileError', { file: fileLabel(file.uri), error: file.error }),
            );
            if (fileItem)
              message.location = new vscode.Location(
                fileItem.uri!,
                fileItem.range ?? new vscode.Range(0, 0, 0, 0),
              );
            run.appendOutput(`  ${message.message}\r\n`);
            if (pending.size === 0 && fileItem) run.errored(fileItem, message);
            for (const item of pending.values()) run.errored(item, message);
            totals.failed += Math.max(pending.size, 1);
            pending.clear();
            continue;
          }
          for (const test of file.tests) {
            const id = testId(file.uri, test.name);
            const item = pending.get(id) ?? fileItem?.children.get(id);
            pending.delete(id);
            const itemUri = vscode.Uri.parse(file.uri);
            const location = new vscode.Location(itemUri, toRange(test.range));
            run.appendOutput(testOutput(test, t).join('\r\n') + '\r\n', location, item);
            if (!item) continue;
            if (test.passed) {
              totals.passed++;
              run.passed(item, test.durationMs);
            } else {
              totals.failed++;
              run.failed(item, this.failureMessage(test, itemUri), test.durationMs);
            }
          }
          run.appendOutput(`${runSummary(file, t)}\r\n\r\n`);
        }
        for (const item of pending.values()) run.skipped(item);
      }
      return totals;
    } finally {
      run.end();
    }
  }

  private failureMessage(test: Parameters<typeof failureView>[0], uri: vscode.Uri): vscode.TestMessage {
    const view = failureView(test, this.t());
    const message =
      view.expected !== undefined
        ? vscode.TestMessage.diff(view.message, view.expected, view.actual ?? '')
        : new vscode.TestMessage(view.message);
    message.location = new vscode.Location(uri, toRange(view.range));
    if ('TestMessageStackFrame' in vscode && view.frames.length > 0) {
      message.stackTrace = view.frames.map(
        (f) =>
          new vscode.TestMessageStackFrame(
            f.label,
            vscode.Uri.parse(f.uri),
            new vscode.Position(f.range.start.line, f.range.start.character),
          ),
      );
    }
    return message;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
