/**
 * Documents re-parsed after an edit: a rules file by its changed scenarios only (scenario-reparse.ts)
 * when that is certain to give the full parse's result, otherwise in full as Langium does. An open
 * document kept in chunks (lsp/chunked-text-document.ts) says itself what changed since the text that
 * was parsed, so an edit neither compares nor joins the whole text.
 */
import {
  DefaultLangiumDocumentFactory,
  DocumentState,
  type AstNode,
  type CstNode,
  type LangiumDocument,
  type ParseResult,
  type URI,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { reparseChangedWindow, reparseScenarios } from './scenario-reparse.js';
import type { TextSnapshot } from './text-snapshot.js';

/** What an open document kept in chunks offers (ChunkedTextDocument, without depending on the LSP part). */
interface SnapshotDocument {
  readonly snapshot: TextSnapshot;
}

function isSnapshotDocument<T>(document: T): document is T & SnapshotDocument {
  return typeof document === 'object' && document !== null && 'snapshot' in document;
}

export class CorrectionsDocumentFactory extends DefaultLangiumDocumentFactory {
  /** The documents being updated, by URI: their parse before the edit. */
  private readonly updating = new Map<string, ParseResult>();
  /** The text each CST was parsed from, for open documents kept in chunks. */
  private readonly parsedFrom = new WeakMap<CstNode, TextSnapshot>();
  /** How many updates were re-parsed in part and in full (for tests and benchmarks). */
  readonly reparses = { partial: 0, full: 0 };

  override async update<T extends AstNode = AstNode>(
    document: LangiumDocument<T>,
    cancellationToken: CancellationToken,
  ): Promise<LangiumDocument<T>> {
    const textDocument = this.textDocuments?.get(document.uri.toString());
    if (isSnapshotDocument(textDocument))
      return this.updateFromSnapshot(document, textDocument, cancellationToken);
    const key = document.uri.toString();
    this.updating.set(key, document.parseResult);
    try {
      return await super.update(document, cancellationToken);
    } finally {
      this.updating.delete(key);
    }
  }

  private async updateFromSnapshot<T extends AstNode>(
    document: LangiumDocument<T>,
    textDocument: LangiumDocument['textDocument'] & SnapshotDocument,
    cancellationToken: CancellationToken,
  ): Promise<LangiumDocument<T>> {
    // As Langium's update: the document reads the open document from now on.
    if (document.textDocument !== textDocument)
      Object.defineProperty(document, 'textDocument', { value: textDocument, configurable: true });
    const current = textDocument.snapshot;
    const root = document.parseResult.value.$cstNode?.root;
    const parsed = root && (this.parsedFrom.get(root) ?? current.predecessorWithText(root.fullText));
    if (parsed !== current) {
      const window = parsed && current.changesSince(parsed);
      const reparsed =
        window &&
        reparseChangedWindow(
          document.parseResult,
          parsed,
          current,
          window,
          this.serviceRegistry.getServices(document.uri).parser.LangiumParser,
          () => current.text(),
        );
      if (reparsed) this.reparses.partial++;
      else this.reparses.full++;
      document.parseResult = (reparsed ??
        (await super.parseAsync(document.uri, current.text(), cancellationToken))) as ParseResult<T>;
      (document.parseResult.value as { $document?: LangiumDocument }).$document = document;
      const parsedRoot = document.parseResult.value.$cstNode?.root;
      if (parsedRoot) this.parsedFrom.set(parsedRoot, current);
    }
    current.forgetHistory();
    document.state = DocumentState.Parsed;
    return document;
  }

  protected override async parseAsync<T extends AstNode>(
    uri: URI,
    text: string,
    cancellationToken: CancellationToken,
  ): Promise<ParseResult<T>> {
    const previous = this.updating.get(uri.toString());
    const oldText = previous?.value.$cstNode?.root.fullText;
    if (previous && oldText !== undefined) {
      const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser;
      const reparsed = reparseScenarios(previous, oldText, text, parser);
      if (reparsed) {
        this.reparses.partial++;
        return reparsed as ParseResult<T>;
      }
    }
    this.reparses.full++;
    return super.parseAsync(uri, text, cancellationToken);
  }
}
