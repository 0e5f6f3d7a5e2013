/** Messages of the `apply` boundary (problems in the JSON inputs), in English and Vietnamese. */
import { createTranslator, type Catalog, type Language, type Params } from '../i18n/translator.js';

export type ApplyMessageKey =
  | 'input.badJson'
  | 'input.duplicateKey'
  | 'input.decimalString'
  | 'input.decimalNumber'
  | 'input.decimalNumberTooLarge'
  | 'input.required'
  | 'input.expectedType'
  | 'input.oneOf'
  | 'input.oneOfDidYouMean'
  | 'input.unknownKeys'
  | 'input.tooSmall'
  | 'input.invalid'
  | 'input.unknownLine'
  | 'input.duplicateLine'
  | 'input.duplicateId'
  | 'input.duplicateActualId'
  | 'input.currencyMismatch'
  | 'input.unknownCurrency'
  | 'input.tooPrecise'
  | 'input.tooManyDigits'
  | 'input.tooManyDecimals'
  | 'input.amountDisagrees';

export const applyMessages: Catalog<ApplyMessageKey> = {
  en: {
    'input.badJson': 'not valid JSON: {reason}',
    'input.duplicateKey': 'the key "{key}" appears twice in the same object (first at {first})',
    'input.decimalString': 'expected a decimal string such as "1600.00"',
    'input.decimalNumber':
      'expected a decimal string, got the JSON number {value}: write amounts and quantities as strings ("{suggestion}") so no digit is lost',
    'input.decimalNumberTooLarge':
      'expected a decimal string, got the JSON number {value}, which is beyond the limit of {digits} digits before the decimal point',
    'input.required': 'required',
    'input.expectedType': 'expected {expected}',
    'input.oneOf': 'expected one of {values}',
    'input.oneOfDidYouMean': '"{value}" is not one of {values}. Did you mean "{suggestion}"?',
    'input.unknownKeys': 'unknown field(s) {keys}',
    'input.tooSmall': 'must not be empty',
    'input.invalid': 'invalid value',
    'input.unknownLine': 'no line "{line}" on invoice {invoice}',
    'input.duplicateLine': 'line "{line}" is edited twice',
    'input.duplicateId': 'line id "{line}" is used twice',
    'input.duplicateActualId': 'actual id "{id}" is used twice (first at actuals[{first}])',
    'input.currencyMismatch': 'currency {currency} differs from the invoice currency {expected}',
    'input.unknownCurrency': 'unknown currency "{currency}"',
    'input.tooPrecise': 'more decimal places than {currency} allows ({places})',
    'input.tooManyDigits': '{value} has more than {digits} digits before the decimal point (the limit)',
    'input.tooManyDecimals': '{value} has more than {places} decimal places (the limit for a {kind})',
    'input.amountDisagrees':
      'amount {amount} is not quantity {quantity} x unit price {unitPrice} = {expected}',
  },
  vi: {
    'input.badJson': 'không phải JSON hợp lệ: {reason}',
    'input.duplicateKey': 'khóa "{key}" xuất hiện hai lần trong cùng một đối tượng (lần đầu tại {first})',
    'input.decimalString': 'cần một chuỗi số thập phân như "1600.00"',
    'input.decimalNumber':
      'cần một chuỗi số thập phân, nhận được số JSON {value}: hãy viết số tiền và số lượng dạng chuỗi ("{suggestion}") để không mất chữ số nào',
    'input.decimalNumberTooLarge':
      'cần một chuỗi số thập phân, nhận được số JSON {value}, vượt giới hạn {digits} chữ số phần nguyên',
    'input.required': 'bắt buộc',
    'input.expectedType': 'cần {expected}',
    'input.oneOf': 'cần một trong {values}',
    'input.oneOfDidYouMean': '"{value}" không thuộc {values}. Có phải ý bạn là "{suggestion}"?',
    'input.unknownKeys': 'trường không xác định {keys}',
    'input.tooSmall': 'không được để trống',
    'input.invalid': 'giá trị không hợp lệ',
    'input.unknownLine': 'không có dòng "{line}" trên hóa đơn {invoice}',
    'input.duplicateLine': 'dòng "{line}" được sửa hai lần',
    'input.duplicateId': 'mã dòng "{line}" bị dùng hai lần',
    'input.duplicateActualId': 'mã bút toán "{id}" bị dùng hai lần (lần đầu tại actuals[{first}])',
    'input.currencyMismatch': 'loại tiền {currency} khác loại tiền của hóa đơn {expected}',
    'input.unknownCurrency': 'loại tiền không xác định "{currency}"',
    'input.tooPrecise': 'nhiều chữ số thập phân hơn mức {currency} cho phép ({places})',
    'input.tooManyDigits': '{value} có hơn {digits} chữ số phần nguyên (giới hạn)',
    'input.tooManyDecimals': '{value} có hơn {places} chữ số thập phân (giới hạn cho {kind})',
    'input.amountDisagrees':
      'số tiền {amount} không bằng số lượng {quantity} x đơn giá {unitPrice} = {expected}',
  },
};

export function translateApplyMessage(language: Language, key: ApplyMessageKey, params?: Params): string {
  return createTranslator(applyMessages, language)(key, params);
}
