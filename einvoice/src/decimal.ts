/**
 * E-invoices use the engine's own exact Decimal (40 digits, half away from zero: see engine/src/money/decimal.ts),
 * so amounts from the portal and amounts in the ledger are one type.
 */
import { ExactDecimal, ZERO, isKnownCurrency, minorUnits, type Decimal } from '#engine';

export { ZERO, type Decimal };
export const InvoiceDecimal = ExactDecimal;

/** Plain or exponent decimal text (`-1.5`, `2.572777E7`, `.5`); no thousands separators. */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Bounds of a number an invoice may hold: the standard allows 21 integer digits and 6 decimals; we keep
 * a little room (exchange rates, vendors' extra decimals) but refuse `1E9999999999999999` (Infinity in
 * decimal.js) and anything else no invoice can mean.
 */
export const MAX_INTEGER_DIGITS = 21;
export const MAX_DECIMAL_PLACES = 10;
const MAX_NUMBER_TEXT = 64;
const LIMIT = new ExactDecimal(10).pow(MAX_INTEGER_DIGITS);

function bounded(value: Decimal): Decimal | undefined {
  if (!value.isFinite() || value.abs().greaterThanOrEqualTo(LIMIT)) return undefined;
  return value.decimalPlaces() > MAX_DECIMAL_PLACES ? undefined : value;
}

/**
 * A Decimal from text, or `undefined` when the text is not a finite number within the bounds above.
 * Blank text is null (absent).
 */
export function decimalFromText(text: string): Decimal | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed.length > MAX_NUMBER_TEXT || !DECIMAL_TEXT.test(trimmed)) return undefined;
  return bounded(new InvoiceDecimal(trimmed));
}

/**
 * A Decimal from a portal JSON value: a number (as JSON gave it), decimal text, a lossless-JSON
 * `{ source: "1.2E7", parsedValue }` wrapper, or a `JSON.rawJSON` object. `undefined` = present but unreadable.
 */
export function decimalFromJson(value: unknown): Decimal | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? bounded(new InvoiceDecimal(String(value))) : undefined;
  if (typeof value === 'string') return decimalFromText(value);
  if (typeof value === 'object' && 'source' in value)
    return decimalFromJson((value as { source: unknown }).source);
  // `JSON.rawJSON('20185435.0')`, as the simulator builds float literals before serialising them.
  if (typeof value === 'object' && 'rawJSON' in value && typeof value.rawJSON === 'string')
    return decimalFromText(value.rawJSON);
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
