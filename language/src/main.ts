/** Language server over stdio/IPC for the VS Code extension. `--lang vi` (or LANG=vi_*) for Vietnamese. */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { resolveLanguage } from '../../engine/src/i18n/translator.js';
import { createCorrectionsServices } from './corrections-module.js';
import { setMessageLanguage } from './messages.js';

const langFlag = process.argv.indexOf('--lang');
setMessageLanguage(resolveLanguage(langFlag >= 0 ? process.argv[langFlag + 1] : undefined, process.env));

const connection = createConnection(ProposedFeatures.all);
const { shared } = createCorrectionsServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
