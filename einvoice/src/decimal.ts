/**
 * E-invoices use the engine's own exact Decimal (40 digits, half away from zero: see engine/src/money/decimal.ts),
 * so amounts from the portal and amounts in the ledger are one type.
 */
import {
  ExactDecimal,
  ZERO,
  isKnownCurrency,
  minorUnits,
  type Decimal,
} from '../../engine/src/money/index.js';

export { ZERO, type Decimal };
export const InvoiceDecimal = ExactDecimal;

/** Plain or exponent decimal text (`-1.5`, `2.572777E7`, `.5`); no thousands separators. */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A Decimal from text, or `undefined` when the text is not a number. Blank text is null (absent). */
export function decimalFromText(text: string): Decimal | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return DECIMAL_TEXT.test(trimmed) ? new InvoiceDecimal(trimmed) : undefined;
}

/**
 * A Decimal from a portal JSON value: a number (as JSON gave it), decimal text, or a lossless-JSON
 * `{ source: "1.2E7", parsedValue }` wrapper. `undefined` = present but unreadable.
 */
export function decimalFromJson(value: unknown): Decimal | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? new InvoiceDecimal(String(value)) : undefined;
  if (typeof value === 'string') return decimalFromText(value);
  if (typeof value === 'object' && 'source' in value)
    return decimalFromJson((value as { source: unknown }).source);
  return undefined;
}

/** Digits after the decimal point of a currency (ISO 4217): absent means VND (0), an unknown code 2. */
export function currencyDigits(currency: string | null): number {
  if (currency === null) return 0;
  return isKnownCurrency(currency) ? minorUnits(currency) : 2;
}

/** `VNĐ`, `vnd`, ` VND ` -> `VND`. */
export function normaliseCurrency(text: string | null): string | null {
  if (text === null) return null;
  const upper = text.trim().toUpperCase();
  if (upper === '') return null;
  return upper === 'VNĐ' ? 'VND' : upper;
}
