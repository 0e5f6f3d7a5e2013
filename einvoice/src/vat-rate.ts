/** Reading VAT rates: `TSuat` text (`8%`, `KCT`, `KKKNT`, `KHAC:5.26%`) and portal fractions (0.08). */
import { InvoiceDecimal, type Decimal } from './decimal.js';
import type { VatRate } from './model.js';

const PERCENT = /^([+-]?\d+(?:\.\d+)?)\s*%$/;
const OTHER = /^KHAC\s*:?\s*(\d+(?:\.\d+)?)?\s*%?$/;

function percentRate(percent: string): { code: string; rate: Decimal } {
  const value = new InvoiceDecimal(percent);
  return { code: `${value.toString()}%`, rate: value.div(100) };
}

/** A rate from its text; `unknown` (never an exception) when it cannot be read. Blank text is null. */
export function parseVatRate(text: string | null): VatRate | null {
  if (text === null) return null;
  const upper = text.trim().toUpperCase();
  if (upper === '') return null;
  if (upper === 'KCT') return { kind: 'not-subject', code: 'KCT', rate: null };
  if (upper === 'KKKNT') return { kind: 'not-declared', code: 'KKKNT', rate: null };
  const percent = PERCENT.exec(upper);
  if (percent) return { kind: 'percent', ...percentRate(percent[1]!) };
  const other = OTHER.exec(upper);
  if (other) {
    if (other[1] === undefined) return { kind: 'other', code: 'KHAC', rate: null };
    const { code, rate } = percentRate(other[1]);
    return { kind: 'other', code: `KHAC:${code}`, rate };
  }
  return { kind: 'unknown', code: text.trim(), rate: null };
}

/** A percent rate from the portal's fraction form (0.08 -> `8%`). */
export function vatRateFromFraction(fraction: Decimal): VatRate {
  const percent = fraction.times(100);
  return { kind: 'percent', code: `${percent.toString()}%`, rate: fraction };
}

/** Whether a line at this rate carries no VAT at all (not subject / not declared). */
export function isVatFree(rate: VatRate): boolean {
  return rate.kind === 'not-subject' || rate.kind === 'not-declared';
}
