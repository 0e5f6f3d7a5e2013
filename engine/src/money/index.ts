export { ExactDecimal, ZERO, isDecimal, type Decimal } from './decimal.js';
export { isKnownCurrency, knownCurrencies, minorUnits } from './currency.js';
export { parseDecimal, parseOptionalDecimal } from './parse.js';
export { QUANTITY_PLACES, fitsCurrency, roundQuantity, roundToCurrency, roundToPlaces } from './rounding.js';
export { split, splitAmount, type Split } from './split.js';
export {
  MAX_AMOUNT_PLACES,
  MAX_INTEGER_DIGITS,
  UNIT_PRICE_PLACES,
  limitProblem,
  maxPlaces,
  plainDecimal,
  type LimitProblem,
  type NumberKind,
} from './limits.js';
