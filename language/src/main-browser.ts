/** Language server in a Web Worker, for the browser rule editor (same services, no file system). */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { resolveLanguage } from '#engine/i18n';
import { startCorrectionsServer } from './lsp/server.js';

// The worker's global scope is the message port to the editor.
const port = self as unknown as Worker;
const language = resolveLanguage([
  new URL(self.location.href).searchParams.get('lang'),
  ...navigator.languages,
]);

const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
startCorrectionsServer(connection, EmptyFileSystem.fileSystemProvider, { language });
