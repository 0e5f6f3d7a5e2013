/** Test names identify results in the test explorer and JUnit reports: each is used once per file. */
import type { ValidationAcceptor } from 'langium';
import type { Translate } from '#engine/i18n';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes } from './issue-codes.js';

export function checkTestSuite(
  suite: ast.TestSuite,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const names = new Set<string>();
  for (const test of suite.tests ?? []) {
    if (names.has(test.name)) {
      accept('error', t('test.duplicate', { name: test.name }), {
        node: test,
        property: 'name',
        code: IssueCodes.duplicateTest,
      });
    }
    names.add(test.name);
  }
}
