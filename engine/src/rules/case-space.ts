/**
 * The space of correction cases the rules must cover: class x credit kind x advance state x billing method.
 * Shared by the language (overlap and coverage checks) and the engine (facts of a corrected line).
 */
export const TRANSACTION_CLASSES = ['Time', 'Expense', 'Material', 'Fee', 'Milestone', 'Retainer'] as const;
export type TransactionClass = (typeof TRANSACTION_CLASSES)[number];

/** Derived from original vs corrected quantity (amount for retainers and price-only corrections). */
export const CREDIT_KINDS = ['full', 'partial', 'unchanged', 'increase'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** Only advances/retainers have an advance state; every other class is always `none`. */
export const ADVANCE_STATES = ['none', 'invoiced', 'reconciled'] as const;
export type AdvanceState = (typeof ADVANCE_STATES)[number];

/** Contract line billing method: resource/transaction based, or product based. */
export const BILLING_METHODS = ['resource', 'product'] as const;
export type BillingMethod = (typeof BILLING_METHODS)[number];

export const CASE_DIMENSIONS = {
  class: TRANSACTION_CLASSES,
  creditKind: CREDIT_KINDS,
  advanceState: ADVANCE_STATES,
  billingMethod: BILLING_METHODS,
} as const;
export type FactName = keyof typeof CASE_DIMENSIONS;
export const FACT_NAMES = Object.keys(CASE_DIMENSIONS) as FactName[];

export interface CaseCell {
  class: TransactionClass;
  creditKind: CreditKind;
  advanceState: AdvanceState;
  billingMethod: BillingMethod;
}

/** A cell exists in the domain only if its advance state fits its class (advances have one, others none). */
export function isApplicableCell(cell: CaseCell): boolean {
  return cell.class === 'Retainer' ? cell.advanceState !== 'none' : cell.advanceState === 'none';
}

/** Every applicable cell, in a stable order (class, credit kind, advance state, billing method). */
export function applicableCells(): CaseCell[] {
  const cells: CaseCell[] = [];
  for (const cls of TRANSACTION_CLASSES)
    for (const creditKind of CREDIT_KINDS)
      for (const advanceState of ADVANCE_STATES)
        for (const billingMethod of BILLING_METHODS) {
          const cell: CaseCell = { class: cls, creditKind, advanceState, billingMethod };
          if (isApplicableCell(cell)) cells.push(cell);
        }
  return cells;
}
