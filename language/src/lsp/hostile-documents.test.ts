/**
 * The language server as VS Code runs it (its own Node process over stdio): documents that used to end
 * the process (a quoted text of 4 MB overflowed the lexer's stack) or to stall it get a diagnostic at
 * their place, and the server goes on answering.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover } from 'vscode-languageserver';
import { MAX_DOCUMENT_CHARS } from '../parsing/input-limits.js';
import { COMPLETE_RULESET } from '../test/services.js';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

let server: ChildProcess;
let client: MessageConnection;
const published = new Map<string, Diagnostic[]>();
const waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();

function diagnosticsOf(uri: string): Promise<Diagnostic[]> {
  return new Promise((resolve) => waiting.set(uri, resolve));
}

function open(uri: string, text: string): Promise<Diagnostic[]> {
  const next = diagnosticsOf(uri);
  void client.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'correction-rules', version: 1, text },
  });
  return next;
}

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  client = createMessageConnection(
    new StreamMessageReader(server.stdout!),
    new StreamMessageWriter(server.stdin!),
  );
  client.onNotification(
    'textDocument/publishDiagnostics',
    (params: { uri: string; diagnostics: Diagnostic[] }) => {
      published.set(params.uri, params.diagnostics);
      waiting.get(params.uri)?.(params.diagnostics);
    },
  );
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  await client.sendNotification('initialized', {});
}, 60_000);

afterAll(async () => {
  await client?.sendRequest('shutdown').catch(() => undefined);
  await client?.sendNotification('exit').catch(() => undefined);
  client?.dispose();
  server?.kill();
});

describe('hostile documents through the real server', () => {
  it('reports a quoted text of 4 MB at its place and goes on answering', async () => {
    const uri = 'file:///hostile/huge-string.crules';
    const text = `ruleset Huge\nscenario A {\n  when class is Time\n  unsupported "${'x'.repeat(4 * 1024 * 1024)}"\n}\n`;
    const diagnostics = await open(uri, text);
    const tooLong = diagnostics.find((d) => String(d.message).includes('at most 100,000 are allowed'));
    expect(tooLong?.range.start).toEqual({ line: 3, character: 14 });

    const small = 'file:///hostile/small.crules';
    await open(small, COMPLETE_RULESET);
    const hover: Hover | null = await client.sendRequest('textDocument/hover', {
      textDocument: { uri: small },
      position: { line: 2, character: 2 },
    });
    expect(JSON.stringify(hover)).toContain('scenario');
    expect(server.exitCode).toBeNull();
  }, 60_000);

  it('refuses a document over the size limit unread, with one diagnostic', async () => {
    const uri = 'file:///hostile/too-large.crules';
    const diagnostics = await open(uri, `ruleset Big\n// ${'x'.repeat(MAX_DOCUMENT_CHARS)}\n`);
    expect(diagnostics[0]!.message).toMatch(
      /^This file has [\d,]+ characters; a rules file may have at most 8,388,608/,
    );
    expect(server.exitCode).toBeNull();
  }, 60_000);
});
