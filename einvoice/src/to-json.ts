/**
 * The model as JSON: every Decimal as a decimal string (`"3447000"`, never a float), everything else as
 * in the model. The shape `inspect --json` prints and the README documents.
 */
import type { EInvoice } from './model.js';
import type { InvoiceWarning } from './warnings.js';
import { isDecimal } from '#engine';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [name: string]: JsonValue };

export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (isDecimal(value)) return value.toFixed();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [name, item] of Object.entries(value)) out[name] = toJsonValue(item);
    return out;
  }
  return value as string | number | boolean;
}

export interface InspectionJson {
  invoice: JsonValue;
  warnings: { code: string; field: string | null; message: string }[];
  /** True when the invoice has no warnings (what `inspect` exits 0 for). */
  ok: boolean;
}

/** `warnings[].message` in the language asked for (the caller passes it already described). */
export function inspectionJson(
  invoice: EInvoice,
  warnings: readonly InvoiceWarning[],
  describe: (warning: InvoiceWarning) => string = (warning) => warning.message,
): InspectionJson {
  return {
    invoice: toJsonValue(invoice),
    warnings: warnings.map((warning) => ({
      code: warning.code,
      field: warning.field,
      message: describe(warning),
    })),
    ok: warnings.length === 0,
  };
}
