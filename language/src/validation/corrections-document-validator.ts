/**
 * Langium's document validation, with repeated diagnostics capped (see diagnostic-cap.ts), and without
 * walking into scenarios: no check is registered below a rule set's scenarios (the rule set's checks
 * read them, see rule-set.ts), so visiting every node of thousands of scenarios on each keystroke
 * would find nothing to run.
 */
import {
  DefaultDocumentValidator,
  VALIDATE_EACH_NODE,
  type AstNode,
  type LangiumDocument,
  type ValidationAcceptor,
  type ValidationOptions,
} from 'langium';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver';
import type { CorrectionsServices } from '../corrections-module.js';
import type { CorrectionsMessages } from '../corrections-messages.js';
import { isRuleSet } from '../generated/ast.js';
import { capDiagnostics, DiagnosticBudget, type BudgetedAcceptor } from './diagnostic-cap.js';

export class CorrectionsDocumentValidator extends DefaultDocumentValidator {
  private readonly messages: CorrectionsMessages;
  /** The budget of each validation under way, by the root of the document validated. */
  private readonly budgets = new WeakMap<AstNode, DiagnosticBudget>();

  constructor(services: CorrectionsServices) {
    super(services);
    this.messages = services.i18n.Messages;
  }

  protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions) {
    if (!isRuleSet(node.$container)) return VALIDATE_EACH_NODE;
    // A check registered for a scenario itself still runs; checks inside scenarios belong in rule-set.ts.
    const checks = this.validationRegistry.getChecks(node.$type, options.categories);
    return { validateNode: !checks.isEmpty(), validateChildren: false };
  }

  /** A rule set's own checks, without stepping through its thousands of scenarios when none has checks. */
  protected override async validateAstNodes(
    rootNode: AstNode,
    options: ValidationOptions,
    acceptor: ValidationAcceptor,
    cancelToken?: CancellationToken,
  ): Promise<void> {
    if (
      !isRuleSet(rootNode) ||
      !this.validationRegistry.getChecks('Scenario', options.categories).isEmpty()
    ) {
      return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
    }
    for (const check of this.validationRegistry.getChecks(rootNode.$type, options.categories)) {
      await check(rootNode, acceptor, cancelToken ?? CancellationToken.None);
    }
  }

  override async validateDocument(
    document: LangiumDocument,
    options?: ValidationOptions,
    cancelToken?: CancellationToken,
  ): Promise<Diagnostic[]> {
    const budget = new DiagnosticBudget();
    this.budgets.set(document.parseResult.value, budget);
    try {
      const diagnostics = await super.validateDocument(document, options, cancelToken);
      return capDiagnostics(diagnostics, this.messages.t, { skipped: budget.skipped });
    } finally {
      this.budgets.delete(document.parseResult.value);
    }
  }

  override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken?: CancellationToken) {
    const budget = this.budgets.get(rootNode);
    const items: Diagnostic[] = [];
    // Past the cap a diagnostic is only counted: a file of 50,000 broken scenarios would otherwise make
    // hundreds of thousands of them (more than Langium can spread into its list).
    const accept: BudgetedAcceptor = ((severity, message, info) => {
      if (budget && info.code !== undefined && !budget.take(String(info.code))) return;
      items.push(this.toDiagnostic(severity, message, info));
    }) as ValidationAcceptor;
    accept.budget = budget;
    await this.validateAstBefore(rootNode, options, accept, cancelToken);
    await this.validateAstNodes(rootNode, options, accept, cancelToken);
    await this.validateAstAfter(rootNode, options, accept, cancelToken);
    return items;
  }
}
