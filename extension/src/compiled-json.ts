/**
 * `corrections.showCompiledJson`: a read-only virtual JSON document (`corrections-json:` scheme) holding
 * the `corrections/compile` result of a rule set, refreshed while its source is edited; and
 * `corrections.compileToFile`, which writes that JSON to a file (default `<name>.json` beside the rules).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CompileRequest, type CompileParams, type CompileResult } from '#language/protocol';
import type { Translate } from '#engine/i18n';
import type { UiKey } from './i18n.js';
import { fileLabel } from './test-results.js';
import { errorText } from './test-controller.js';

export const COMPILED_SCHEME = 'corrections-json';

/** `corrections-json:/<RuleSet or file>.json?<source uri>`: the path gives the tab its title. */
export function compiledUri(source: string, title: string): vscode.Uri {
  return vscode.Uri.from({ scheme: COMPILED_SCHEME, path: `/${title}.json`, query: source });
}

export function defaultJsonTarget(source: vscode.Uri): vscode.Uri {
  const base = source.path.replace(/\.(crules|crtest)$/, '');
  return source.with({ path: `${base}.json` });
}

export class CompiledJsonProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly lastGood = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly t: () => Translate<UiKey>,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(COMPILED_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'correction-rules') this.scheduleRefresh();
      }),
    );
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme === COMPILED_SCHEME) this.changed.fire(doc.uri);
      }
    }, 700);
  }

  async compile(source: string): Promise<CompileResult> {
    const client = this.client();
    if (!client?.isRunning()) return { error: this.t()('tests.notReady') };
    try {
      const params: CompileParams = { uri: source };
      return await client.sendRequest<CompileResult>(CompileRequest, params);
    } catch (error) {
      return { error: this.t()('request.unsupported', { method: CompileRequest, error: errorText(error) }) };
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = uri.query;
    const result = await this.compile(source);
    if (result.json !== undefined) {
      this.lastGood.set(source, result.json);
      return result.json;
    }
    const error = this.t()('compile.error', { file: fileLabel(source), error: result.error ?? '?' });
    // Keep the last good JSON visible below the error while the rules are being edited.
    return `// ${error.replace(/\n/g, '\n// ')}\n${this.lastGood.get(source) ?? ''}`;
  }

  /** Opens the compiled JSON of a `.crules` (or the rule set a `.crtest` tests) beside the editor. */
  async show(sourceArg?: string | vscode.Uri): Promise<vscode.TextEditor | undefined> {
    const source = resolveSource(sourceArg);
    if (!source) {
      void vscode.window.showWarningMessage(this.t()('compile.noEditor'));
      return undefined;
    }
    const result = await this.compile(source.toString());
    if (result.json === undefined) {
      void vscode.window.showErrorMessage(
        this.t()('compile.error', { file: fileLabel(source.toString()), error: result.error ?? '?' }),
      );
      return undefined;
    }
    this.lastGood.set(source.toString(), result.json);
    const uri = compiledUri(source.toString(), result.ruleSet ?? fileLabel(source.toString()));
    let doc = await vscode.workspace.openTextDocument(uri);
    // jsonc: while the rules have errors the document shows the error as a comment above the last good JSON.
    if (doc.languageId !== 'jsonc') doc = await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
    this.changed.fire(uri);
    return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  /** `corrections.compileToFile` [source?, target?]: asks where (unless given) and writes the JSON. */
  async compileToFile(
    sourceArg?: string | vscode.Uri,
    targetArg?: string | vscode.Uri,
  ): Promise<string | undefined> {
    const t = this.t();
    const source = resolveSource(sourceArg);
    if (!source) {
      void vscode.window.showWarningMessage(t('compile.noEditor'));
      return undefined;
    }
    const result = await this.compile(source.toString());
    if (result.json === undefined) {
      void vscode.window.showErrorMessage(
        t('compile.error', { file: fileLabel(source.toString()), error: result.error ?? '?' }),
      );
      return undefined;
    }
    let target: vscode.Uri | undefined;
    if (targetArg !== undefined) {
      target =
        typeof targetArg !== 'string'
          ? targetArg
          : /^[a-z][\w+.-]+:/i.test(targetArg) && !/^[a-z]:[\\/]/i.test(targetArg)
            ? vscode.Uri.parse(targetArg)
            : vscode.Uri.file(targetArg);
    } else {
      target = await vscode.window.showSaveDialog({
        defaultUri: defaultJsonTarget(source),
        filters: { JSON: ['json'] },
        title: t('compile.saveTitle'),
      });
    }
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.json));
    const shown = vscode.workspace.asRelativePath(target);
    void vscode.window
      .showInformationMessage(
        t('compile.written', { ruleSet: result.ruleSet ?? '?', target: shown }),
        t('compile.open'),
      )
      .then((choice) => {
        if (choice) void vscode.window.showTextDocument(target);
      });
    return target.toString();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** A command's uri argument (string from a code lens, Uri from a menu), else the active rules editor. */
export function resolveSource(arg?: string | vscode.Uri): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return vscode.Uri.parse(arg);
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === 'correction-rules' ? doc.uri : undefined;
}
