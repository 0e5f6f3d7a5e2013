/**
 * Amounts in Vietnamese words, as invoices print them ("Số tiền viết bằng chữ", `TgTTTBChu`):
 * 1.250.000 ₫ -> "Một triệu hai trăm năm mươi nghìn đồng". Exact: read from the decimal's digits.
 */
import type { Decimal } from '../money/decimal.js';
import { normaliseCurrencyCode } from './format.js';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', ' nghìn', ' triệu'];

/** Three digits (0..999); `full` when a higher group precedes, so "không trăm" and "linh" are read. */
function readTriple(value: number, full: boolean): string {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const units = value % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(`${DIGITS[hundreds]} trăm`);
  if (tens > 1) {
    words.push(`${DIGITS[tens]} mươi`);
    if (units === 1) words.push('mốt');
    else if (units === 4) words.push('tư');
    else if (units === 5) words.push('lăm');
    else if (units > 0) words.push(DIGITS[units]!);
  } else if (tens === 1) {
    words.push('mười');
    if (units === 5) words.push('lăm');
    else if (units > 0) words.push(DIGITS[units]!);
  } else if (units > 0) {
    if (hundreds > 0 || full) words.push('linh');
    words.push(DIGITS[units]!);
  }
  return words.join(' ');
}

/** Whole digits as words (`"1250000"` -> `một triệu hai trăm năm mươi nghìn`). */
export function readWholeNumber(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return DIGITS[0]!;
  const groups: number[] = [];
  for (let end = trimmed.length; end > 0; end -= 3)
    groups.unshift(Number(trimmed.slice(Math.max(0, end - 3), end)));
  const words: string[] = [];
  groups.forEach((group, i) => {
    const position = groups.length - 1 - i;
    // Zero groups are not read; "tỷ" repeats every three groups (nghìn tỷ, triệu tỷ, tỷ tỷ).
    if (group === 0) return;
    const scale = SCALES[position % 3]! + ' tỷ'.repeat(Math.floor(position / 3));
    words.push(readTriple(group, words.length > 0) + scale);
  });
  return words.join(' ').replace(/\s+/g, ' ').trim();
}

/** Currencies read with a unit and a hundredth ("đô la Mỹ và mười xu"); others read their fraction after "phẩy". */
const CURRENCY_WORDS: Record<string, { unit: string; cent: string }> = {
  USD: { unit: 'đô la Mỹ', cent: 'xu' },
  EUR: { unit: 'euro', cent: 'xu' },
};

/**
 * `amount` in words with its currency: VND (and the portal's `VNĐ`) "đồng"; USD and EUR with their
 * cents ("và … xu"); other currencies their fraction after "phẩy" and their code. Negative amounts
 * (decreasing adjustments) start with "Âm".
 */
export function amountInWords(amount: Decimal, currency = 'VND'): string {
  const code = normaliseCurrencyCode(currency);
  const [whole = '0', fraction = ''] = amount.abs().toFixed().split('.');
  const hasFraction = fraction !== '' && !/^0+$/.test(fraction);
  let words = readWholeNumber(whole);
  const named = CURRENCY_WORDS[code];
  if (code === 'VND') {
    if (hasFraction) words += ` phẩy ${readWholeNumber(fraction)}`;
    words += ' đồng';
  } else if (named && fraction.replace(/0+$/, '').length <= 2) {
    const cents = (fraction + '00').slice(0, 2);
    words += ` ${named.unit}`;
    if (cents !== '00') words += ` và ${readWholeNumber(cents)} ${named.cent}`;
  } else {
    // Other currencies, and USD/EUR beyond the cent (unit prices): the fraction after "phẩy".
    if (hasFraction) words += ` phẩy ${readWholeNumber(fraction)}`;
    words += ` ${named?.unit ?? code}`;
  }
  const sentence = `${amount.isNegative() && !amount.isZero() ? 'âm ' : ''}${words}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
