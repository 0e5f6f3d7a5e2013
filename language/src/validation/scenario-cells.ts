/**
 * A scenario against the cells it matches: it must match some, and actions that exist only for some
 * classes (milestone statuses, advance bases) must not be reachable from other classes.
 */
import type { ValidationAcceptor } from 'langium';
import type { CaseCell } from '#engine';
import type { Translate } from '#engine/i18n';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes } from './issue-codes.js';
import { listCells } from './suggestions.js';

const ADVANCE_BASES = new Set(['reconciliation', 'leftover']);

export function checkScenarioCells(
  scenario: ast.Scenario,
  cells: readonly CaseCell[],
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  if (cells.length === 0) {
    accept('warning', t('scenario.matchesNothing', { name: scenario.name }), {
      node: scenario.when ?? scenario,
      code: IssueCodes.matchesNothing,
    });
    return;
  }
  for (const action of scenario.actions ?? []) {
    if (action.$type === 'SetMilestoneStatus') {
      const others = cells.filter((cell) => cell.class !== 'Milestone');
      if (others.length > 0) {
        accept('error', t('action.milestoneOnly', { scenario: scenario.name, cells: listCells(t, others) }), {
          node: action,
          code: IssueCodes.milestoneOnly,
        });
      }
    } else if (action.basis !== undefined && ADVANCE_BASES.has(action.basis)) {
      const others = cells.filter((cell) => cell.class !== 'Retainer');
      if (others.length > 0) {
        accept(
          'error',
          t('action.advanceOnly', {
            basis: action.basis,
            scenario: scenario.name,
            cells: listCells(t, others),
          }),
          { node: action, property: 'basis', code: IssueCodes.basisNotApplicable },
        );
      }
    }
  }
}
