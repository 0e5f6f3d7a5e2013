/**
 * The rules language server (`language/src/main-browser.ts`) in a module Web Worker, and the language client
 * that speaks LSP to it, with typed helpers for the server's own requests (protocol.ts).
 */
import { LanguageClientWrapper } from 'monaco-languageclient/lcwrapper';
import {
  CompileRequest,
  CoverageRequest,
  ListTestsRequest,
  TestsChangedNotification,
  RunTestsRequest,
  SetLanguageNotification,
  type CompileParams,
  type CompileResult,
  type CorrectionsInitializationOptions,
  type CoverageParams,
  type CoverageResult,
  type ListTestsParams,
  type ListTestsResult,
  type TestsChangedParams,
  type MessageLanguage,
  type RunTestsParams,
  type RunTestsResult,
  type SetLanguageParams,
} from '#language/protocol';
import serverWorkerUrl from '#language/browser-server?worker&url';
import { LANGUAGE_ID } from './editor-setup.js';

export interface RulesServer {
  listTests(params: ListTestsParams): Promise<ListTestsResult>;
  /** After each build: the test files that changed (the count in the tests pane follows edits). */
  onTestsChanged(listener: (params: TestsChangedParams) => void): void;
  runTests(params: RunTestsParams): Promise<RunTestsResult>;
  compile(params: CompileParams): Promise<CompileResult>;
  coverage(params: CoverageParams): Promise<CoverageResult>;
  setLanguage(language: MessageLanguage): Promise<void>;
}

/**
 * Starts the worker (`?lang=` sets its first message language) and the client; resolves once initialized.
 * `onWorkerError` hears of a worker that fails to load or throws (the client would otherwise wait forever).
 */
export async function startLanguageClient(
  language: MessageLanguage,
  onWorkerError: (message: string) => void,
): Promise<RulesServer> {
  const url = new URL(serverWorkerUrl, window.location.href);
  url.searchParams.set('lang', language);
  const worker = new Worker(url, { type: 'module', name: 'rules-language-server' });
  worker.addEventListener('error', (event) =>
    onWorkerError(event.message || 'the worker script did not load'),
  );
  const initializationOptions: CorrectionsInitializationOptions = { language };
  const wrapper = new LanguageClientWrapper({
    languageId: LANGUAGE_ID,
    connection: { options: { $type: 'WorkerDirect', worker } },
    clientOptions: {
      documentSelector: [{ language: LANGUAGE_ID }],
      initializationOptions,
    },
  });
  await wrapper.start();
  const client = wrapper.getLanguageClient();
  if (!client) throw new Error('the language client did not start');
  return {
    listTests: (params) => client.sendRequest<ListTestsResult>(ListTestsRequest, params),
    onTestsChanged: (listener) => {
      client.onNotification(TestsChangedNotification, listener);
    },
    runTests: (params) => client.sendRequest<RunTestsResult>(RunTestsRequest, params),
    compile: (params) => client.sendRequest<CompileResult>(CompileRequest, params),
    coverage: (params) => client.sendRequest<CoverageResult>(CoverageRequest, params),
    setLanguage: (language) =>
      client.sendNotification(SetLanguageNotification, { language } satisfies SetLanguageParams),
  };
}
