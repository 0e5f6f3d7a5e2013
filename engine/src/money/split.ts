import type { Decimal } from './decimal.js';
import { roundToCurrency } from './rounding.js';

export interface Split {
  corrected: Decimal;
  remaining: Decimal;
}

/**
 * Split `original` into the corrected part and the remainder. The remainder is computed by subtraction,
 * never rounded on its own, so corrected + remaining = original exactly.
 */
export function split(original: Decimal, corrected: Decimal): Split {
  return { corrected, remaining: original.minus(corrected) };
}

/** As `split`, with the corrected amount first rounded to the currency's minor units. */
export function splitAmount(original: Decimal, corrected: Decimal, currency: string): Split {
  return split(original, roundToCurrency(corrected, currency));
}
