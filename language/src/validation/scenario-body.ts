/**
 * The body of one scenario: it does something (or says it creates nothing, or is unsupported), records
 * its decision, and reverses only actuals that exist.
 */
import type { ValidationAcceptor } from 'langium';
import type { Translate } from '#engine/i18n';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes } from './issue-codes.js';
import { checkMilestoneStatus } from './milestone-status.js';

/** Actuals the ledger holds before any correction: reversing them needs no earlier `create`. */
const LEDGER_REVERSALS = new Set(['billed|original', 'unbilled|reconciliation']);

export function checkScenarioBody(
  scenario: ast.Scenario,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const actions = scenario.actions ?? [];
  if (!scenario.unsupported && !scenario.noActuals && actions.length === 0) {
    accept('error', t('scenario.empty', { name: scenario.name }), {
      node: scenario,
      property: 'name',
      code: IssueCodes.emptyScenario,
    });
  }
  if (scenario.row !== undefined && !/^[0-9]+$/.test(scenario.row)) {
    accept('error', t('scenario.rowNotInteger', { row: scenario.row }), {
      node: scenario,
      property: 'row',
      code: IssueCodes.rowNotInteger,
    });
  }
  if (scenario.row === undefined && scenario.reason === undefined) {
    accept('info', t('scenario.noDecision', { name: scenario.name }), {
      node: scenario,
      property: 'name',
      code: IssueCodes.noDecision,
    });
  }
  // No message at all: the parser reported the missing text.
  if (typeof scenario.unsupported?.message === 'string' && scenario.unsupported.message.trim() === '') {
    accept('error', t('unsupported.emptyMessage'), {
      node: scenario.unsupported,
      property: 'message',
      code: IssueCodes.emptyUnsupportedMessage,
    });
  }
  const created = new Set<string>();
  for (const action of actions) {
    if (action.$type === 'SetMilestoneStatus') {
      checkMilestoneStatus(action, 'action.unknownMilestoneStatus', accept, t);
      continue;
    }
    if (action.transactionType === undefined || action.basis === undefined) continue; // read in part
    const key = `${action.transactionType}|${action.basis}`;
    if (!action.reversal) {
      created.add(key);
    } else if (!LEDGER_REVERSALS.has(key) && !created.has(key)) {
      accept(
        'error',
        t('action.nothingToReverse', {
          type: action.transactionType,
          basis: action.basis,
          scenario: scenario.name,
        }),
        { node: action, code: IssueCodes.nothingToReverse },
      );
    }
  }
}
