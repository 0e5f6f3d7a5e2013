/**
 * An editor session without a client, for property tests: the text of a document changed edit by edit
 * through Langium's own update path (text documents, document builder), beside a from-scratch parse and
 * validation of the same text, and a dump of a parse (AST and CST) to compare the two.
 */
import {
  AstUtils,
  CstUtils,
  TextDocument,
  URI,
  type AstNode,
  type CstNode,
  type LangiumDocument,
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { ChunkedTextDocument } from '../lsp/chunked-text-document.js';
import { createTestServices } from './services.js';

type Services = ReturnType<typeof createTestServices>;

/** What two validations must agree on. */
export function comparable(diagnostics: readonly Diagnostic[] | undefined) {
  return (diagnostics ?? []).map(({ message, range, severity, code, data }) => ({
    message,
    range,
    severity,
    code,
    data,
  }));
}

/** Every node of a parse with its place, and the parent links checked on the way. */
export function dumpParse(document: LangiumDocument): string[] {
  const lines: string[] = [];
  const root = document.parseResult.value;
  for (const node of AstUtils.streamAst(root)) {
    const values = Object.entries(node)
      .filter(([key, value]) => !key.startsWith('$') && (typeof value !== 'object' || value === null))
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    const cst = node.$cstNode;
    lines.push(
      `${node.$type} ${node.$containerProperty ?? ''}[${node.$containerIndex ?? ''}] ${cst?.offset}-${cst?.end} ${JSON.stringify(cst?.range)} ${values.join(' ')}`,
    );
    if (node.$container && node !== root && !(node.$container as AstNode)) lines.push('no container');
  }
  const cstRoot = root.$cstNode;
  if (cstRoot) {
    for (const node of CstUtils.streamCst(cstRoot)) {
      const content = (node as CstNode & { content?: CstNode[] }).content;
      if (content) {
        for (const child of content)
          if (child.container !== node) lines.push(`bad container at ${child.offset}`);
        lines.push(`composite ${node.offset}-${node.end} ${JSON.stringify(node.range)}`);
      } else {
        lines.push(
          `leaf ${node.offset}+${node.length} ${JSON.stringify(node.range)} ${node.hidden} ${JSON.stringify(node.text)}`,
        );
      }
    }
  }
  return lines;
}

/** The changed part of two texts as an LSP range in the old one and its new text. */
function changeBetween(oldText: string, newText: string, old: TextDocument) {
  let prefix = 0;
  const shorter = Math.min(oldText.length, newText.length);
  while (prefix < shorter && oldText[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
  )
    suffix++;
  return {
    start: old.positionAt(prefix),
    end: old.positionAt(oldText.length - suffix),
    text: newText.slice(prefix, newText.length - suffix),
  };
}

export class EditingSession {
  private version = 1;
  readonly services: Services = createTestServices();
  readonly uri: URI;
  document!: LangiumDocument;
  private chunked: ChunkedTextDocument | undefined;
  /** The text last set: the next change is found against it, so the session never joins the chunks. */
  private text = '';

  /**
   * `chunked`: the text changes as the language server receives it, by incremental changes to a chunked
   * document (a replacement sent as the new text inserted after the old, then the old deleted); otherwise by a new Langium text
   * document with the whole text.
   */
  constructor(
    path: string,
    private readonly options: { chunked?: boolean } = {},
  ) {
    this.uri = URI.parse(`memory:///session/${path}`);
  }

  private setText(text: string): TextDocument {
    const documents = this.services.shared.workspace.TextDocuments!;
    const version = this.version++;
    if (this.options.chunked && this.chunked) {
      const { start, end, text: inserted } = changeBetween(this.text, text, this.chunked);
      const changes =
        inserted.length > 0 && (start.line !== end.line || start.character !== end.character)
          ? [
              { range: { start: end, end }, text: inserted },
              { range: { start, end }, text: '' },
            ]
          : [{ range: { start, end }, text: inserted }];
      this.chunked.update(changes, version);
      this.text = text;
      return this.chunked;
    }
    this.text = text;
    const textDocument = this.options.chunked
      ? (this.chunked = new ChunkedTextDocument(this.uri.toString(), 'corrections', version, text))
      : TextDocument.create(this.uri.toString(), 'corrections', version, text);
    documents.set(textDocument);
    return textDocument;
  }

  async open(text: string): Promise<LangiumDocument> {
    const textDocument = this.setText(text);
    const workspace = this.services.shared.workspace;
    this.document = workspace.LangiumDocumentFactory.fromTextDocument(textDocument, this.uri);
    workspace.LangiumDocuments.addDocument(this.document);
    await workspace.DocumentBuilder.build([this.document], { validation: true });
    return this.document;
  }

  /** Adds another document (e.g. the rule set a test file tests) to the session's workspace. */
  async add(path: string, text: string): Promise<void> {
    const workspace = this.services.shared.workspace;
    const document = workspace.LangiumDocumentFactory.fromString(
      text,
      URI.parse(`memory:///session/${path}`),
    );
    workspace.LangiumDocuments.addDocument(document);
    await workspace.DocumentBuilder.build([document], { validation: true });
  }

  async change(text: string): Promise<LangiumDocument> {
    this.setText(text);
    await this.services.shared.workspace.DocumentBuilder.update([this.uri], []);
    return this.document;
  }
}

/** Parses and validates a text in a workspace of its own (plus `others`), as a fresh `check` would. */
export class FromScratch {
  private readonly services: Services = createTestServices();
  private runs = 0;

  constructor(private readonly others: ReadonlyArray<{ path: string; text: string }> = []) {}

  async check(path: string, text: string): Promise<{ document: LangiumDocument; diagnostics: Diagnostic[] }> {
    const workspace = this.services.shared.workspace;
    const folder = `memory:///scratch-${this.runs++}`;
    const documents = [{ path, text }, ...this.others].map(({ path: name, text: content }) => {
      const document = workspace.LangiumDocumentFactory.fromString(content, URI.parse(`${folder}/${name}`));
      workspace.LangiumDocuments.addDocument(document);
      return document;
    });
    await workspace.DocumentBuilder.build(documents, { validation: true });
    const [document] = documents;
    const diagnostics = document!.diagnostics ?? [];
    await workspace.DocumentBuilder.update(
      [],
      documents.map((d) => d.uri),
    );
    return { document: document!, diagnostics };
  }
}
