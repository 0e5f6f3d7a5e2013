import { minorUnits } from './currency.js';
import { ExactDecimal, type Decimal } from './decimal.js';

/** Quantities keep 2 places, as in the source product. */
export const QUANTITY_PLACES = 2;

/** Round an amount to its currency's minor units, half away from zero (see decimal.ts for why). */
export function roundToCurrency(amount: Decimal, currency: string): Decimal {
  return roundToPlaces(amount, minorUnits(currency));
}

export function roundQuantity(quantity: Decimal): Decimal {
  return roundToPlaces(quantity, QUANTITY_PLACES);
}

export function roundToPlaces(value: Decimal, places: number): Decimal {
  // Skip the work when nothing would change: most values are already at their precision.
  if (value.decimalPlaces() <= places) return value;
  return value.toDecimalPlaces(places, ExactDecimal.ROUND_HALF_UP);
}

/** True when `amount` needs no rounding in `currency`. */
export function fitsCurrency(amount: Decimal, currency: string): boolean {
  return amount.decimalPlaces() <= minorUnits(currency);
}
