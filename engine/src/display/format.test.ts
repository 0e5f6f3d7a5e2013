import { describe, expect, it } from 'vitest';
import { ExactDecimal } from '../money/index.js';
import { formatDate, formatDateTime, formatDecimal, formatMoney, normaliseCurrencyCode } from './index.js';

describe('display formats', () => {
  it('groups VND the Vietnamese way with the dong sign after', () => {
    expect(formatMoney(new ExactDecimal('814107140'), 'VND')).toBe('814.107.140 ₫');
    expect(formatMoney(new ExactDecimal('814107140'), 'VNĐ')).toBe('814.107.140 ₫');
    expect(formatMoney(new ExactDecimal('-1234.5'), 'USD', 'vi')).toBe('-1.234,5 $');
    expect(formatMoney(new ExactDecimal('1234.50'), 'USD', 'en')).toBe('$1,234.5');
    expect(formatMoney(new ExactDecimal('999'), 'JPY', 'en')).toBe('999 JPY');
  });

  it('never prints an exponent or rounds', () => {
    expect(formatDecimal(new ExactDecimal('1.23e+44'))).toBe(
      '123.000.000.000.000.000.000.000.000.000.000.000.000.000.000',
    );
    expect(formatDecimal(new ExactDecimal('0.000000001'), 'en')).toBe('0.000000001');
    expect(formatDecimal(new ExactDecimal('12345678901234567.89'), 'en')).toBe('12,345,678,901,234,567.89');
  });

  it('reads dates in UTC+7', () => {
    expect(formatDate('2026-10-03')).toBe('03/10/2026');
    expect(formatDate('2026-10-02T17:00:00Z')).toBe('03/10/2026');
    expect(formatDate('2026-10-02T16:59:59Z')).toBe('02/10/2026');
    expect(formatDateTime('2026-10-03T07:05:00Z')).toBe('03/10/2026 14:05');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('normalises the portal spellings of the dong', () => {
    expect(normaliseCurrencyCode(' vnđ ')).toBe('VND');
    expect(normaliseCurrencyCode('usd')).toBe('USD');
  });
});
