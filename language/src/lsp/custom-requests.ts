/**
 * The language server's own messages (see protocol.ts), on top of Langium's standard LSP: test discovery
 * and runs, compiled JSON, coverage matrix and the message language. Node and browser servers share it.
 */
import { DocumentState, URI } from 'langium';
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import { LANGUAGES, type Language, type Translate } from '#engine/i18n';
import type { MessageKey } from '../messages.js';
import { messagesOf } from './messages-of.js';
import { compileView, coverageView } from './compiled-views.js';
import {
  CompileRequest,
  CoverageRequest,
  ListTestsRequest,
  RunTestsRequest,
  SetLanguageNotification,
  TestsChangedNotification,
  type CompileParams,
  type CompileResult,
  type CorrectionsInitializationOptions,
  type CoverageParams,
  type CoverageResult,
  type DiscoveredTestFile,
  type ListTestsParams,
  type ListTestsResult,
  type RunTestsParams,
  type RunTestsResult,
  type SetLanguageParams,
  type TestsChangedParams,
} from './protocol.js';
import { CorrectionsCommandHandler, type CorrectionsHandlers } from './server-commands.js';
import { findDocument, type RulesDocument, type RulesServerOptions } from './rules-in-workspace.js';
import { discoverTests, isTestDocument, runTests } from './test-runs.js';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function allDocuments(shared: LangiumSharedServices): RulesDocument[] {
  return shared.workspace.LangiumDocuments.all.toArray() as RulesDocument[];
}

export function registerCustomRequests(
  shared: LangiumSharedServices,
  options: RulesServerOptions = {},
): void {
  const connection = shared.lsp.Connection;
  if (!connection) return;
  const builder = shared.workspace.DocumentBuilder;
  const messages = messagesOf(shared);
  const t: Translate<MessageKey> = (key, params) => messages.t(key, params);

  let codeLensRefresh = false;
  shared.lsp.LanguageServer.onInitialize((params) => {
    const language = (params.initializationOptions as CorrectionsInitializationOptions | undefined)?.language;
    if (isLanguage(language)) messages.setLanguage(language);
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  });

  // Answers only once every document is validated, queued behind pending edits (the workspace lock), so
  // a run right after a change sees the change.
  const documentsFor = (uri: string | undefined, token: Parameters<typeof builder.waitUntil>[1]) =>
    shared.workspace.WorkspaceLock.read(async () => {
      await builder.waitUntil(DocumentState.Validated, token);
      if (uri === undefined) return allDocuments(shared);
      const document = findDocument(shared, uri);
      return document ? [document] : undefined;
    });

  type Token = Parameters<typeof builder.waitUntil>[1];
  const handlers: CorrectionsHandlers = {
    async listTests(params: ListTestsParams, token?: Token): Promise<ListTestsResult> {
      const documents = (await documentsFor(params?.uri, token)) ?? [];
      const files = documents
        .map(discoverTests)
        .filter((file): file is DiscoveredTestFile => file !== undefined);
      files.sort((a, b) => a.uri.localeCompare(b.uri));
      return { files };
    },
    async runTests(params: RunTestsParams, token?: Token): Promise<RunTestsResult> {
      const documents = await documentsFor(params?.uri, token);
      if (!documents) {
        const uri = params.uri!;
        return {
          files: [{ uri, ruleSet: '', error: t('lsp.notRulesDocument', { uri }), tests: [] }],
          passed: 0,
          failed: 0,
        };
      }
      documents.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
      return runTests(shared, documents, params ?? {}, options);
    },
    async compile(params: CompileParams, token?: Token): Promise<CompileResult> {
      const [document] = (await documentsFor(params?.uri, token)) ?? [];
      if (!document) return { error: t('lsp.notRulesDocument', { uri: String(params?.uri) }) };
      return compileView(shared, document, options);
    },
    async coverage(params: CoverageParams, token?: Token): Promise<CoverageResult> {
      const [document] = (await documentsFor(params?.uri, token)) ?? [];
      if (!document) {
        const error = t('lsp.notRulesDocument', { uri: String(params?.uri) });
        return { error, columns: [], rows: [], uncovered: [], ambiguous: [], scenarios: {} };
      }
      return coverageView(shared, document, options);
    },
  };
  connection.onRequest(ListTestsRequest, handlers.listTests);
  connection.onRequest(RunTestsRequest, handlers.runTests);
  connection.onRequest(CompileRequest, handlers.compile);
  connection.onRequest(CoverageRequest, handlers.coverage);
  if (shared.lsp.ExecuteCommandHandler instanceof CorrectionsCommandHandler) {
    shared.lsp.ExecuteCommandHandler.attach(handlers);
  }

  connection.onNotification(SetLanguageNotification, async (params: SetLanguageParams) => {
    if (!isLanguage(params?.language)) return;
    messages.setLanguage(params.language);
    // Diagnostics carry their text: validate every document again in the new language.
    const uris = allDocuments(shared).map((document) => document.uri);
    await shared.workspace.WorkspaceLock.write((token) => builder.update(uris, [], token));
    // Lens titles are translated too; clients only ask again when told to.
    if (codeLensRefresh) await connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  // The Test Explorer follows edits: after each build, the test files it touched; deletions as they come.
  builder.onBuildPhase(DocumentState.Validated, (documents) => {
    const files = (documents as RulesDocument[])
      .filter(isTestDocument)
      .map(discoverTests)
      .filter((file): file is DiscoveredTestFile => file !== undefined);
    if (files.length === 0) return;
    const params: TestsChangedParams = { files, removed: [] };
    void connection.sendNotification(TestsChangedNotification, params);
  });
  builder.onUpdate((_changed: URI[], deleted: URI[]) => {
    const removed = deleted.filter((uri) => uri.path.endsWith('.crtest')).map((uri) => uri.toString());
    if (removed.length === 0) return;
    const params: TestsChangedParams = { files: [], removed };
    void connection.sendNotification(TestsChangedNotification, params);
  });
}
