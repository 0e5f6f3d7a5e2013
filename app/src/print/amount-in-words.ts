/**
 * An amount in Vietnamese words, as invoices print it ("Số tiền viết bằng chữ"):
 * 1.250.000 -> "Một triệu hai trăm năm mươi nghìn đồng". Exact: read from the decimal's digits.
 */
import type { Decimal } from '../../../engine/src/index.js';

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
  // Groups of three from the right; every fourth group starts a new "tỷ" (10^9) cycle.
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

/**
 * `amount` in words with its currency: VND "đồng" (no fraction), other currencies their fraction read
 * after "phẩy". Negative amounts (decreasing adjustments) start with "Âm".
 */
export function amountInWords(amount: Decimal, currency = 'VND'): string {
  const fixed = amount.abs().toFixed();
  const [whole = '0', fraction = ''] = fixed.split('.');
  let words = readWholeNumber(whole);
  if (fraction !== '' && !/^0+$/.test(fraction)) words += ` phẩy ${readWholeNumber(fraction)}`;
  const unit = currency.toUpperCase() === 'VND' ? 'đồng' : currency.toUpperCase();
  const sentence = `${amount.isNegative() && !amount.isZero() ? 'âm ' : ''}${words} ${unit}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
