/** fast-check generators shared by the engine's property tests. */
import fc from 'fast-check';
import { ExactDecimal, type Decimal } from '../money/decimal.js';

/** A decimal string with up to `places` digits after the point, e.g. "-1234.56". */
export function decimalString(
  options: { places?: number; max?: bigint; min?: bigint } = {},
): fc.Arbitrary<string> {
  const places = options.places ?? 4;
  const max = options.max ?? 10n ** 12n;
  const min = options.min ?? -max;
  return fc.tuple(fc.bigInt({ min, max }), fc.integer({ min: 0, max: places })).map(([units, scale]) => {
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  });
}

/** A non-negative Decimal with at most `places` decimals, below `max`. */
export function decimal(places: number, max: bigint): fc.Arbitrary<Decimal> {
  return fc
    .bigInt({ min: 0n, max: max * 10n ** BigInt(places) })
    .map((units) => new ExactDecimal(units.toString()).dividedBy(new ExactDecimal(10).pow(places)));
}
