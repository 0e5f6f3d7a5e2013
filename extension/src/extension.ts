/**
 * The Correction Rules extension: starts the bundled Langium language server (dist/server.cjs) and adds
 * what LSP does not cover: the Test Explorer, the code-lens commands of `ClientCommands`, the compiled JSON,
 * the coverage matrix and the message language (`corrections.language`).
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ClientCommands,
  SetLanguageNotification,
  type CorrectionsInitializationOptions,
  type SetLanguageParams,
} from '#language/protocol';
import { resolveLanguage } from '#engine/i18n';
import { uiTranslator, type Language } from './i18n.js';
import { CompiledJsonProvider } from './compiled-json.js';
import { CoveragePanels } from './coverage-panel.js';
import { CorrectionsTestController, errorText } from './test-controller.js';

export const LANGUAGE_ID = 'correction-rules';

let client: LanguageClient | undefined;

/** `corrections.language`: `en`/`vi` win; `auto` follows VS Code's display language. */
function configuredLanguage(): Language {
  return resolveLanguage([
    vscode.workspace.getConfiguration('corrections').get<string>('language'),
    vscode.env.language,
  ]);
}

/** What the extension exports (for other extensions and tests). */
export interface CorrectionsApi {
  client(): LanguageClient | undefined;
  language(): Language;
  ready: Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<CorrectionsApi> {
  let language = configuredLanguage();
  let t = uiTranslator(language);
  const log = vscode.window.createOutputChannel('Correction Rules', { log: true });
  context.subscriptions.push(log);

  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const createClient = (): LanguageClient => {
    const args = ['--lang', language];
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, args },
      debug: {
        module: serverModule,
        transport: TransportKind.ipc,
        args,
        options: { execArgv: ['--nolazy', '--inspect=6009'] },
      },
    };
    const initializationOptions: CorrectionsInitializationOptions = { language };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: LANGUAGE_ID },
        { scheme: 'untitled', language: LANGUAGE_ID },
        { scheme: 'vscode-remote', language: LANGUAGE_ID },
      ],
      initializationOptions,
      outputChannel: log,
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{crules,crtest}'),
      },
    };
    return new LanguageClient('corrections', t('client.name'), serverOptions, clientOptions);
  };

  const tests = new CorrectionsTestController(
    () => client,
    () => t,
    log,
  );
  const compiled = new CompiledJsonProvider(
    () => client,
    () => t,
  );
  const coverage = new CoveragePanels(
    () => client,
    () => t,
    () => language,
  );
  context.subscriptions.push(tests, compiled, coverage);

  const start = async (): Promise<void> => {
    client = createClient();
    try {
      await client.start();
      tests.attach(client);
    } catch (error) {
      void vscode.window.showErrorMessage(t('server.failed', { error: errorText(error) }));
      throw error;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommands.runTest, (uri?: string | vscode.Uri, name?: string) =>
      tests.runFromCommand(uri, name),
    ),
    vscode.commands.registerCommand(ClientCommands.showCompiledJson, async (uri?: string | vscode.Uri) => {
      await compiled.show(uri);
    }),
    vscode.commands.registerCommand(ClientCommands.showCoverage, (uri?: string | vscode.Uri) =>
      coverage.show(uri),
    ),
    vscode.commands.registerCommand(
      'corrections.compileToFile',
      (uri?: string | vscode.Uri, target?: string | vscode.Uri) => compiled.compileToFile(uri, target),
    ),
    vscode.commands.registerCommand('corrections.restartServer', async () => {
      await client?.stop().catch(() => undefined);
      await start();
      void vscode.window.showInformationMessage(t('server.restarted'));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('corrections.language')) return;
      const next = configuredLanguage();
      if (next === language) return;
      language = next;
      t = uiTranslator(language);
      tests.relabel();
      if (client?.isRunning()) {
        const params: SetLanguageParams = { language };
        void client.sendNotification(SetLanguageNotification, params).then(() => coverage.relabel());
      }
    }),
    { dispose: () => void client?.stop() },
  );

  const ready = start();
  ready.catch((error) => log.error(`The language server did not start: ${errorText(error)}`));
  return { client: () => client, language: () => language, ready };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
