/**
 * Documents re-parsed after an edit: a rules file by its changed scenarios only (scenario-reparse.ts)
 * when that is certain to give the full parse's result, otherwise in full as Langium does.
 */
import {
  DefaultLangiumDocumentFactory,
  type AstNode,
  type LangiumDocument,
  type ParseResult,
  type URI,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { reparseScenarios } from './scenario-reparse.js';

export class CorrectionsDocumentFactory extends DefaultLangiumDocumentFactory {
  /** The documents being updated, by URI: their parse before the edit. */
  private readonly updating = new Map<string, ParseResult>();
  /** How many updates were re-parsed in part and in full (for tests and benchmarks). */
  readonly reparses = { partial: 0, full: 0 };

  override async update<T extends AstNode = AstNode>(
    document: LangiumDocument<T>,
    cancellationToken: CancellationToken,
  ): Promise<LangiumDocument<T>> {
    const key = document.uri.toString();
    this.updating.set(key, document.parseResult);
    try {
      return await super.update(document, cancellationToken);
    } finally {
      this.updating.delete(key);
    }
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
