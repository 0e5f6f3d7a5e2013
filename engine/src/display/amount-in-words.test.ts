import { describe, expect, it } from 'vitest';
import { ExactDecimal } from '../money/index.js';
import { amountInWords, readWholeNumber } from './index.js';

describe('amounts in Vietnamese words', () => {
  it.each([
    ['0', 'không'],
    ['5', 'năm'],
    ['15', 'mười lăm'],
    ['21', 'hai mươi mốt'],
    ['24', 'hai mươi tư'],
    ['105', 'một trăm linh năm'],
    ['215', 'hai trăm mười lăm'],
    ['1000', 'một nghìn'],
    ['1005', 'một nghìn không trăm linh năm'],
    ['14000', 'mười bốn nghìn'],
    ['1250000', 'một triệu hai trăm năm mươi nghìn'],
    ['3791700', 'ba triệu bảy trăm chín mươi mốt nghìn bảy trăm'],
    ['814107140', 'tám trăm mười bốn triệu một trăm linh bảy nghìn một trăm bốn mươi'],
    ['2000000000', 'hai tỷ'],
    ['2000000021', 'hai tỷ không trăm hai mươi mốt'],
    ['1000000000000', 'một nghìn tỷ'],
  ])('%s', (digits, words) => {
    expect(readWholeNumber(digits)).toBe(words);
  });

  it('names the currency, with a capital letter and a sign', () => {
    expect(amountInWords(new ExactDecimal('3447000'))).toBe('Ba triệu bốn trăm bốn mươi bảy nghìn đồng');
    expect(amountInWords(new ExactDecimal('850175'), 'VNĐ')).toBe(
      'Tám trăm năm mươi nghìn một trăm bảy mươi lăm đồng',
    );
    expect(amountInWords(new ExactDecimal('-500000'))).toBe('Âm năm trăm nghìn đồng');
    expect(amountInWords(new ExactDecimal('1.1'), 'USD')).toBe('Một đô la Mỹ và mười xu');
    expect(amountInWords(new ExactDecimal('5417.21'), 'EUR')).toBe(
      'Năm nghìn bốn trăm mười bảy euro và hai mươi mốt xu',
    );
    expect(amountInWords(new ExactDecimal('12.5'), 'JPY')).toBe('Mười hai phẩy năm JPY');
    expect(amountInWords(new ExactDecimal('0.125'), 'USD')).toBe('Không phẩy một trăm hai mươi lăm đô la Mỹ');
  });
});
