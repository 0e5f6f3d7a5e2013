/** Starts the rules language server on a connection: Langium's LSP plus our own messages. */
import type { FileSystemProvider } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { createCorrectionsServices } from '../corrections-module.js';
import { registerCustomRequests } from './custom-requests.js';
import type { RulesServerOptions } from './rules-in-workspace.js';

export function startCorrectionsServer(
  connection: Connection,
  fileSystemProvider: () => FileSystemProvider,
  options: RulesServerOptions = {},
) {
  const services = createCorrectionsServices({ connection, fileSystemProvider, language: options.language });
  registerCustomRequests(services.shared, options);
  startLanguageServer(services.shared);
  return services;
}
