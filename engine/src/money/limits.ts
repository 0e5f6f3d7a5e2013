/**
 * The documented limits on every amount, quantity and unit price the engine takes in (invoices, edits,
 * ledgers, rule tests). Within them every product and sum is exact in ExactDecimal's 40 significant
 * digits (a quantity of 15 + 2 digits times a unit price of 15 + 4 is at most 36 digits), and every value
 * prints as plain digits, never with an exponent. Beyond them a value is refused, never rounded.
 */
import { ExactDecimal, type Decimal } from './decimal.js';
import { QUANTITY_PLACES } from './rounding.js';

/** Digits before the decimal point: below 10^15 (999,999,999,999,999 ₫ is about 38 billion USD). */
export const MAX_INTEGER_DIGITS = 15;
/** Money never has more places than this (the source product stores 4); its currency may allow fewer. */
export const MAX_AMOUNT_PLACES = 4;
/** Unit prices may be finer than the currency (33.3333 USD/h), up to this. */
export const UNIT_PRICE_PLACES = 4;
export { QUANTITY_PLACES };

export type NumberKind = 'amount' | 'quantity' | 'unitPrice';

const BOUND = new ExactDecimal(10).pow(MAX_INTEGER_DIGITS);

/** The places a kind of number may have; amounts: their currency's minor units (at most 4). */
export function maxPlaces(kind: NumberKind, currencyPlaces = MAX_AMOUNT_PLACES): number {
  if (kind === 'quantity') return QUANTITY_PLACES;
  if (kind === 'unitPrice') return UNIT_PRICE_PLACES;
  return Math.min(currencyPlaces, MAX_AMOUNT_PLACES);
}

export type LimitProblem =
  { code: 'tooManyDigits'; digits: number } | { code: 'tooManyDecimals'; places: number };

/** Why a value is beyond the limits of its kind, or undefined when it is within them. */
export function limitProblem(value: Decimal, places: number): LimitProblem | undefined {
  if (!value.isFinite() || value.abs().gte(BOUND))
    return { code: 'tooManyDigits', digits: MAX_INTEGER_DIGITS };
  if (value.decimalPlaces() > places) return { code: 'tooManyDecimals', places };
  return undefined;
}

/** Plain digits for any Decimal, never "-0": decimal.js's toString switches to exponents at the extremes. */
export function plainDecimal(value: Decimal): string {
  if (value.isZero()) return '0';
  const text = value.toString();
  return text.includes('e') ? value.toFixed() : text;
}

const DECIMAL_PARTS = /^\s*[+-]?0*(\d*?)(?:\.(\d*?)0*)?\s*$/;

/**
 * The same check on the text of a decimal ("1600.00"), without building a Decimal: digits before the
 * point without leading zeros, places after it without trailing zeros (as Decimal.decimalPlaces counts).
 */
export function textLimitProblem(text: string, places: number): LimitProblem | undefined {
  const parts = DECIMAL_PARTS.exec(text);
  if (!parts) return undefined;
  if ((parts[1] ?? '').length > MAX_INTEGER_DIGITS)
    return { code: 'tooManyDigits', digits: MAX_INTEGER_DIGITS };
  if ((parts[2] ?? '').length > places) return { code: 'tooManyDecimals', places };
  return undefined;
}

/** Decimal places of a decimal text, as Decimal.decimalPlaces counts them (trailing zeros do not count). */
export function textDecimalPlaces(text: string): number {
  return (DECIMAL_PARTS.exec(text)?.[2] ?? '').length;
}
