import { EngineError } from '../errors/engine-error.js';
import { ExactDecimal, isDecimal, type Decimal } from './decimal.js';

const DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?$/;

/**
 * An amount or quantity from outside the engine: a plain decimal string ("1600", "-12.5") or a Decimal.
 * JS numbers are refused because 0.1 + 0.2 style errors would already have happened before we see them.
 * `where` names the place for the error message (file:line:col, invoice line and field, ...).
 */
export function parseDecimal(value: unknown, where: string): Decimal {
  if (isDecimal(value)) {
    if (!value.isFinite()) throw new EngineError('money.invalid', { where, text: value.toString() });
    return value instanceof ExactDecimal ? value : new ExactDecimal(value);
  }
  if (typeof value !== 'string') {
    throw new EngineError('money.notString', { where, type: value === null ? 'null' : typeof value });
  }
  const text = value.trim();
  if (!DECIMAL_TEXT.test(text)) throw new EngineError('money.invalid', { where, text: value });
  return new ExactDecimal(text);
}

/** Like parseDecimal, but `undefined` stays undefined (optional fields). */
export function parseOptionalDecimal(value: unknown, where: string): Decimal | undefined {
  return value === undefined ? undefined : parseDecimal(value, where);
}
