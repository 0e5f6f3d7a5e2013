/**
 * The Decimal constructor used for e-invoices: 40 significant digits (the standard allows 21 digits with
 * 6 decimals for quantities and prices, and products of them), half-up rounding like Vietnamese invoices,
 * plain notation in toString. Our own clone, so no other code's global decimal.js settings change results.
 */
import DecimalModule from 'decimal.js';
import type { Decimal as DecimalInstance } from 'decimal.js';

type DecimalConstructor = typeof DecimalInstance;
// decimal.js types its ESM build as CommonJS: at run time the default import is the class itself, while
// TypeScript believes it is the module object holding `default`. Accept both shapes.
const DecimalJs: DecimalConstructor =
  (DecimalModule as unknown as { default?: DecimalConstructor }).default ??
  (DecimalModule as unknown as DecimalConstructor);

export const InvoiceDecimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalInstance;

export const ZERO: Decimal = new InvoiceDecimal(0);

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

/** Digits after the decimal point of a currency: VND and other zero-decimal currencies 0, else 2. */
const ZERO_DECIMAL_CURRENCIES = new Set([
  'VND',
  'JPY',
  'KRW',
  'CLP',
  'ISK',
  'PYG',
  'UGX',
  'XAF',
  'XOF',
  'XPF',
]);
const THREE_DECIMAL_CURRENCIES = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function currencyDigits(currency: string | null): number {
  if (currency === null || ZERO_DECIMAL_CURRENCIES.has(currency)) return 0;
  return THREE_DECIMAL_CURRENCIES.has(currency) ? 3 : 2;
}

/** `VNĐ`, `vnd`, ` VND ` -> `VND`. */
export function normaliseCurrency(text: string | null): string | null {
  if (text === null) return null;
  const upper = text.trim().toUpperCase();
  if (upper === '') return null;
  return upper === 'VNĐ' ? 'VND' : upper;
}
