import { CorrectionRejectedError, EngineError, isEngineError } from '../errors/engine-error.js';
import type { Executor, SyncExecutor } from '../executors/types.js';
import { ZERO } from '../money/decimal.js';
import type { Actual, Ledger, ProjectInvoice } from '../model/types.js';
import { correctLine, correctLineSync } from './correct-line.js';
import { deriveCreditKind } from './credit-kind.js';
import { assertCorrectiveDraft, assertKnownClass } from './draft.js';
import type { LineCorrection } from './line-correction.js';
import type { LineOutcome } from './materialise.js';

export interface ConfirmedCorrection {
  /** The corrective invoice, now confirmed. */
  invoice: ProjectInvoice;
  /** The new ledger: reversed actuals Adjusted, new actuals appended, milestone statuses updated. */
  ledger: Ledger;
  /** The new actuals, line by line in invoice order. */
  created: Actual[];
  lines: LineOutcome[];
}

function isSyncExecutor(executor: Executor): executor is SyncExecutor {
  return executor.kind === 'fast';
}

/** Open (not yet adjusted) actuals a correction may reverse, by the ILD they come from. */
function indexOpenActuals(ledger: Ledger): {
  billed: Map<string, Actual>;
  reconciliation: Map<string, Actual>;
} {
  const billed = new Map<string, Actual>();
  const reconciliation = new Map<string, Actual>();
  for (const actual of ledger.actuals) {
    if (actual.lineDetailId === undefined || actual.reversal || actual.adjustmentStatus === 'Adjusted')
      continue;
    if (actual.transactionType === 'BilledSales') billed.set(actual.lineDetailId, actual);
    else if (actual.transactionType === 'UnbilledSales' && actual.forReconciliation) {
      reconciliation.set(actual.lineDetailId, actual);
    }
  }
  return { billed, reconciliation };
}

/** The facts and amounts of every line of a corrective draft, with the ledger actuals they may reverse. */
export function lineCorrectionsOf(draft: ProjectInvoice, ledger: Ledger): LineCorrection[] {
  const open = indexOpenActuals(ledger);
  return draft.lines.map((line) => {
    assertKnownClass(line);
    if (line.currency !== draft.currency) {
      throw new EngineError('correction.currencyMismatch', {
        line: line.id,
        currency: line.currency,
        expected: draft.currency,
      });
    }
    const originalId = line.originalLineDetailId ?? line.id;
    const original = { quantity: line.previousQuantity ?? ZERO, amount: line.previousAmount ?? ZERO };
    const corrected = { quantity: line.quantity, amount: line.amount };
    const creditKind =
      line.class === 'Milestone'
        ? 'full' // a milestone is always credited in full, whatever was entered
        : deriveCreditKind(line.class, original, corrected, {
            original: line.previousReconciledAmount,
            corrected: line.reconciledAmount,
          });
    const billedActual = open.billed.get(originalId);
    const reconciliationActual = open.reconciliation.get(originalId);
    for (const actual of [billedActual, reconciliationActual]) {
      if (actual && actual.currency !== line.currency) {
        throw new EngineError('correction.ledgerCurrencyMismatch', {
          line: line.id,
          actual: actual.id,
          currency: actual.currency,
          expected: line.currency,
        });
      }
    }
    // Reversing a billed actual that is not what the line billed would leave billed sales net of the
    // line different from its corrected amount: refuse rather than post a silently wrong ledger.
    if (
      billedActual &&
      !(billedActual.quantity.eq(original.quantity) && billedActual.amount.eq(original.amount))
    ) {
      throw new EngineError('correction.ledgerDisagrees', {
        line: line.id,
        actual: billedActual.id,
        actualQuantity: billedActual.quantity.toString(),
        actualAmount: billedActual.amount.toString(),
        original: originalId,
        quantity: original.quantity.toString(),
        amount: original.amount.toString(),
      });
    }
    return {
      line: line.id,
      originalLineDetailId: originalId,
      class: line.class,
      creditKind,
      advanceState: line.advanceState,
      billingMethod: line.billingMethod,
      currency: line.currency,
      unit: line.unit,
      billingType: line.billingType,
      original,
      corrected: creditKind === 'full' ? { quantity: ZERO, amount: ZERO } : corrected,
      correctedReconciledAmount: line.reconciledAmount,
      milestoneId: line.milestoneId,
      billedActual,
      reconciliationActual,
    };
  });
}

/**
 * Confirms a corrective draft: one scenario per line from the rule set (any executor), its actions turned
 * into actuals. All or nothing: any line the rules do not cover, mark unsupported, or cannot apply is an
 * error naming the line and the case (a CorrectionRejectedError listing them when several), and nothing
 * is changed. The given draft and ledger are not mutated.
 */
export async function confirmCorrection(
  draft: ProjectInvoice,
  ledger: Ledger,
  executor: Executor,
): Promise<ConfirmedCorrection> {
  assertCorrectiveDraft(draft);
  const lineIds = new Set(draft.lines.map((line) => line.id));
  if (
    ledger.actuals.some((actual) => actual.lineDetailId !== undefined && lineIds.has(actual.lineDetailId))
  ) {
    throw new EngineError('correction.alreadyConfirmed', { invoice: draft.id });
  }
  const lines: LineOutcome[] = [];
  const refusals: EngineError[] = [];
  // The fast executor is synchronous: no promise per line on invoices of 100,000 lines.
  const sync = isSyncExecutor(executor) ? executor : undefined;
  for (const correction of lineCorrectionsOf(draft, ledger)) {
    try {
      lines.push(sync ? correctLineSync(correction, sync) : await correctLine(correction, executor));
    } catch (error) {
      if (!isEngineError(error)) throw error;
      refusals.push(error);
    }
  }
  // One refused line is reported as itself; several together, so the user can fix them in one go.
  if (refusals.length === 1) throw refusals[0]!;
  if (refusals.length > 1) throw new CorrectionRejectedError(draft.id, refusals);

  const adjusted = new Map<string, Actual>();
  for (const outcome of lines) for (const actual of outcome.adjusted) adjusted.set(actual.id, actual);
  const created = lines.flatMap((outcome) => outcome.actuals);
  const milestones = { ...ledger.milestones };
  for (const outcome of lines) {
    if (outcome.milestone?.milestoneId) milestones[outcome.milestone.milestoneId] = outcome.milestone.status;
  }
  return {
    invoice: { ...draft, status: 'confirmed' },
    ledger: {
      actuals: [...ledger.actuals.map((actual) => adjusted.get(actual.id) ?? actual), ...created],
      milestones,
    },
    created,
    lines,
  };
}
