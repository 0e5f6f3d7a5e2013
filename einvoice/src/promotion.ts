/** Which lines are promotions, and what a line's nature means for its VAT. */
import type { Decimal } from './decimal.js';
import type { LineNatureCode, PromotionKind, VatRate } from './model.js';

/** `khuyến mại` / `khuyen mai` (promotion), in any case, composed or decomposed. */
const PROMOTION_WORDS = /khuy[eêế]n\s*m[aạ]i/i;

export function promotionOf(
  natureCode: LineNatureCode | null,
  amount: Decimal | null,
  name: string | null,
): PromotionKind | null {
  if (natureCode === 2) return 'declared';
  if (natureCode !== 1 && natureCode !== 3) return null;
  const free = amount === null || amount.isZero();
  return free && name !== null && PROMOTION_WORDS.test(name.normalize('NFC')) ? 'free-of-charge' : null;
}

/** A note line (`TChat` 4) has no VAT rate, whatever rate field the source fills. */
export function lineVatRate(natureCode: LineNatureCode | null, rate: VatRate | null): VatRate | null {
  return natureCode === 4 ? null : rate;
}
