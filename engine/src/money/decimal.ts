import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The engine's own Decimal constructor, so no other library's global decimal.js settings can change our
 * results. 40 significant digits hold any amount the source product stores (money with 4 places,
 * quantities with 2) times any unit price, with no rounding until we round on purpose.
 *
 * Rounding decision: ROUND_HALF_UP, which in decimal.js means half away from zero (2.5 -> 3, -2.5 -> -3).
 * Vietnamese invoices and the source product round money half-up, and rounding away from zero is
 * symmetric: round(-x) = -round(x), so a reversal of a rounded actual is exactly its negation. Half-even
 * (banker's rounding) is symmetric too but is not what an accountant checking an invoice by hand expects.
 */
export const ExactDecimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

export type Decimal = DecimalJs;

export const ZERO = new ExactDecimal(0);

export function isDecimal(value: unknown): value is Decimal {
  return DecimalJs.isDecimal(value);
}
