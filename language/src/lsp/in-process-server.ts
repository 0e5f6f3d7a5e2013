/**
 * The Node language server and an LSP client in one process, over in-memory streams: for the LSP tests
 * and `bench:lsp`. The client never sends `exit` (the server would end the process).
 */
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, Range } from 'vscode-languageserver';
import { createConnection } from 'vscode-languageserver/node';
import { sourceRootOf } from '../source-root.js';
import {
  ListTestsRequest,
  TestsChangedNotification,
  type MessageLanguage,
  type TestsChangedParams,
} from './protocol.js';
import { startCorrectionsServer } from './server.js';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the client received them. */
  at: number;
}

export interface InProcessServer {
  client: MessageConnection;
  initializeResult: InitializeResult;
  /** Every testsChanged notification received so far. */
  testsChanged: TestsChangedParams[];
  /** How often the server asked the client to fetch code lenses again. */
  codeLensRefreshes(): number;
  open(uri: string, text: string, languageId?: string): void;
  /** Replaces the whole text (full sync); returns the new version. */
  change(uri: string, text: string): number;
  /** Replaces a range of the text, as VS Code sends typing (incremental sync); returns the new version. */
  edit(uri: string, range: Range, text: string): number;
  /** The next diagnostics for `uri` that satisfy `accept` (already received ones count when `since` is omitted). */
  diagnostics(
    uri: string,
    accept?: (published: PublishedDiagnostics) => boolean,
    options?: { timeoutMs?: number; fresh?: boolean },
  ): Promise<PublishedDiagnostics>;
  dispose(): Promise<void>;
}

export interface InProcessServerOptions {
  /** Workspace folder: its rules files are loaded as VS Code would have the server load them. */
  folder?: string;
  language?: MessageLanguage;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}

export async function startInProcessServer(options: InProcessServerOptions = {}): Promise<InProcessServer> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startCorrectionsServer(serverConnection, NodeFileSystem.fileSystemProvider, { sourceRootOf });

  const client = createMessageConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  const latest = new Map<string, PublishedDiagnostics>();
  const waiters = new Set<{
    uri: string;
    accept: (p: PublishedDiagnostics) => boolean;
    resolve: (p: PublishedDiagnostics) => void;
  }>();
  const testsChanged: TestsChangedParams[] = [];
  const versions = new Map<string, number>();
  let codeLensRefreshes = 0;

  client.onNotification('textDocument/publishDiagnostics', (params: Omit<PublishedDiagnostics, 'at'>) => {
    const published = { ...params, at: performance.now() };
    latest.set(params.uri, published);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(published)) {
        waiters.delete(waiter);
        waiter.resolve(published);
      }
    }
  });
  client.onNotification(TestsChangedNotification, (params: TestsChangedParams) => {
    testsChanged.push(params);
  });
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.onRequest('workspace/codeLens/refresh', () => {
    codeLensRefreshes++;
    return null;
  });
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  client.listen();

  const folder = options.folder ? fileUri(options.folder) : null;
  const initializeResult: InitializeResult = await client.sendRequest('initialize', {
    processId: null,
    rootUri: folder,
    workspaceFolders: folder ? [{ uri: folder, name: 'rules' }] : null,
    capabilities: {
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
      workspace: { workspaceFolders: true, codeLens: { refreshSupport: true } },
    },
    initializationOptions: { language: options.language ?? 'en' },
  });
  await client.sendNotification('initialized', {});

  return {
    client,
    initializeResult,
    testsChanged,
    codeLensRefreshes: () => codeLensRefreshes,
    open(uri, text, languageId = 'correction-rules') {
      versions.set(uri, 1);
      void client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId, version: 1, text },
      });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
      return version;
    },
    edit(uri, range, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      });
      return version;
    },
    diagnostics(uri, accept = () => true, { timeoutMs = 20_000, fresh = false } = {}) {
      const current = latest.get(uri);
      if (!fresh && current && accept(current)) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const waiter = {
          uri,
          accept,
          resolve: (p: PublishedDiagnostics) => (clearTimeout(timer), resolve(p)),
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async dispose() {
      // Our requests queue behind pending builds: once one answers, no build is left to publish into a
      // closed connection (an unhandled rejection in the test run).
      await client.sendRequest(ListTestsRequest, { uri: 'file:///drain' }).catch(() => undefined);
      await client.sendRequest('shutdown').catch(() => undefined);
      client.dispose();
      serverConnection.dispose();
      toServer.end();
      toClient.end();
    },
  };
}
