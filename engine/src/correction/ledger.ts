import { EngineError } from '../errors/engine-error.js';
import type { Actual, InvoiceLineDetail, Ledger, ProjectInvoice } from '../model/types.js';
import { ZERO } from '../money/decimal.js';

export function emptyLedger(): Ledger {
  return { actuals: [], milestones: {} };
}

function billedActual(line: InvoiceLineDetail): Actual {
  return {
    id: `${line.id}:billed`,
    transactionType: 'BilledSales',
    class: line.class,
    quantity: line.quantity,
    amount: line.amount,
    currency: line.currency,
    unit: line.unit,
    billingType: line.billingType,
    adjustmentStatus: 'InProcess',
    billingStatus: 'CustomerInvoiceCreated',
    reversal: false,
    lineDetailId: line.id,
  };
}

/**
 * The negative unbilled actual an advance leaves for later reconciliation: the whole advance when it is
 * only invoiced, what is left of it after the charges it was applied against when it was reconciled.
 */
function reconciliationActual(line: InvoiceLineDetail): Actual {
  const left =
    line.advanceState === 'reconciled' ? line.amount.minus(line.reconciledAmount ?? ZERO) : line.amount;
  return {
    id: `${line.id}:reconciliation`,
    transactionType: 'UnbilledSales',
    class: line.class,
    quantity: line.quantity.negated(),
    amount: left.negated(),
    currency: line.currency,
    unit: line.unit,
    billingType: line.billingType,
    adjustmentStatus: 'InProcess',
    billingStatus: 'UnbilledSalesCreated',
    reversal: false,
    lineDetailId: line.id,
    forReconciliation: true,
  };
}

export interface ConfirmedInvoice {
  invoice: ProjectInvoice;
  ledger: Ledger;
  created: Actual[];
}

/**
 * Confirms an ordinary (not corrective) draft invoice: a billed sales actual per ILD, the negative
 * unbilled actual of each advance, milestones marked invoiced. The input ledger is not changed.
 */
export function confirmInvoice(invoice: ProjectInvoice, ledger: Ledger): ConfirmedInvoice {
  if (invoice.status === 'confirmed')
    throw new EngineError('invoice.alreadyConfirmed', { invoice: invoice.id });
  if (invoice.hasCorrections) throw new EngineError('invoice.isCorrective', { invoice: invoice.id });
  const created: Actual[] = [];
  const milestones = { ...ledger.milestones };
  for (const line of invoice.lines) {
    created.push(billedActual(line));
    if (line.class === 'Retainer') created.push(reconciliationActual(line));
    if (line.class === 'Milestone' && line.milestoneId)
      milestones[line.milestoneId] = 'CustomerInvoiceCreated';
  }
  return {
    invoice: { ...invoice, status: 'confirmed' },
    ledger: { actuals: [...ledger.actuals, ...created], milestones },
    created,
  };
}
