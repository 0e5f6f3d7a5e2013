/**
 * The rules language's public entry for other folders: load and check rules files, the Langium services,
 * an in-process language server, and the `corrections` CLI. The editors import `#language/protocol`
 * (the custom LSP requests) and the browser worker `#language/browser-server` instead.
 */
export {
  formatDiagnostic,
  loadRules,
  RULES_EXTENSIONS,
  type LoadedRules,
  type LoadRulesOptions,
  type RulesDiagnostic,
  type RuleTestFile,
} from './workspace.js';
export {
  createCorrectionsServices,
  type CorrectionsServices,
  type CorrectionsServicesContext,
} from './corrections-module.js';
export {
  fileUri,
  startInProcessServer,
  type InProcessServer,
  type InProcessServerOptions,
  type PublishedDiagnostics,
} from './lsp/in-process-server.js';
export { runCli, EXIT_FAILURES, EXIT_OK, EXIT_USAGE, type CliIo } from './cli/run-cli.js';
