import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { amountInWords, readWholeNumber } from './amount-in-words.js';

describe('amountInWords', () => {
  it.each([
    ['0', 'không'],
    ['5', 'năm'],
    ['15', 'mười lăm'],
    ['21', 'hai mươi mốt'],
    ['24', 'hai mươi tư'],
    ['105', 'một trăm linh năm'],
    ['1000', 'một nghìn'],
    ['1005', 'một nghìn không trăm linh năm'],
    ['1250000', 'một triệu hai trăm năm mươi nghìn'],
    ['814107140', 'tám trăm mười bốn triệu một trăm linh bảy nghìn một trăm bốn mươi'],
    ['2000000000', 'hai tỷ'],
    ['1000000000000', 'một nghìn tỷ'],
  ])('%s', (digits, words) => {
    expect(readWholeNumber(digits)).toBe(words);
  });

  it('adds the currency, a capital letter, a fraction and a sign', () => {
    expect(amountInWords(new Decimal('3447000'))).toBe('Ba triệu bốn trăm bốn mươi bảy nghìn đồng');
    expect(amountInWords(new Decimal('-500000'))).toBe('Âm năm trăm nghìn đồng');
    expect(amountInWords(new Decimal('12.5'), 'USD')).toBe('Mười hai phẩy năm USD');
  });
});
