import type { AdvanceState, BillingMethod, CreditKind, TransactionClass } from '../rules/case-space.js';
import type { BillingType } from '../rules/definition.js';
import type { Decimal } from '../money/decimal.js';
import type { Actual } from '../model/types.js';
import type { CaseFacts } from '../executors/types.js';
import type { QuantityAndAmount } from './credit-kind.js';

/**
 * Everything the rules and the materialiser need about one corrected ILD: its case facts, the original
 * and corrected quantities and amounts, and the ledger actuals a reversal may target.
 */
export interface LineCorrection {
  /** The corrective ILD (names the line in messages; corrective actuals point to it). */
  line: string;
  originalLineDetailId: string;
  class: TransactionClass;
  creditKind: CreditKind;
  advanceState: AdvanceState;
  billingMethod: BillingMethod;
  currency: string;
  unit?: string;
  billingType: BillingType;
  original: QuantityAndAmount;
  corrected: QuantityAndAmount;
  /** Advances: the amount the corrected advance applies against charges (leftover = corrected - this). */
  correctedReconciledAmount?: Decimal;
  milestoneId?: string;
  /** The open billed sales actual of the original ILD (target of "reversal of billed sales for original"). */
  billedActual?: Actual;
  /** Advances: the open negative unbilled actual left for reconciliation. */
  reconciliationActual?: Actual;
}

/** The facts json-rules-engine sees for a line. */
export function caseFactsOf(correction: LineCorrection): CaseFacts {
  return {
    class: correction.class,
    creditKind: correction.creditKind,
    advanceState: correction.advanceState,
    billingMethod: correction.billingMethod,
  };
}
