/**
 * Layout of rules and tests: each scenario/test block starts on its own line (blank lines and comments the
 * analyst put between blocks stay), `when`, `because` and each action on its own indented line, single
 * spaces between words.
 */
import { CstUtils, isLeafCstNode, type AstNode } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import * as ast from './generated/ast.js';

export class CorrectionsFormatter extends AbstractFormatter {
  protected format(node: AstNode): void {
    if (ast.isRuleSet(node)) {
      const f = this.getNodeFormatter(node);
      f.keyword('ruleset').prepend(Formatting.noSpace());
      f.property('name').prepend(Formatting.oneSpace());
      f.property('title').prepend(Formatting.oneSpace());
      f.properties('scenarios').prepend(Formatting.newLine({ allowMore: true }));
    } else if (ast.isTestSuite(node)) {
      const f = this.getNodeFormatter(node);
      f.keyword('tests').prepend(Formatting.noSpace());
      f.keyword('for').prepend(Formatting.oneSpace());
      f.property('ruleSet').prepend(Formatting.oneSpace());
      f.properties('tests').prepend(Formatting.newLine({ allowMore: true }));
    } else if (ast.isScenario(node)) {
      const f = this.getNodeFormatter(node);
      f.property('name').prepend(Formatting.oneSpace());
      f.property('title').prepend(Formatting.oneSpace());
      f.keyword('row').prepend(Formatting.oneSpace());
      f.property('row').prepend(Formatting.oneSpace());
      this.formatBlock(node);
      // Words that continue a line inside the block win over the block's one-item-per-line rule.
      f.property('reason').prepend(Formatting.oneSpace({ priority: 1 }));
      f.keyword('actuals').prepend(Formatting.oneSpace({ priority: 1 }));
    } else if (ast.isRuleTest(node)) {
      const f = this.getNodeFormatter(node);
      f.property('name').prepend(Formatting.oneSpace());
      this.formatBlock(node);
    } else if (ast.isWhenClause(node)) {
      const f = this.getNodeFormatter(node);
      f.keywords('and').surround(Formatting.oneSpace());
      f.properties('tests').prepend(Formatting.oneSpace());
    } else if (ast.isFactTest(node) || ast.isMeasure(node) || ast.isAction(node) || ast.isExpectation(node)) {
      this.spaceOut(node);
    } else if (ast.isGiven(node) || ast.isUnsupported(node)) {
      this.spaceOut(node);
    }
  }

  /**
   * `{` on the header line, each item of the block (comments included) on its own indented line, `}` alone
   * on the last line.
   */
  private formatBlock(node: ast.Scenario | ast.RuleTest): void {
    const f = this.getNodeFormatter(node);
    const open = f.keyword('{');
    const close = f.keyword('}');
    open.prepend(Formatting.oneSpace());
    f.interior(open, close).prepend(Formatting.indent());
    close.prepend(Formatting.newLine());
  }

  /** Single spaces between the tokens of a one-line element; its container places the first token. */
  private spaceOut(node: AstNode): void {
    const cst = node.$cstNode;
    if (!cst) return;
    const leaves = CstUtils.streamCst(cst)
      .filter((element) => isLeafCstNode(element) && !element.hidden)
      .toArray();
    if (leaves.length > 1) this.getNodeFormatter(node).cst(leaves.slice(1)).prepend(Formatting.oneSpace());
  }
}
