import { describe, expect, it } from 'vitest';
import { ExactDecimal } from '../money/decimal.js';
import type { Actual } from './types.js';
import {
  actualFromDataverse,
  actualToDataverse,
  ADJUSTMENT_STATUS_OPTIONS,
  BILLING_TYPE_OPTIONS,
  optionName,
  TRANSACTION_CLASS_OPTIONS,
  TRANSACTION_TYPE_OPTIONS,
} from './dataverse.js';

const actual: Actual = {
  id: 'a-1',
  transactionType: 'BilledSales',
  class: 'Time',
  quantity: new ExactDecimal('-8'),
  amount: new ExactDecimal('-1600.0000'),
  currency: 'USD',
  billingType: 'Chargeable',
  adjustmentStatus: 'Unadjustable',
  billingStatus: 'CustomerInvoiceCreated',
  reversal: true,
  reversesActualId: 'a-0',
  lineDetailId: 'ild-1',
};

describe('Dataverse option sets', () => {
  it('uses the published numbers', () => {
    expect(TRANSACTION_TYPE_OPTIONS.BilledSales).toBe(192350006);
    expect(TRANSACTION_TYPE_OPTIONS.UnbilledSales).toBe(192350005);
    expect(TRANSACTION_CLASS_OPTIONS.Fee).toBe(192350004);
    expect(ADJUSTMENT_STATUS_OPTIONS.Adjusted).toBe(192350001);
    expect(BILLING_TYPE_OPTIONS.Chargeable).toBe(192350001);
    expect(optionName(TRANSACTION_CLASS_OPTIONS, 192350003)).toBe('Milestone');
  });

  it('exports and imports an actual without losing anything', () => {
    const row = actualToDataverse(actual);
    expect(row).toMatchObject({
      msdyn_transactiontypecode: 192350006,
      msdyn_transactionclassification: 192350000,
      msdyn_adjustmentstatus: 192350002,
      msdyn_amount: '-1600',
    });
    const back = actualFromDataverse(row);
    expect(JSON.stringify(back)).toBe(JSON.stringify({ ...actual, amount: new ExactDecimal('-1600') }));
  });

  it('exports retainers, whose number is unpublished, by name', () => {
    const row = actualToDataverse({ ...actual, class: 'Retainer' });
    expect(row.msdyn_transactionclassification).toBeNull();
    expect(actualFromDataverse(row).class).toBe('Retainer');
  });

  it('refuses unknown option values and JS-number amounts, naming the field', () => {
    expect(() => actualFromDataverse({ ...actualToDataverse(actual), msdyn_billingtype: 5 })).toThrow(
      'Record a-1, msdyn_billingtype: unknown option value 5',
    );
    expect(() => actualFromDataverse({ ...actualToDataverse(actual), msdyn_amount: 12.5 })).toThrow(
      'actual a-1, amount: an amount must be a decimal string, not a number',
    );
  });
});
