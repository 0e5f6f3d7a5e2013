/**
 * Completion: keywords and scenario names come from Langium (grammar and scopes); fact values, classes and
 * milestone statuses come from the case space, offered only where they fit.
 */
import { GrammarAST, AstUtils, type MaybePromise } from 'langium';
import {
  DefaultCompletionProvider,
  type CompletionAcceptor,
  type CompletionContext,
  type NextFeature,
} from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { TRANSACTION_CLASSES } from '../../engine/src/rules/case-space.js';
import { MILESTONE_STATUSES } from '../../engine/src/rules/definition.js';
import { FACT_VALUES } from './corrections-validator.js';

/** `class is Time or Ex|` -> `class`: the fact whose value is being typed. */
const FACT_BEFORE_CURSOR = /\b(class|credit|advance|billing)\s+is\s+(?:not\s+)?(?:[\w-]+\s+or\s+)*[\w-]*$/;

export class CorrectionsCompletionProvider extends DefaultCompletionProvider {
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
