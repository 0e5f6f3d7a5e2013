import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error.js';
import { decimalString } from '../testing/arbitraries.js';
import { minorUnits } from './currency.js';
import { ExactDecimal } from './decimal.js';
import { parseDecimal } from './parse.js';
import { roundToCurrency } from './rounding.js';
import { split, splitAmount } from './split.js';

describe('currency minor units (ISO 4217)', () => {
  it.each([
    ['VND', 0],
    ['USD', 2],
    ['JPY', 0],
    ['EUR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
    ['KRW', 0],
  ])('%s has %i digits', (code, digits) => {
    expect(minorUnits(code)).toBe(digits);
  });

  it('refuses an unknown code, naming it and the place, in both languages', () => {
    const error = (() => {
      try {
        minorUnits('XYZ', 'invoice 7, line 2');
      } catch (e) {
        return e as EngineError;
      }
    })();
    expect(error).toBeInstanceOf(EngineError);
    expect(error!.message).toContain('invoice 7, line 2: unknown currency "XYZ"');
    expect(error!.localized('vi')).toContain('không rõ loại tiền "XYZ"');
  });
});

describe('parseDecimal', () => {
  it('accepts decimal strings exactly', () => {
    expect(parseDecimal(' -12.50 ', 'x').toString()).toBe('-12.5');
    expect(parseDecimal('0.1', 'x').plus(parseDecimal('0.2', 'x')).toString()).toBe('0.3');
    expect(parseDecimal('123456789012345678901234567890.1234', 'x').toFixed(4)).toBe(
      '123456789012345678901234567890.1234',
    );
  });

  it('refuses JS numbers, naming the place', () => {
    expect(() => parseDecimal(1.5, 'line L1, quantity')).toThrow(
      'line L1, quantity: an amount must be a decimal string, not a number',
    );
  });

  it.each(['', '1,5', 'abc', '1e3', '1.', '.5', 'NaN', 'Infinity', '--1'])('refuses "%s"', (text) => {
    expect(() => parseDecimal(text, 'f.rules:3:7')).toThrow(`f.rules:3:7: "${text}" is not a decimal number`);
  });

  it('round-trips any decimal string', () => {
    fc.assert(
      fc.property(decimalString(), (text) => {
        expect(parseDecimal(text, 'x').eq(new ExactDecimal(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rounding to the currency', () => {
  it('rounds half away from zero', () => {
    expect(roundToCurrency(new ExactDecimal('2.5'), 'VND').toString()).toBe('3');
    expect(roundToCurrency(new ExactDecimal('-2.5'), 'VND').toString()).toBe('-3');
    expect(roundToCurrency(new ExactDecimal('1.005'), 'USD').toString()).toBe('1.01');
    expect(roundToCurrency(new ExactDecimal('1.0045'), 'KWD').toString()).toBe('1.005');
    expect(roundToCurrency(new ExactDecimal('2.345'), 'EUR').toString()).toBe('2.35');
  });

  it('is symmetric, so a reversal of a rounded amount is its exact negation', () => {
    fc.assert(
      fc.property(decimalString({ places: 6 }), fc.constantFrom('VND', 'USD', 'KWD'), (text, currency) => {
        const value = new ExactDecimal(text);
        expect(
          roundToCurrency(value.negated(), currency).eq(roundToCurrency(value, currency).negated()),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('split', () => {
  it('conserves exactly: corrected + remaining = original', () => {
    fc.assert(
      fc.property(
        decimalString(),
        decimalString({ places: 6 }),
        fc.constantFrom('VND', 'USD', 'KWD'),
        (o, c, cur) => {
          const original = new ExactDecimal(o);
          const plain = split(original, new ExactDecimal(c));
          expect(plain.corrected.plus(plain.remaining).eq(original)).toBe(true);
          const rounded = splitAmount(original, new ExactDecimal(c), cur);
          expect(rounded.corrected.plus(rounded.remaining).eq(original)).toBe(true);
          expect(rounded.corrected.decimalPlaces()).toBeLessThanOrEqual(minorUnits(cur));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splits 1,600 corrected to 1,200 into 1,200 and 400', () => {
    const { corrected, remaining } = split(new ExactDecimal('1600'), new ExactDecimal('1200'));
    expect([corrected.toString(), remaining.toString()]).toEqual(['1200', '400']);
  });
});
