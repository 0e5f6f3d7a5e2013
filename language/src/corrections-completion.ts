/**
 * Completion: keywords and scenario names come from Langium (grammar and scopes); fact values, classes and
 * milestone statuses come from the case space, offered only where they fit.
 */
import {
  GrammarAST,
  AstUtils,
  TextDocument,
  type AstNode,
  type LangiumDocument,
  type LangiumDocuments,
  type MaybePromise,
} from 'langium';
import {
  DefaultCompletionProvider,
  type CompletionAcceptor,
  type CompletionBacktrackingInformation,
  type CompletionContext,
  type LangiumServices,
  type NextFeature,
} from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { TRANSACTION_CLASSES, MILESTONE_STATUSES } from '#engine';
import { FACT_VALUES } from './cells.js';
import { isRuleSet, isTestSuite } from './generated/ast.js';

/** `class is Time or Ex|` -> `class`: the fact whose value is being typed. */
const FACT_BEFORE_CURSOR = /\b(class|credit|advance|billing)\s+is\s+(?:not\s+)?(?:[\w-]+\s+or\s+)*[\w-]*$/;

/** The part of a document completion needs to read: its header, and the top-level block at the cursor. */
interface CompletionWindow {
  /** Text before the first scenario or test (`ruleset ...` / `tests for ...` and comments). */
  header: string;
  /** Start of the scenario or test the cursor is in (or after), and of the next one. */
  blockStart: number;
  blockEnd: number;
}

export class CorrectionsCompletionProvider extends DefaultCompletionProvider {
  private readonly langiumDocuments: LangiumDocuments;

  constructor(services: LangiumServices) {
    super(services);
    this.langiumDocuments = services.shared.workspace.LangiumDocuments;
  }

  /**
   * Langium reads the whole text before the cursor (parse) and the whole document (tokens) for every
   * completion. Scenarios and tests are independent blocks, so the header and the block at the cursor
   * tell the same: on a 2,000-scenario file this keeps completion at a millisecond or two.
   */
  private windowAt(document: LangiumDocument | undefined, offset: number): CompletionWindow | undefined {
    const root = document?.parseResult.value;
    const blocks: readonly AstNode[] = isRuleSet(root) ? root.scenarios : isTestSuite(root) ? root.tests : [];
    // Binary search on the blocks' starts: reading every start would cost a walk of the file per request.
    const startOf = (index: number) => blocks[index]?.$cstNode?.offset;
    if (blocks.length < 2 || startOf(0) === undefined || offset <= startOf(0)!) return undefined;
    let low = 0;
    let high = blocks.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const start = startOf(middle);
      if (start === undefined) return undefined;
      if (start < offset) low = middle;
      else high = middle - 1;
    }
    const starts = [startOf(0)!, startOf(low)!, startOf(low + 1)];
    const text = document!.textDocument.getText();
    return {
      header: text.slice(0, starts[0]),
      blockStart: starts[1]!,
      blockEnd: starts[2] ?? text.length,
    };
  }

  protected override findFeaturesAt(textDocument: TextDocument, offset: number): NextFeature[] {
    const document = this.langiumDocuments.all.find(
      (candidate) =>
        candidate.textDocument.uri === textDocument.uri &&
        candidate.textDocument.version === textDocument.version,
    );
    const window = this.windowAt(document, offset);
    if (!window) return super.findFeaturesAt(textDocument, offset);
    const text = window.header + textDocument.getText().slice(window.blockStart, offset);
    const excerpt = TextDocument.create(
      textDocument.uri,
      textDocument.languageId,
      textDocument.version,
      text,
    );
    return super.findFeaturesAt(excerpt, text.length);
  }

  protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
    const document = this.langiumDocuments.all.find((candidate) => candidate.textDocument.getText() === text);
    const window = this.windowAt(document, offset);
    if (!window) return super.backtrackToAnyToken(text, offset);
    const shift = (value: number | undefined) =>
      value === undefined ? undefined : value + window.blockStart;
    const found = super.backtrackToAnyToken(
      text.slice(window.blockStart, window.blockEnd),
      offset - window.blockStart,
    );
    return {
      nextTokenStart: shift(found.nextTokenStart)!,
      nextTokenEnd: shift(found.nextTokenEnd)!,
      previousTokenStart: shift(found.previousTokenStart),
      previousTokenEnd: shift(found.previousTokenEnd),
    };
  }
  protected override completionFor(
    context: CompletionContext,
    next: NextFeature,
    acceptor: CompletionAcceptor,
  ): MaybePromise<void> {
    const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule);
    if (rule?.name === 'FactValue') {
      // One offer per position: the keyword alternatives of FactValue are covered by the value list.
      if (!GrammarAST.isRuleCall(next.feature)) return;
      const values = this.valuesAt(context);
      // Domain order (Time, Expense, ...) reads like the table; keywords such as `not` come after.
      values.forEach((value, index) => {
        acceptor(context, {
          label: value,
          kind: CompletionItemKind.EnumMember,
          sortText: `0${String(index).padStart(2, '0')}`,
        });
      });
      return;
    }
    const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
    if (
      assignment?.feature === 'status' &&
      (rule?.name === 'SetMilestoneStatus' || rule?.name === 'ExpectMilestoneStatus')
    ) {
      for (const status of MILESTONE_STATUSES) {
        acceptor(context, { label: status, kind: CompletionItemKind.EnumMember });
      }
      return;
    }
    return super.completionFor(context, next, acceptor);
  }

  private valuesAt(context: CompletionContext): readonly string[] {
    const text = context.textDocument.getText();
    const lineStart = text.lastIndexOf('\n', context.offset - 1) + 1;
    const before = text.slice(lineStart, context.offset);
    const fact = FACT_BEFORE_CURSOR.exec(before)?.[1];
    if (fact) return FACT_VALUES[fact] ?? [];
    // `given <class> line ...`
    return TRANSACTION_CLASSES;
  }
}
