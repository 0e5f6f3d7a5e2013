/**
 * Hover: what a keyword, fact or action means and creates, in analyst words; on a scenario name (or a
 * reference to it in a test) its title, table row and written decision.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from './generated/ast.js';
import { hoverTexts, type HoverKey, type HoverText } from './hover-texts.js';
import type { CorrectionsMessages } from './corrections-messages.js';
import type { CorrectionsServices } from './corrections-module.js';
import { FACT_VALUES } from './cells.js';

const KEYWORD_DOCS = new Set<string>([
  'ruleset',
  'scenario',
  'row',
  'when',
  'because',
  'no',
  'unsupported',
  'set',
  'tests',
  'test',
  'given',
  'expect',
]);

const BILLING_TYPE_WORDS: Record<string, string> = {
  chargeable: 'chargeable',
  'non-chargeable': 'non-chargeable',
  complimentary: 'complimentary',
  'not-available': 'not available',
};

/** The analyst-facing meaning of one action line. */
export function describeAction(action: ast.Action, hoverText: HoverText): string {
  if (ast.isSetMilestoneStatus(action)) return hoverText('set');
  const type = hoverText(`type.${action.transactionType}` as HoverKey);
  const basis = hoverText(`basis.${action.basis}` as HoverKey);
  if (action.reversal) {
    if (action.transactionType === 'billed' && action.basis === 'original')
      return hoverText('reverseLedgerBilled');
    if (action.transactionType === 'unbilled' && action.basis === 'reconciliation') {
      return hoverText('reverseLedgerReconciliation');
    }
    return hoverText('reverseCreated', { type, basis });
  }
  const billingType = action.originalBillingType
    ? hoverText('billingTypeAsOriginal')
    : BILLING_TYPE_WORDS[action.billingType ?? 'chargeable']!;
  return hoverText(action.negative ? 'createNegative' : 'create', { type, basis, billingType });
}

function describeScenario(scenario: ast.Scenario, hoverText: HoverText): string {
  const lines = [`**${scenario.name}**${scenario.title ? `: ${scenario.title}` : ''}`];
  if (scenario.row) lines.push(hoverText('scenarioRow', { row: scenario.row }));
  if (scenario.reason) lines.push(hoverText('scenarioDecision', { reason: scenario.reason }));
  if (scenario.unsupported) {
    lines.push(hoverText('scenarioUnsupported', { message: scenario.unsupported.message }));
  }
  return lines.join('\n\n');
}

export class CorrectionsHoverProvider extends AstNodeHoverProvider {
  private readonly messages: CorrectionsMessages;

  constructor(services: CorrectionsServices) {
    super(services);
    this.messages = services.i18n.Messages;
  }

  override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(params.position);
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    if (!leaf || leaf.offset + leaf.length <= offset) return undefined;
    const markdown = (value: string): Hover => ({ contents: { kind: 'markdown', value } });
    const hoverText = hoverTexts(this.messages.language);

    // Names and references to scenarios.
    const declared = this.references.findDeclarations(leaf);
    const scenario = declared.find(ast.isScenario);
    if (scenario) return markdown(describeScenario(scenario, hoverText));

    const node = leaf.astNode;
    const action = AstUtils.getContainerOfType(node, ast.isAction);
    if (action) return markdown(describeAction(action, hoverText));
    const factTest = AstUtils.getContainerOfType(node, ast.isFactTest);
    if (factTest) {
      const key = `fact.${factTest.fact}` as HoverKey;
      return markdown(hoverText(key, { values: (FACT_VALUES[factTest.fact] ?? []).join(', ') }));
    }
    if (GrammarAST.isKeyword(leaf.grammarSource) && KEYWORD_DOCS.has(leaf.text)) {
      return markdown(hoverText(leaf.text as HoverKey));
    }
    return undefined;
  }

  protected override getAstNodeHoverContent(_node: AstNode): string | undefined {
    return undefined;
  }
}
