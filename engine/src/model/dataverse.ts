/**
 * Field names and option-set numbers of the source product (Dynamics 365 Project Operations), for
 * importing and exporting actuals and invoice lines. Retainer has no published option-set number: it is
 * exported as null with our own class name beside it, and imported from that name.
 */
import type { TransactionClass } from '../rules/case-space.js';
import type { BillingType, MilestoneStatus } from '../rules/definition.js';
import { EngineError } from '../errors/engine-error.js';
import { ExactDecimal } from '../money/decimal.js';
import { parseDecimal } from '../money/parse.js';
import type {
  Actual,
  ActualTransactionType,
  AdjustmentStatus,
  BillingStatus,
  InvoiceLineDetail,
} from './types.js';

export const DATAVERSE_ENTITIES = {
  actual: 'msdyn_actual',
  invoiceLineDetail: 'msdyn_invoicelinetransaction',
  invoice: 'invoice',
} as const;

export const DATAVERSE_FIELDS = {
  transactionType: 'msdyn_transactiontypecode',
  transactionClass: 'msdyn_transactionclassification',
  adjustmentStatus: 'msdyn_adjustmentstatus',
  billingStatus: 'msdyn_billingstatus',
  billingType: 'msdyn_billingtype',
  correction: 'msdyn_correction',
  originalLineDetail: 'msdyn_originalinvoicelinedetail',
  previousAmount: 'msdyn_previousamount',
  invoiceAmount: 'msdyn_invoiceamount',
  hasCorrections: 'msdyn_hascorrections',
  milestoneInvoiceStatus: 'msdyn_invoicestatus',
  quantity: 'msdyn_quantity',
  amount: 'msdyn_amount',
} as const;

/** Our name of a value -> its option-set number; `null` where the number is not published. */
export const TRANSACTION_TYPE_OPTIONS: Record<ActualTransactionType, number> = {
  Cost: 192350000,
  UnbilledSales: 192350005,
  BilledSales: 192350006,
};
export const TRANSACTION_CLASS_OPTIONS: Record<TransactionClass, number | null> = {
  Time: 192350000,
  Expense: 192350001,
  Material: 192350002,
  Milestone: 192350003,
  Fee: 192350004,
  Retainer: null,
};
export const ADJUSTMENT_STATUS_OPTIONS: Record<AdjustmentStatus, number> = {
  InProcess: 192350000,
  Adjusted: 192350001,
  Unadjustable: 192350002,
};
export const BILLING_STATUS_OPTIONS: Record<BillingStatus, number> = {
  UnbilledSalesCreated: 192350000,
  CustomerInvoiceCreated: 192350001,
  CustomerInvoicePosted: 192350002,
  Canceled: 192350003,
  ReadyToInvoice: 192350004,
};
export const BILLING_TYPE_OPTIONS: Record<BillingType, number> = {
  NonChargeable: 192350000,
  Chargeable: 192350001,
  Complimentary: 192350002,
  NotAvailable: 192350003,
};
export const MILESTONE_STATUS_OPTIONS: Record<MilestoneStatus, number> = {
  NotReady: 192350000,
  ReadyToInvoice: 192350001,
  CustomerInvoiceCreated: 192350002,
  CustomerInvoicePosted: 192350003,
};

/** Inverse lookup: option-set number -> our name (undefined when unknown). */
export function optionName<K extends string>(
  options: Record<K, number | null>,
  value: number,
): K | undefined {
  return (Object.keys(options) as K[]).find((key) => options[key] === value);
}

export type DataverseRecord = Record<string, string | number | boolean | null>;

/** An actual as a Dataverse row; amounts stay decimal strings. */
export function actualToDataverse(actual: Actual): DataverseRecord {
  return {
    msdyn_actualid: actual.id,
    [DATAVERSE_FIELDS.transactionType]: TRANSACTION_TYPE_OPTIONS[actual.transactionType],
    [DATAVERSE_FIELDS.transactionClass]: TRANSACTION_CLASS_OPTIONS[actual.class],
    vnf_transactionclass: actual.class,
    [DATAVERSE_FIELDS.quantity]: actual.quantity.toString(),
    [DATAVERSE_FIELDS.amount]: actual.amount.toString(),
    transactioncurrencyid: actual.currency,
    [DATAVERSE_FIELDS.billingType]: BILLING_TYPE_OPTIONS[actual.billingType],
    [DATAVERSE_FIELDS.adjustmentStatus]: ADJUSTMENT_STATUS_OPTIONS[actual.adjustmentStatus],
    [DATAVERSE_FIELDS.billingStatus]: BILLING_STATUS_OPTIONS[actual.billingStatus],
    vnf_reversal: actual.reversal,
    vnf_reversesactualid: actual.reversesActualId ?? null,
    msdyn_invoicelinetransaction: actual.lineDetailId ?? null,
  };
}

function requireOption<K extends string>(
  options: Record<K, number | null>,
  record: DataverseRecord,
  field: string,
): K {
  const value = record[field];
  const name = typeof value === 'number' ? optionName(options, value) : undefined;
  if (name === undefined) {
    throw new EngineError('import.unknownOption', {
      record: String(record.msdyn_actualid ?? '?'),
      field,
      value: String(value),
    });
  }
  return name;
}

/** A Dataverse actual row back into our model (the inverse of actualToDataverse). */
export function actualFromDataverse(record: DataverseRecord): Actual {
  const id = String(record.msdyn_actualid);
  const classValue = record[DATAVERSE_FIELDS.transactionClass];
  const cls =
    classValue === null && record.vnf_transactionclass === 'Retainer'
      ? 'Retainer'
      : requireOption(TRANSACTION_CLASS_OPTIONS, record, DATAVERSE_FIELDS.transactionClass);
  const actual: Actual = {
    id,
    transactionType: requireOption(TRANSACTION_TYPE_OPTIONS, record, DATAVERSE_FIELDS.transactionType),
    class: cls,
    quantity: parseDecimal(record[DATAVERSE_FIELDS.quantity], `actual ${id}, quantity`),
    amount: parseDecimal(record[DATAVERSE_FIELDS.amount], `actual ${id}, amount`),
    currency: String(record.transactioncurrencyid),
    billingType: requireOption(BILLING_TYPE_OPTIONS, record, DATAVERSE_FIELDS.billingType),
    adjustmentStatus: requireOption(ADJUSTMENT_STATUS_OPTIONS, record, DATAVERSE_FIELDS.adjustmentStatus),
    billingStatus: requireOption(BILLING_STATUS_OPTIONS, record, DATAVERSE_FIELDS.billingStatus),
    reversal: record.vnf_reversal === true,
  };
  if (typeof record.vnf_reversesactualid === 'string') actual.reversesActualId = record.vnf_reversesactualid;
  if (typeof record.msdyn_invoicelinetransaction === 'string')
    actual.lineDetailId = record.msdyn_invoicelinetransaction;
  return actual;
}

/** The correction fields of an ILD as Dataverse columns. */
export function lineDetailCorrectionToDataverse(line: InvoiceLineDetail): DataverseRecord {
  return {
    msdyn_invoicelinetransactionid: line.id,
    [DATAVERSE_FIELDS.correction]: line.correction,
    [DATAVERSE_FIELDS.originalLineDetail]: line.originalLineDetailId ?? null,
    [DATAVERSE_FIELDS.previousAmount]: (line.previousAmount ?? new ExactDecimal(0)).toString(),
    [DATAVERSE_FIELDS.invoiceAmount]: (line.invoiceAmount ?? line.amount).toString(),
  };
}
