/**
 * The domain model of project invoices and the actuals ledger. Amounts and quantities are Decimals of the
 * engine's ExactDecimal; currency codes are ISO 4217.
 */
import type { AdvanceState, BillingMethod, TransactionClass } from '../rules/case-space.js';
import type { BillingType, MilestoneStatus, SourceRange } from '../rules/definition.js';
import type { Decimal } from '../money/decimal.js';

export type InvoiceStatus = 'draft' | 'confirmed';

/** An invoice line detail (ILD): one billed transaction on an invoice line. */
export interface InvoiceLineDetail {
  id: string;
  /** The contract line it bills; its billing method decides whether it can be corrected. */
  contractLineId: string;
  class: TransactionClass;
  billingMethod: BillingMethod;
  quantity: Decimal;
  unit: string;
  unitPrice: Decimal;
  amount: Decimal;
  tax: Decimal;
  billingType: BillingType;
  currency: string;
  /** Advances/retainers: invoiced, or reconciled against charges; every other class: none. */
  advanceState: AdvanceState;
  /** Advances: the amount applied against charges on this invoice. */
  reconciledAmount?: Decimal;
  /** Milestone ILDs: the contract-line milestone they bill. */
  milestoneId?: string;
  /** Corrective ILDs only. */
  correction: boolean;
  originalLineDetailId?: string;
  previousQuantity?: Decimal;
  previousAmount?: Decimal;
  previousTax?: Decimal;
  previousReconciledAmount?: Decimal;
  /** Corrective ILDs: amount - previous amount (negative = a credit to the customer). */
  invoiceAmount?: Decimal;
}

export interface ExcludedLine {
  lineDetailId: string;
  /** Message key of the reason, for translation; `reason` is its English text. */
  code: string;
  reason: string;
}

export interface ProjectInvoice {
  id: string;
  status: InvoiceStatus;
  currency: string;
  hasCorrections: boolean;
  /** Corrective invoices: the confirmed invoice they correct. */
  correctsInvoiceId?: string;
  lines: InvoiceLineDetail[];
  /** Corrective drafts: ILDs of the original that were not copied, with the reason. */
  excluded?: ExcludedLine[];
  /** Sum of the lines' amounts to invoice (corrective: new minus previous). */
  invoiceAmount?: Decimal;
}

export const ACTUAL_TRANSACTION_TYPES = ['Cost', 'UnbilledSales', 'BilledSales'] as const;
export type ActualTransactionType = (typeof ACTUAL_TRANSACTION_TYPES)[number];

export const ADJUSTMENT_STATUSES = ['InProcess', 'Adjusted', 'Unadjustable'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

export const BILLING_STATUSES = [
  'UnbilledSalesCreated',
  'CustomerInvoiceCreated',
  'CustomerInvoicePosted',
  'Canceled',
  'ReadyToInvoice',
] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

/** Which rule made an actual: the scenario and the place in the rules file. */
export interface Explanation {
  ruleSet: string;
  scenario: string;
  /** The action that created the actual. */
  source?: SourceRange;
  scenarioSource?: SourceRange;
}

/** An immutable ledger record (only its adjustment status changes, when it is reversed). */
export interface Actual {
  id: string;
  transactionType: ActualTransactionType;
  class: TransactionClass;
  quantity: Decimal;
  amount: Decimal;
  currency: string;
  unit?: string;
  billingType: BillingType;
  adjustmentStatus: AdjustmentStatus;
  billingStatus: BillingStatus;
  reversal: boolean;
  /** Reversals: the actual they negate. */
  reversesActualId?: string;
  /** The ILD the actual comes from (for corrections: the corrective ILD). */
  lineDetailId?: string;
  /** The original ILD a corrective actual relates to. */
  originalLineDetailId?: string;
  /** Advances: this is the negative unbilled actual left for reconciliation. */
  forReconciliation?: boolean;
  explanation?: Explanation;
}

/** The ledger: actuals and the invoice status of contract-line milestones. */
export interface Ledger {
  actuals: Actual[];
  milestones: Record<string, MilestoneStatus>;
}
