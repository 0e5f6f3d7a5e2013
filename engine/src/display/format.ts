import type { Decimal } from '../money/decimal.js';

/** The languages users read figures in. Vietnamese groups thousands with `.` and decimals with `,`. */
export type DisplayLanguage = 'en' | 'vi';

const SEPARATORS: Record<DisplayLanguage, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** Symbols shown after (vi) or before (en) an amount; other currencies show their ISO code. */
const SYMBOLS: Record<string, string> = { VND: '₫', USD: '$', EUR: '€' };

/**
 * An exact decimal grouped the way `language` reads it, with no exponent and no rounding: the digits
 * shown are the digits stored (`814107140` -> `814.107.140`, `-1234.5` -> `-1.234,5`).
 */
export function formatDecimal(value: Decimal, language: DisplayLanguage = 'vi'): string {
  const { group, decimal } = SEPARATORS[language];
  const fixed = value.toFixed();
  const negative = fixed.startsWith('-');
  const [whole = '0', fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
}

/**
 * An amount with its currency as invoices print it: `814.107.140 ₫` (vi), `₫814,107,140` (en),
 * `1.234,50 USD`. `currency` is an ISO code; the portal's `VNĐ` spelling is read as VND.
 */
export function formatMoney(amount: Decimal, currency: string, language: DisplayLanguage = 'vi'): string {
  const code = normaliseCurrencyCode(currency);
  const symbol = SYMBOLS[code];
  const figure = formatDecimal(amount, language);
  if (language === 'vi') return `${figure} ${symbol ?? code}`;
  if (!symbol) return `${figure} ${code}`;
  return figure.startsWith('-') ? `-${symbol}${figure.slice(1)}` : `${symbol}${figure}`;
}

/** `VNĐ`, `vnd`, ` VND ` -> `VND`; other codes upper-cased and trimmed. */
export function normaliseCurrencyCode(currency: string): string {
  const code = currency.trim().toUpperCase();
  return code === 'VNĐ' || code === 'VNÐ' || code === 'Đ' ? 'VND' : code;
}

/** Vietnam's offset from UTC (no daylight saving): invoice dates are read in UTC+7. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * A date as Vietnamese users read it, in UTC+7: `03/10/2026` (vi and en alike: dd/MM/yyyy is what the
 * invoices print). Accepts a Date, an ISO instant (`2026-10-02T17:00:00Z`) or a plain `YYYY-MM-DD`,
 * which is already a Vietnamese calendar date and is not shifted.
 */
export function formatDate(value: Date | string): string {
  if (typeof value === 'string') {
    const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  }
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return String(value);
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const day = String(local.getUTCDate()).padStart(2, '0');
  const month = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${day}/${month}/${local.getUTCFullYear()}`;
}

/** Date and time in UTC+7: `03/10/2026 14:05`. */
export function formatDateTime(value: Date | string): string {
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return String(value);
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const hours = String(local.getUTCHours()).padStart(2, '0');
  const minutes = String(local.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(instant)} ${hours}:${minutes}`;
}
