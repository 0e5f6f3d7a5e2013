/** Small builders of invoices and lines for tests and examples. Amounts are decimal strings. */
import { ExactDecimal, ZERO } from '../money/decimal.js';
import type { InvoiceLineDetail, ProjectInvoice } from '../model/types.js';
import type { AdvanceState, BillingMethod, TransactionClass } from '../rules/case-space.js';

export interface LineSpec {
  id: string;
  class: TransactionClass;
  quantity: string;
  unitPrice: string;
  /** Default quantity x unit price. */
  amount?: string;
  currency?: string;
  billingMethod?: BillingMethod;
  advanceState?: AdvanceState;
  reconciledAmount?: string;
  milestoneId?: string;
  tax?: string;
}

export function lineDetail(spec: LineSpec): InvoiceLineDetail {
  const quantity = new ExactDecimal(spec.quantity);
  const unitPrice = new ExactDecimal(spec.unitPrice);
  return {
    id: spec.id,
    contractLineId: `CL-${spec.id}`,
    class: spec.class,
    billingMethod: spec.billingMethod ?? 'resource',
    quantity,
    unit: spec.class === 'Time' ? 'hour' : 'each',
    unitPrice,
    amount: spec.amount !== undefined ? new ExactDecimal(spec.amount) : quantity.times(unitPrice),
    tax: spec.tax !== undefined ? new ExactDecimal(spec.tax) : ZERO,
    billingType: 'Chargeable',
    currency: spec.currency ?? 'USD',
    advanceState: spec.advanceState ?? (spec.class === 'Retainer' ? 'invoiced' : 'none'),
    reconciledAmount:
      spec.reconciledAmount !== undefined ? new ExactDecimal(spec.reconciledAmount) : undefined,
    milestoneId: spec.milestoneId,
    correction: false,
  };
}

export function draftInvoice(id: string, lines: LineSpec[], currency = 'USD'): ProjectInvoice {
  return {
    id,
    status: 'draft',
    currency,
    hasCorrections: false,
    lines: lines.map((spec) => lineDetail({ currency, ...spec })),
  };
}
