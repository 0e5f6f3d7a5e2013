/**
 * The shapes of `apply`'s JSON inputs (zod): a confirmed invoice, the edits of its corrective lines and,
 * optionally, the ledger. Amounts and quantities are JSON strings ("1600.00"): a JSON number is already a
 * binary float when it is read (0.1 is not 0.1), so it is refused with a message saying how to write it.
 */
import { z } from 'zod';
import { ACTUAL_TRANSACTION_TYPES, ADJUSTMENT_STATUSES, BILLING_STATUSES } from '../model/types.js';
import { ADVANCE_STATES, BILLING_METHODS, TRANSACTION_CLASSES } from '../rules/case-space.js';
import { BILLING_TYPES, MILESTONE_STATUSES } from '../rules/definition.js';

export const DECIMAL_TEXT = /^\s*[+-]?\d+(\.\d+)?\s*$/;
/** Marks the issues of decimal fields, so the message can say what was given instead. */
export const DECIMAL_ISSUE = 'decimal';

const decimalString = z.string({ error: DECIMAL_ISSUE }).regex(DECIMAL_TEXT, { error: DECIMAL_ISSUE });

const invoiceLineSchema = z.strictObject({
  id: z.string().min(1),
  contractLineId: z.string().optional(),
  class: z.enum(TRANSACTION_CLASSES),
  billingMethod: z.enum(BILLING_METHODS).optional(),
  quantity: decimalString,
  unit: z.string().optional(),
  /** Default: amount / quantity. When given, amount must be quantity x unit price (rounded). */
  unitPrice: decimalString.optional(),
  amount: decimalString,
  tax: decimalString.optional(),
  billingType: z.enum(BILLING_TYPES).optional(),
  currency: z.string().optional(),
  advanceState: z.enum(ADVANCE_STATES).optional(),
  reconciledAmount: decimalString.optional(),
  milestoneId: z.string().optional(),
});

export const invoiceSchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(['confirmed', 'draft']).optional(),
  currency: z.string(),
  lines: z.array(invoiceLineSchema).min(1),
});

const lineEditSchema = z.strictObject({
  /** The id of the line on the confirmed invoice. */
  line: z.string().min(1),
  quantity: decimalString.optional(),
  unitPrice: decimalString.optional(),
  amount: decimalString.optional(),
  reconciledAmount: decimalString.optional(),
  tax: decimalString.optional(),
});

export const correctionsSchema = z.strictObject({
  /** Id of the corrective invoice; default `<invoice id>-C`. */
  id: z.string().min(1).optional(),
  lines: z.array(lineEditSchema),
});

const actualSchema = z.strictObject({
  id: z.string().min(1),
  transactionType: z.enum(ACTUAL_TRANSACTION_TYPES),
  class: z.enum(TRANSACTION_CLASSES),
  quantity: decimalString,
  amount: decimalString,
  currency: z.string(),
  unit: z.string().optional(),
  billingType: z.enum(BILLING_TYPES),
  adjustmentStatus: z.enum(ADJUSTMENT_STATUSES),
  billingStatus: z.enum(BILLING_STATUSES),
  reversal: z.boolean(),
  reversesActualId: z.string().optional(),
  lineDetailId: z.string().optional(),
  originalLineDetailId: z.string().optional(),
  forReconciliation: z.boolean().optional(),
  // Explanations of earlier corrections may be fed back; they do not change what a new correction does.
  explanation: z.unknown().optional(),
});

export const ledgerSchema = z.strictObject({
  actuals: z.array(actualSchema),
  milestones: z.record(z.string(), z.enum(MILESTONE_STATUSES)).optional(),
});

export type InvoiceInput = z.infer<typeof invoiceSchema>;
export type CorrectionsInput = z.infer<typeof correctionsSchema>;
export type LedgerInput = z.infer<typeof ledgerSchema>;
