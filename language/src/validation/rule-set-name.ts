/** Tests name their rule set, so a rule set's name must be unique across the workspace. */
import { AstUtils, type IndexManager, type ValidationAcceptor } from 'langium';
import type { Translate } from '#engine/i18n';
import { displayPath } from '../definition/to-definition.js';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes } from './issue-codes.js';

export function checkUniqueRuleSetName(
  ruleSet: ast.RuleSet,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
  indexManager: IndexManager,
): void {
  if (ruleSet.name === undefined) return; // the parser reported the missing name
  const uri = AstUtils.getDocument(ruleSet).uri.toString();
  const other = indexManager
    .allElements('RuleSet')
    .find((description) => description.name === ruleSet.name && description.documentUri.toString() !== uri);
  if (other) {
    accept('error', t('ruleset.duplicate', { name: ruleSet.name, other: displayPath(other.documentUri) }), {
      node: ruleSet,
      property: 'name',
      code: IssueCodes.duplicateRuleSet,
    });
  }
}
