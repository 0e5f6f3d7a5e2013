/**
 * An amount in Vietnamese words, as vendors print it in `tgtttbchu` / `TgTTTBChu`
 * ("Ba triệu bảy trăm chín mươi mốt nghìn bảy trăm đồng chẵn"). Simulator data only.
 */
import type { Decimal } from 'decimal.js';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', ' nghìn', ' triệu', ' tỷ', ' nghìn tỷ', ' triệu tỷ'];

/** One group of three digits; `full` when a higher group precedes it (then "không trăm", "linh"). */
function readGroup(value: number, full: boolean): string {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const units = value % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(`${DIGITS[hundreds]} trăm`);
  if (tens === 0) {
    if (units > 0 && (hundreds > 0 || full)) words.push('linh');
  } else if (tens === 1) words.push('mười');
  else words.push(`${DIGITS[tens]} mươi`);
  if (units > 0) {
    const unit = units === 1 && tens >= 2 ? 'mốt' : units === 5 && tens >= 1 ? 'lăm' : DIGITS[units]!;
    words.push(unit);
  }
  return words.join(' ');
}

/** A whole number in words: 1250 -> "một nghìn hai trăm năm mươi". */
export function integerInWords(value: bigint): string {
  if (value === 0n) return DIGITS[0]!;
  if (value < 0n) return `âm ${integerInWords(-value)}`;
  const groups: number[] = [];
  for (let rest = value; rest > 0n; rest /= 1000n) groups.push(Number(rest % 1000n));
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i]!;
    if (group === 0) continue;
    parts.push(`${readGroup(group, i < groups.length - 1)}${GROUPS[i] ?? ''}`);
  }
  return parts.join(' ');
}

const CURRENCY_WORDS: Record<string, [string, string]> = {
  USD: ['đô la Mỹ', 'xu'],
  EUR: ['euro', 'xu'],
};

/** `3791700` VND -> "Ba triệu bảy trăm chín mươi mốt nghìn bảy trăm đồng"; USD with cents "và ... xu". */
export function amountInWords(amount: Decimal, currency: string): string {
  const whole = BigInt(amount.trunc().toFixed());
  const words = CURRENCY_WORDS[currency];
  let text: string;
  if (!words) {
    text = `${integerInWords(whole)} đồng${whole % 1000n === 0n ? ' chẵn' : ''}`;
  } else {
    const cents = BigInt(amount.minus(amount.trunc()).abs().times(100).toFixed(0));
    text = `${integerInWords(whole)} ${words[0]}${cents > 0n ? ` và ${integerInWords(cents)} ${words[1]}` : ''}`;
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}
