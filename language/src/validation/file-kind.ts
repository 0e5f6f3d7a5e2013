/** A .crules file holds a rule set and a .crtest file tests: the other way round is refused. */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Translate } from '#engine/i18n';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes } from './issue-codes.js';

export function checkFileKind(
  root: ast.RuleSet | ast.TestSuite,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const path = AstUtils.getDocument(root).uri.path;
  if (root.$type === 'TestSuite' && path.endsWith('.crules')) {
    accept('error', t('file.expectedRuleSet'), {
      node: root,
      keyword: 'tests',
      code: IssueCodes.wrongFileKind,
    });
  } else if (root.$type === 'RuleSet' && path.endsWith('.crtest')) {
    accept('error', t('file.expectedTests'), {
      node: root,
      keyword: 'ruleset',
      code: IssueCodes.wrongFileKind,
    });
  }
}
