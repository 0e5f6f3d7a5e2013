import type { CreditKind, TransactionClass } from '../rules/case-space.js';
import type { Decimal } from '../money/decimal.js';

export interface QuantityAndAmount {
  quantity: Decimal;
  amount: Decimal;
}

/**
 * How a corrected line relates to its original:
 * - full: corrected quantity and amount are both 0;
 * - unchanged: corrected equals original (for advances: amount and reconciled amount);
 * - increase: above the original: the quantity, or the amount for advances/retainers and for price-only
 *   changes (same quantity, new unit price);
 * - partial: anything else below the original.
 */
export function deriveCreditKind(
  cls: TransactionClass,
  original: QuantityAndAmount,
  corrected: QuantityAndAmount,
  reconciled?: { original?: Decimal; corrected?: Decimal },
): CreditKind {
  if (corrected.quantity.isZero() && corrected.amount.isZero()) return 'full';
  if (cls === 'Retainer') {
    const cmp = corrected.amount.comparedTo(original.amount);
    if (cmp > 0) return 'increase';
    if (cmp < 0) return 'partial';
    const before = reconciled?.original;
    const after = reconciled?.corrected;
    const sameReconciliation = before === undefined || after === undefined || before.eq(after);
    return sameReconciliation ? 'unchanged' : 'partial';
  }
  const quantityCmp = corrected.quantity.comparedTo(original.quantity);
  if (quantityCmp > 0) return 'increase';
  if (quantityCmp < 0) return 'partial';
  const amountCmp = corrected.amount.comparedTo(original.amount);
  if (amountCmp === 0) return 'unchanged';
  return amountCmp > 0 ? 'increase' : 'partial';
}
