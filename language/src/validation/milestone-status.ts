/** A milestone status named in a rule action or a test expectation must be one the engine knows. */
import type { ValidationAcceptor } from 'langium';
import { MILESTONE_STATUSES } from '#engine';
import type { Translate } from '#engine/i18n';
import { closestValue } from '../cells.js';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes, type DidYouMeanData } from './issue-codes.js';
import { withSuggestion } from './suggestions.js';

export function checkMilestoneStatus(
  node: ast.SetMilestoneStatus | ast.ExpectMilestoneStatus,
  messageKey: 'action.unknownMilestoneStatus' | 'test.unknownMilestoneStatus',
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  // No status: the parser reported the missing word.
  if (typeof node.status !== 'string' || (MILESTONE_STATUSES as readonly string[]).includes(node.status))
    return;
  const suggestion = closestValue(node.status, MILESTONE_STATUSES);
  accept(
    'error',
    withSuggestion(
      t,
      t(messageKey, { value: node.status, valid: MILESTONE_STATUSES.join(', ') }),
      suggestion,
    ),
    {
      node,
      property: 'status',
      code: IssueCodes.unknownMilestoneStatus,
      data: suggestion ? ({ suggestion } satisfies DidYouMeanData) : undefined,
    },
  );
}
