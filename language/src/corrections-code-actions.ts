/**
 * Quick fixes: for the coverage warning, add a skeleton scenario or an unsupported scenario per uncovered
 * cell; for a mistyped fact value or milestone status, replace it with the closest valid value.
 */
import { AstUtils, CstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import * as ast from './generated/ast.js';
import type { CodeActionProvider } from 'langium/lsp';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type Diagnostic,
} from 'vscode-languageserver';
import type { CaseCell } from '#engine';
import { describeCell, scenarioNameFor, whenClauseFor } from './cells.js';
import type { Translate } from '#engine/i18n';
import type { CorrectionsMessages } from './corrections-messages.js';
import type { CorrectionsServices } from './corrections-module.js';
import type { MessageKey } from './messages.js';
import { IssueCodes, type DidYouMeanData, type UncoveredData } from './validation/index.js';

/** Quick fixes offered per coverage warning (the editor menu stays readable). */
const MAX_CELL_FIXES = 20;

export class CorrectionsCodeActionProvider implements CodeActionProvider {
  private readonly messages: CorrectionsMessages;

  constructor(services: CorrectionsServices) {
    this.messages = services.i18n.Messages;
  }

  private get t(): Translate<MessageKey> {
    return this.messages.t;
  }

  getCodeActions(
    document: LangiumDocument,
    params: CodeActionParams,
  ): MaybePromise<Array<Command | CodeAction> | undefined> {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      switch (diagnostic.code) {
        case IssueCodes.uncovered:
          actions.push(...this.coverageFixes(document, diagnostic));
          break;
        case IssueCodes.noDecision:
        case IssueCodes.emptyScenario: {
          const fix = this.completeScenario(document, diagnostic);
          if (fix) actions.push(fix);
          break;
        }
        case IssueCodes.unknownFactValue:
        case IssueCodes.unknownMilestoneStatus: {
          const fix = this.didYouMean(document, diagnostic);
          if (fix) actions.push(fix);
          break;
        }
      }
    }
    return actions;
  }

  /** Inserts `because "..."` (after the `when` line) or `no actuals` (before `}`) into the scenario. */
  private completeScenario(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf =
      root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    const scenario = leaf && AstUtils.getContainerOfType(leaf.astNode, ast.isScenario);
    const cst = scenario?.$cstNode;
    if (!scenario || !cst) return undefined;
    const decision = diagnostic.code === IssueCodes.noDecision;
    const anchor = decision
      ? (scenario.when?.$cstNode ?? CstUtils.findLeafNodeAtOffset(cst, cst.text.indexOf('{') + cst.offset))
      : undefined;
    const at = anchor ? anchor.range.end : document.textDocument.positionAt(cst.end - 1);
    const newText = decision ? '\n  because "TODO: the decision and its reason"' : '  no actuals\n';
    return {
      title: decision ? this.t('fix.addDecision') : this.t('fix.addNoActuals'),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.textDocument.uri]: [{ range: { start: at, end: at }, newText }] } },
    };
  }

  private didYouMean(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
    const data = diagnostic.data as Partial<DidYouMeanData> | undefined;
    if (!data?.suggestion) return undefined;
    return {
      title: this.t('fix.didYouMean', { value: data.suggestion }),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: {
        changes: { [document.textDocument.uri]: [{ range: diagnostic.range, newText: data.suggestion }] },
      },
    };
  }

  private coverageFixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const data = diagnostic.data as Partial<UncoveredData> | undefined;
    const cells = (data?.cells ?? []).slice(0, MAX_CELL_FIXES);
    // The end and the last characters only: an open document's text is not joined for them.
    const textDocument = document.textDocument;
    const end = textDocument.positionAt(
      textDocument.offsetAt({ line: textDocument.lineCount, character: 0 }),
    );
    const tail = textDocument.getText({
      start: textDocument.positionAt(textDocument.offsetAt(end) - 1),
      end,
    });
    const separator = tail.endsWith('\n') ? '\n' : '\n\n';
    const insert = (title: string, body: string): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        changes: {
          [document.textDocument.uri]: [{ range: { start: end, end }, newText: `${separator}${body}\n` }],
        },
      },
    });
    return cells.flatMap((cell) => [
      insert(this.t('fix.addScenario', { cell: describeCell(cell, this.t) }), skeletonScenario(cell, this.t)),
      insert(
        this.t('fix.markUnsupported', { cell: describeCell(cell, this.t) }),
        unsupportedScenario(cell, this.t),
      ),
    ]);
  }
}

export function skeletonScenario(cell: CaseCell, t: Translate<MessageKey>): string {
  return [
    `scenario ${scenarioNameFor(cell)} "${describeCell(cell, t)}" {`,
    `  ${whenClauseFor(cell)}`,
    `  because "TODO: the decision for this case and its reason"`,
    `  create reversal of billed sales for original`,
    `}`,
  ].join('\n');
}

export function unsupportedScenario(cell: CaseCell, t: Translate<MessageKey>): string {
  return [
    `scenario ${scenarioNameFor(cell)} "${describeCell(cell, t)}" {`,
    `  ${whenClauseFor(cell)}`,
    `  because "TODO: why this case is not supported"`,
    `  unsupported "${t('fix.unsupportedMessage', { cell: describeCell(cell, t) })}"`,
    `}`,
  ].join('\n');
}
