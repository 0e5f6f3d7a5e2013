/**
 * A line's VAT amount: the line's own `TThue` when present, else the vendor's `TTKhac` `VATAmount`,
 * else computed from the rate and rounded to the currency (VAT-free rates give zero).
 */
import { InvoiceDecimal, ZERO, currencyDigits, decimalFromText, type Decimal } from './decimal.js';
import type { ExtraFields, VatAmountSource, VatRate } from './model.js';
import { isVatFree } from './vat-rate.js';

const VAT_AMOUNT_FIELD = 'vatamount';

function vatFromExtra(extra: ExtraFields): Decimal | null {
  for (const [field, value] of Object.entries(extra)) {
    if (field.toLowerCase() === VAT_AMOUNT_FIELD && value !== null) {
      const amount = decimalFromText(value);
      if (amount) return amount;
    }
  }
  return null;
}

export function resolveLineVat(
  explicit: Decimal | null,
  extra: ExtraFields,
  amount: Decimal | null,
  rate: VatRate | null,
  currency: string | null,
): { vatAmount: Decimal | null; vatAmountSource: VatAmountSource | null } {
  if (explicit !== null) return { vatAmount: explicit, vatAmountSource: 'line' };
  const fromExtra = vatFromExtra(extra);
  if (fromExtra !== null) return { vatAmount: fromExtra, vatAmountSource: 'ttkhac' };
  if (amount === null || rate === null) return { vatAmount: null, vatAmountSource: null };
  if (isVatFree(rate)) return { vatAmount: ZERO, vatAmountSource: 'computed' };
  if (rate.rate === null) return { vatAmount: null, vatAmountSource: null };
  const vat = amount.times(rate.rate).toDecimalPlaces(currencyDigits(currency), InvoiceDecimal.ROUND_HALF_UP);
  return { vatAmount: vat, vatAmountSource: 'computed' };
}
