/** fast-check generator of corrected lines (LineCorrection) with a consistent synthetic ledger. */
import fc from 'fast-check';
import { deriveCreditKind } from '../correction/credit-kind.js';
import type { LineCorrection } from '../correction/line-correction.js';
import type { LineOutcome } from '../correction/materialise.js';
import { isEngineError } from '../errors/engine-error.js';
import { minorUnits } from '../money/currency.js';
import { ZERO, type Decimal } from '../money/decimal.js';
import { roundToPlaces } from '../money/rounding.js';
import type { Actual } from '../model/types.js';
import {
  ADVANCE_STATES,
  BILLING_METHODS,
  TRANSACTION_CLASSES,
  type AdvanceState,
} from '../rules/case-space.js';
import { BILLING_TYPES } from '../rules/definition.js';
import { decimal } from './arbitraries.js';

export type CorrectionMode = 'full' | 'same' | 'less' | 'more' | 'priceOnly';

export interface RandomLineOptions {
  /** Probability-ish knobs: allow cells outside the domain (e.g. Time with an invoiced advance). */
  inapplicable?: boolean;
  /** Sometimes leave the ledger without the actuals a reversal needs. */
  missingLedger?: boolean;
}

export function randomLine(options: RandomLineOptions = {}): fc.Arbitrary<LineCorrection> {
  return fc
    .record({
      id: fc.integer({ min: 1, max: 1_000_000 }),
      cls: fc.constantFrom(...TRANSACTION_CLASSES),
      billingMethod: fc.oneof(
        { weight: 5, arbitrary: fc.constant('resource' as const) },
        { weight: 1, arbitrary: fc.constantFrom(...BILLING_METHODS) },
      ),
      advanceState: fc.constantFrom(...ADVANCE_STATES),
      currency: fc.constantFrom('VND', 'USD', 'KWD', 'JPY', 'EUR'),
      quantity: decimal(2, 1000n).filter((q) => !q.isZero()),
      unitPrice: decimal(4, 1_000_000n),
      mode: fc.constantFrom<CorrectionMode>('full', 'same', 'less', 'more', 'priceOnly'),
      fraction: fc.integer({ min: 0, max: 100 }),
      reconciledFraction: fc.integer({ min: 0, max: 100 }),
      hasBilled: fc.boolean(),
      hasReconciliation: fc.boolean(),
      billingType: fc.oneof(
        { weight: 3, arbitrary: fc.constant('Chargeable' as const) },
        { weight: 2, arbitrary: fc.constantFrom(...BILLING_TYPES) },
      ),
    })
    .map((r): LineCorrection => {
      const places = minorUnits(r.currency);
      const round = (value: Decimal) => roundToPlaces(value, places);
      let advanceState: AdvanceState = r.advanceState;
      if (!options.inapplicable) {
        if (r.cls === 'Retainer' && advanceState === 'none') advanceState = 'invoiced';
        if (r.cls !== 'Retainer') advanceState = 'none';
      }
      const original = { quantity: r.quantity, amount: round(r.quantity.times(r.unitPrice)) };
      const factor = (percent: number) => roundToPlaces(r.quantity.times(percent).dividedBy(100), 2);
      let corrected: { quantity: Decimal; amount: Decimal };
      switch (r.mode) {
        case 'full':
          corrected = { quantity: ZERO, amount: ZERO };
          break;
        case 'same':
          corrected = { ...original };
          break;
        case 'less': {
          const q = factor(r.fraction);
          corrected = { quantity: q, amount: round(q.times(r.unitPrice)) };
          break;
        }
        case 'more': {
          const q = r.quantity.plus(factor(r.fraction + 1));
          corrected = { quantity: q, amount: round(q.times(r.unitPrice)) };
          break;
        }
        case 'priceOnly':
          corrected = {
            quantity: r.quantity,
            amount: round(
              r.quantity
                .times(r.unitPrice)
                .times(r.fraction + 50)
                .dividedBy(100),
            ),
          };
          break;
      }
      const line = `L${r.id}`;
      const originalId = `O${r.id}`;
      const reconciled =
        advanceState === 'reconciled'
          ? round(original.amount.times(r.reconciledFraction).dividedBy(100))
          : undefined;
      const correctedReconciled =
        advanceState === 'reconciled'
          ? round(corrected.amount.times(r.reconciledFraction).dividedBy(100))
          : undefined;
      const base = {
        class: r.cls,
        currency: r.currency,
        unit: r.cls === 'Time' ? 'hour' : 'each',
        billingType: r.billingType,
        adjustmentStatus: 'InProcess' as const,
        reversal: false,
        lineDetailId: originalId,
      };
      const billedActual: Actual = {
        ...base,
        id: `${originalId}:billed`,
        transactionType: 'BilledSales',
        ...original,
        billingStatus: 'CustomerInvoiceCreated',
      };
      const reconciliationActual: Actual = {
        ...base,
        id: `${originalId}:reconciliation`,
        transactionType: 'UnbilledSales',
        quantity: original.quantity.negated(),
        amount: original.amount.minus(reconciled ?? ZERO).negated(),
        billingStatus: 'UnbilledSalesCreated',
        forReconciliation: true,
      };
      const keepBilled = !options.missingLedger || r.hasBilled;
      const keepReconciliation = r.cls === 'Retainer' && (!options.missingLedger || r.hasReconciliation);
      return {
        line,
        originalLineDetailId: originalId,
        class: r.cls,
        creditKind: deriveCreditKind(r.cls, original, corrected, {
          original: reconciled,
          corrected: reconciled,
        }),
        advanceState,
        billingMethod: r.billingMethod,
        currency: r.currency,
        unit: base.unit,
        billingType: r.billingType,
        original,
        corrected,
        correctedReconciledAmount: correctedReconciled,
        milestoneId: r.cls === 'Milestone' ? `M${r.id}` : undefined,
        billedActual: keepBilled ? billedActual : undefined,
        reconciliationActual: keepReconciliation ? reconciliationActual : undefined,
      };
    });
}

/** An outcome or an error as comparable JSON (Decimals serialise as their exact strings). */
export function settle(run: () => LineOutcome): string {
  try {
    return JSON.stringify(run());
  } catch (error) {
    if (isEngineError(error)) return JSON.stringify({ error: error.code, message: error.message });
    throw error;
  }
}

export async function settleAsync(run: () => Promise<LineOutcome>): Promise<string> {
  try {
    return JSON.stringify(await run());
  } catch (error) {
    if (isEngineError(error)) return JSON.stringify({ error: error.code, message: error.message });
    throw error;
  }
}
