import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { amountInWords, integerInWords } from './amount-words.js';

describe('amounts in Vietnamese words', () => {
  it('reads numbers the way invoices print them', () => {
    expect(integerInWords(3_791_700n)).toBe('ba triệu bảy trăm chín mươi mốt nghìn bảy trăm');
    expect(integerInWords(1_005n)).toBe('một nghìn không trăm linh năm');
    expect(integerInWords(215n)).toBe('hai trăm mười lăm');
    expect(integerInWords(14_000n)).toBe('mười bốn nghìn');
    expect(integerInWords(2_000_000_021n)).toBe('hai tỷ không trăm hai mươi mốt');
  });

  it('names the currency: đồng (chẵn for whole thousands), or dollars and cents', () => {
    expect(amountInWords(new Decimal(14000), 'VND')).toBe('Mười bốn nghìn đồng chẵn');
    expect(amountInWords(new Decimal(850175), 'VNĐ')).toBe(
      'Tám trăm năm mươi nghìn một trăm bảy mươi lăm đồng',
    );
    expect(amountInWords(new Decimal('1.1'), 'USD')).toBe('Một đô la Mỹ và mười xu');
  });
});
