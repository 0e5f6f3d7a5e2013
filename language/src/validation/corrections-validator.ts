/**
 * The checks of the rules language, registered with Langium: one small file per kind of check (this
 * folder), wired to the services they need (the index for names across files, the message language).
 */
import type { IndexManager, ValidationAcceptor, ValidationChecks } from 'langium';
import type { CorrectionsServices } from '../corrections-module.js';
import type { CorrectionsMessages } from '../corrections-messages.js';
import type * as ast from '../generated/ast.js';
import type { CorrectionsAstType } from '../generated/ast.js';
import { checkExpectations } from './expectations.js';
import { checkFileKind } from './file-kind.js';
import { checkGivenLine } from './given-line.js';
import { checkUniqueRuleSetName } from './rule-set-name.js';
import { RuleSetChecks } from './rule-set.js';
import { checkTestSuite } from './test-suite.js';

export class CorrectionsValidator {
  private readonly indexManager: IndexManager;
  private readonly messages: CorrectionsMessages;
  readonly ruleSets = new RuleSetChecks();

  constructor(services: CorrectionsServices) {
    this.indexManager = services.shared.workspace.IndexManager;
    this.messages = services.i18n.Messages;
  }

  checkFileKind(root: ast.RuleSet | ast.TestSuite, accept: ValidationAcceptor): void {
    checkFileKind(root, accept, this.messages.t);
  }

  checkUniqueRuleSetName(ruleSet: ast.RuleSet, accept: ValidationAcceptor): void {
    checkUniqueRuleSetName(ruleSet, accept, this.messages.t, this.indexManager);
  }

  checkRuleSet(ruleSet: ast.RuleSet, accept: ValidationAcceptor): void {
    this.ruleSets.check(ruleSet, accept, this.messages.t, this.messages.language);
  }

  checkTestSuite(suite: ast.TestSuite, accept: ValidationAcceptor): void {
    checkTestSuite(suite, accept, this.messages.t);
  }

  checkRuleTest(test: ast.RuleTest, accept: ValidationAcceptor): void {
    // Without its `given` line (the parser reported it) a test still has expectations to check.
    if (test.given) checkGivenLine(test.given, accept, this.messages.t);
    checkExpectations(test, accept, this.messages.t);
  }
}

export function registerValidationChecks(services: CorrectionsServices): void {
  const registry = services.validation.ValidationRegistry;
  const validator = services.validation.CorrectionsValidator;
  const checks: ValidationChecks<CorrectionsAstType> = {
    RuleSet: [validator.checkFileKind, validator.checkRuleSet, validator.checkUniqueRuleSetName],
    TestSuite: [validator.checkFileKind, validator.checkTestSuite],
    RuleTest: validator.checkRuleTest,
  };
  registry.register(checks, validator);
}
