/**
 * `corrections.showCoverage`: a webview with the coverage matrix of `corrections/coverage`, one panel per
 * rule set file, refreshed while the rules are edited; clicking a scenario opens it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CoverageRequest, type CoverageParams, type CoverageResult } from '#language/protocol';
import type { Translate } from '#engine/i18n';
import type { Language, UiKey } from './i18n.js';
import { renderCoverageHtml } from './coverage-html.js';
import { resolveSource } from './compiled-json.js';
import { fileLabel } from './test-results.js';
import { errorText, toRange } from './test-controller.js';

export class CoveragePanels implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; result?: CoverageResult }>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly t: () => Translate<UiKey>,
    private readonly language: () => Language,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'correction-rules' && this.panels.size > 0) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.refreshAll(), 700);
        }
      }),
    );
  }

  async show(sourceArg?: string | vscode.Uri): Promise<void> {
    const t = this.t();
    const source = resolveSource(sourceArg);
    if (!source) {
      void vscode.window.showWarningMessage(t('compile.noEditor'));
      return;
    }
    const key = source.toString();
    const result = await this.request(key);
    if (result.error && result.rows.length === 0) {
      void vscode.window.showErrorMessage(t('coverage.error', { file: fileLabel(key), error: result.error }));
      return;
    }
    let entry = this.panels.get(key);
    if (entry) entry.panel.reveal(vscode.ViewColumn.Beside);
    else {
      const panel = vscode.window.createWebviewPanel(
        'corrections.coverage',
        t('coverage.title', { ruleSet: result.ruleSet ?? fileLabel(key) }),
        vscode.ViewColumn.Beside,
        { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
      );
      entry = { panel };
      this.panels.set(key, entry);
      panel.onDidDispose(() => this.panels.delete(key));
      panel.webview.onDidReceiveMessage((message: { type?: string; scenario?: string }) => {
        if (message.type === 'reveal' && message.scenario) void this.reveal(key, message.scenario);
      });
    }
    this.render(key, result);
  }

  async refreshAll(): Promise<void> {
    for (const key of [...this.panels.keys()]) {
      const result = await this.request(key);
      if (!result.error || result.rows.length > 0) this.render(key, result);
    }
  }

  /** Re-renders with the current language (the server answers in it too, so ask again). */
  relabel(): void {
    void this.refreshAll();
  }

  private render(key: string, result: CoverageResult): void {
    const entry = this.panels.get(key);
    if (!entry) return;
    entry.result = result;
    const t = this.t();
    entry.panel.title = t('coverage.title', { ruleSet: result.ruleSet ?? fileLabel(key) });
    entry.panel.webview.html = renderCoverageHtml(result, {
      cspSource: entry.panel.webview.cspSource,
      nonce: nonce(),
      t,
      lang: this.language(),
    });
  }

  private async reveal(key: string, scenario: string): Promise<void> {
    const location = this.panels.get(key)?.result?.scenarios[scenario];
    if (!location) return;
    await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
      selection: toRange(location.range),
      viewColumn: vscode.ViewColumn.One,
    });
  }

  private async request(uri: string): Promise<CoverageResult> {
    const empty: CoverageResult = { columns: [], rows: [], uncovered: [], ambiguous: [], scenarios: {} };
    const client = this.client();
    if (!client?.isRunning()) return { ...empty, error: this.t()('tests.notReady') };
    try {
      const params: CoverageParams = { uri };
      return await client.sendRequest<CoverageResult>(CoverageRequest, params);
    } catch (error) {
      return {
        ...empty,
        error: this.t()('request.unsupported', { method: CoverageRequest, error: errorText(error) }),
      };
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const { panel } of this.panels.values()) panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}
