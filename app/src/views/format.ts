/** Figures as the pages show them, through the shared formatter (`814.107.140 ₫`, `03/10/2026` UTC+7). */
import { formatDate, formatDateTime, formatDecimal, formatMoney, type Decimal } from '#engine';
import { decimalFromJson } from '#einvoice';
import type { Language } from '#engine/i18n';

export function money(
  value: Decimal | string | null | undefined,
  currency: string | null,
  language: Language,
): string {
  if (value === null || value === undefined) return '';
  const amount = typeof value === 'string' ? decimalFromJson(value) : value;
  return amount ? formatMoney(amount, currency ?? 'VND', language) : String(value);
}

export function figure(value: Decimal | null | undefined, language: Language): string {
  return value === null || value === undefined ? '' : formatDecimal(value, language);
}

export function date(value: Date | string | null | undefined): string {
  return value === null || value === undefined ? '' : formatDate(value);
}

export function dateTime(value: Date | string | null | undefined): string {
  return value === null || value === undefined ? '' : formatDateTime(value);
}
