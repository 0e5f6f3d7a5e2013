/**
 * JSON.parse that refuses to round money silently. Amounts arrive as JSON numbers; a literal with more
 * significant digits than a double holds (e.g. `12345678901234567890.5`) would be changed by
 * JSON.parse without a word, so such a body is rejected instead, naming the field.
 */
import { Decimal } from 'decimal.js';

interface ReviverContext {
  source?: string;
}

export interface InexactNumber {
  field: string;
  source: string;
}

/** Parses `text`; returns the value and the numbers that could not be held exactly (empty if none). */
export function parseJsonExactly(text: string): { value: unknown; inexact: InexactNumber[] } {
  const inexact: InexactNumber[] = [];
  const reviver = function (this: unknown, key: string, value: unknown, context?: ReviverContext): unknown {
    const source = context?.source;
    // Up to 15 significant digits always survive a double; only longer literals need the exact check.
    if (typeof value === 'number' && source !== undefined && source.replace(/[-+.]|e.*$/gi, '').length > 15) {
      if (!new Decimal(source).equals(new Decimal(value))) inexact.push({ field: key, source });
    }
    return value;
  };
  const value: unknown = JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
  return { value, inexact };
}
