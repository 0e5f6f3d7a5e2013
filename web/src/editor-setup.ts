/**
 * Monaco through monaco-vscode-api ("extended" mode: the TextMate grammar of the language, VS Code themes)
 * and the two editors, rules and tests, side by side. Go to definition across them reveals the place in the
 * other editor (there are no editor tabs to open).
 */
import * as monaco from '@codingame/monaco-vscode-editor-api';
import type { OpenEditor } from '@codingame/monaco-vscode-editor-service-override';
import { EditorApp } from 'monaco-languageclient/editorApp';
import { MonacoVscodeApiWrapper } from 'monaco-languageclient/vscodeApiWrapper';
import { configureDefaultWorkerFactory } from 'monaco-languageclient/workerFactory';
import grammar from '../../language/syntaxes/corrections.tmLanguage.json?raw';

export const LANGUAGE_ID = 'correction-rules';
export const RULES_URI = '/workspace/rules.crules';
export const TESTS_URI = '/workspace/rules.crtest';

/** Comments, brackets and quotes of the language, for the editor (toggle comment, auto-close). */
const languageConfiguration = JSON.stringify({
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [['{', '}']],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    ['{', '}'],
    ['"', '"'],
  ],
  indentationRules: { increaseIndentPattern: '\\{\\s*$', decreaseIndentPattern: '^\\s*\\}' },
});

const editors: monaco.editor.IStandaloneCodeEditor[] = [];

function editorFor(uri: string): monaco.editor.IStandaloneCodeEditor | undefined {
  const wanted = monaco.Uri.parse(uri).toString();
  return editors.find((e) => e.getModel()?.uri.toString() === wanted);
}

/** Puts the cursor at a 0-based position of one of the editors and scrolls it into view. */
export function reveal(uri: string, line: number, character: number): boolean {
  const editor = editorFor(uri);
  if (!editor) return false;
  const position = { lineNumber: line + 1, column: character + 1 };
  editor.setPosition(position);
  editor.revealPositionInCenter(position);
  editor.focus();
  return true;
}

const openEditor: OpenEditor = async (modelRef, options) => {
  const editor = editorFor(modelRef.object.textEditorModel.uri.toString());
  if (!editor) return undefined;
  // The editor service passes text editor options: where to put the selection.
  const selection = (
    options as
      | {
          selection?: {
            startLineNumber: number;
            startColumn: number;
            endLineNumber?: number;
            endColumn?: number;
          };
        }
      | undefined
  )?.selection;
  if (selection) {
    const range = {
      startLineNumber: selection.startLineNumber,
      startColumn: selection.startColumn,
      endLineNumber: selection.endLineNumber ?? selection.startLineNumber,
      endColumn: selection.endColumn ?? selection.startColumn,
    };
    editor.setSelection(range);
    editor.revealRangeInCenter(range);
  }
  editor.focus();
  return editor;
};

/** Starts monaco-vscode-api once, with the language's grammar registered as a small extension. */
export async function startMonaco(): Promise<void> {
  const api = new MonacoVscodeApiWrapper({
    $type: 'extended',
    viewsConfig: { $type: 'EditorService', openEditorFunc: openEditor },
    userConfiguration: {
      json: JSON.stringify({
        'workbench.colorTheme': 'Default Light Modern',
        'editor.wordBasedSuggestions': 'off',
        'editor.lightbulb.enabled': 'on',
        'editor.guides.bracketPairsHorizontal': 'active',
        'editor.codeLens': true,
        'editor.minimap.enabled': false,
        'editor.fontSize': 13,
        // Tokenize on the page: the grammar and the files are small, and the background (worker) tokenizer of
        // monaco-vscode-api 25 now and then throws "Cannot set null/undefined state" on load.
        'editor.experimental.asyncTokenization': false,
      }),
    },
    extensions: [
      {
        config: {
          name: 'correction-rules-web',
          publisher: 'vn-finance-rules',
          version: '1.0.0',
          engines: { vscode: '*' },
          contributes: {
            languages: [
              {
                id: LANGUAGE_ID,
                extensions: ['.crules', '.crtest'],
                aliases: ['Correction rules'],
                configuration: './language-configuration.json',
              },
            ],
            grammars: [
              { language: LANGUAGE_ID, scopeName: 'source.correction-rules', path: './grammar.json' },
            ],
          },
        },
        filesOrContents: new Map([
          ['/language-configuration.json', languageConfiguration],
          ['/grammar.json', grammar],
        ]),
      },
    ],
    monacoWorkerFactory: configureDefaultWorkerFactory,
  });
  await api.start();
}

/** One editor in `container` on a model at `uri` (file:///workspace/...), known to the language client. */
export async function createEditor(
  container: HTMLElement,
  uri: string,
  text: string,
): Promise<monaco.editor.IStandaloneCodeEditor> {
  const app = new EditorApp({
    codeResources: { modified: { text, uri, enforceLanguageId: LANGUAGE_ID } },
    editorOptions: {
      automaticLayout: true,
      glyphMargin: true,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      renderWhitespace: 'none',
      fixedOverflowWidgets: true,
    },
  });
  await app.start(container);
  const editor = app.getEditor();
  if (!editor) throw new Error(`no editor for ${uri}`);
  editors.push(editor);
  return editor;
}

export { monaco };
