/** Language server over stdio/IPC for the VS Code extension. `--lang vi` (or LANG=vi_*) for Vietnamese. */
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { localeOfEnv, resolveLanguage } from '#engine/i18n';
import { startCorrectionsServer } from './lsp/server.js';
import { sourceRootOf } from './source-root.js';

const langFlag = process.argv.indexOf('--lang');
const language = resolveLanguage([
  langFlag >= 0 ? process.argv[langFlag + 1] : undefined,
  localeOfEnv(process.env),
]);

// Compiled sources are named as `corrections compile` names them, so both give the same JSON bytes.
startCorrectionsServer(createConnection(ProposedFeatures.all), NodeFileSystem.fileSystemProvider, {
  sourceRootOf,
  language,
});
