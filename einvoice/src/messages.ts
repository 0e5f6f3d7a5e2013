/** English and Vietnamese texts for e-invoice errors, warnings and detail problems. */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

export type EInvoiceMessageKey =
  | 'refused.doctype'
  | 'refused.entity'
  | 'refused.tooLarge'
  | 'refused.tooDeep'
  | 'parse.malformed'
  | 'parse.empty'
  | 'parse.json'
  | 'parse.notAnInvoice'
  | 'parse.severalInvoices'
  | 'warn.invalidNumber'
  | 'warn.missingField'
  | 'warn.unknownVatRate'
  | 'warn.unknownLineNature'
  | 'warn.repeatedElement'
  | 'warn.linesTotalMismatch'
  | 'warn.rateTotalMismatch'
  | 'warn.rateTaxMismatch'
  | 'warn.taxTotalMismatch'
  | 'warn.linesTaxMismatch'
  | 'warn.incomplete'
  | 'warn.signatureUnreadable'
  | 'warn.signatureInvalid'
  | 'warn.payableMismatch'
  | 'warn.headerMismatch'
  | 'detail.noLines'
  | 'detail.lineWithoutName'
  | 'detail.notAnObject';

export const einvoiceMessages: Catalog<EInvoiceMessageKey> = {
  en: {
    'refused.doctype': 'Invoice {key}: XML refused: it declares a DOCTYPE (not allowed in e-invoices)',
    'refused.entity': 'Invoice {key}: XML refused: it declares an ENTITY (not allowed in e-invoices)',
    'refused.tooLarge': 'Invoice {key}: XML refused: {size} bytes is more than the limit of {limit} bytes',
    'refused.tooDeep': 'Invoice {key}: XML refused: elements are nested deeper than {limit} levels',
    'parse.malformed': 'Invoice {key}: malformed XML at line {line}, column {column}: {detail}',
    'parse.empty': 'Invoice {key}: the XML is empty',
    'parse.json': 'Invoice {key}: the detail JSON cannot be read: {detail}',
    'parse.notAnInvoice': 'Invoice {key}: the XML is not an e-invoice (no HDon element; root is {root})',
    'parse.severalInvoices': 'Invoice {key}: the XML holds {count} HDon elements; expected exactly one',
    'warn.invalidNumber': 'Invoice {key}: {field} is not a number: "{value}" (ignored)',
    'warn.missingField': 'Invoice {key}: {field} is missing',
    'warn.unknownVatRate': 'Invoice {key}: {field} has an unknown VAT rate "{value}"',
    'warn.unknownLineNature': 'Invoice {key}: {field} has an unknown line nature "{value}" (expected 1 to 5)',
    'warn.repeatedElement': 'Invoice {key}: {field} appears {count} times; the first one is used',
    'warn.linesTotalMismatch':
      'Invoice {key}: lines add up to {linesTotal} before tax but {field} says {total} (difference {difference})',
    'warn.rateTotalMismatch':
      'Invoice {key}: lines at rate {rate} add up to {linesTotal} but the rate summary says {summary} (difference {difference})',
    'warn.rateTaxMismatch':
      'Invoice {key}: VAT of lines at rate {rate} adds up to {linesTotal} but the rate summary says {summary} (difference {difference})',
    'warn.taxTotalMismatch':
      'Invoice {key}: the rate summary adds up to {summaryTotal} VAT but TgTThue says {total} (difference {difference})',
    'warn.linesTaxMismatch':
      'Invoice {key}: VAT of the lines adds up to {linesTotal} but {field} says {total} (difference {difference})',
    'warn.incomplete': 'Invoice {key}: incomplete: {part} ({field}) is missing',
    'warn.signatureUnreadable': 'Invoice {key}: signature {field} cannot be read: {reason}',
    'warn.signatureInvalid': 'Invoice {key}: signature {field} does not verify: {reason}',
    'warn.payableMismatch':
      'Invoice {key}: total before tax {beforeTax} + VAT {tax} (+ fees and other amounts {fees}, - trade discount {discount}) does not give the payable total {payable}',
    'warn.headerMismatch': 'Invoice {key}: portal header {field} is "{header}" but the XML says "{xml}"',
    'detail.noLines': 'Invoice {key}: the portal detail has no lines',
    'detail.lineWithoutName': 'Invoice {key}: detail line {line} has no name (the portal holds only amounts)',
    'detail.notAnObject': 'Invoice {key}: the portal detail is not a JSON object',
  },
  vi: {
    'refused.doctype':
      'Hóa đơn {key}: từ chối XML: có khai báo DOCTYPE (không được phép trong hóa đơn điện tử)',
    'refused.entity':
      'Hóa đơn {key}: từ chối XML: có khai báo ENTITY (không được phép trong hóa đơn điện tử)',
    'refused.tooLarge': 'Hóa đơn {key}: từ chối XML: {size} byte vượt giới hạn {limit} byte',
    'refused.tooDeep': 'Hóa đơn {key}: từ chối XML: các thẻ lồng nhau sâu hơn {limit} cấp',
    'parse.malformed': 'Hóa đơn {key}: XML sai cú pháp tại dòng {line}, cột {column}: {detail}',
    'parse.empty': 'Hóa đơn {key}: XML rỗng',
    'parse.json': 'Hóa đơn {key}: không đọc được JSON chi tiết: {detail}',
    'parse.notAnInvoice':
      'Hóa đơn {key}: XML không phải hóa đơn điện tử (không có thẻ HDon; thẻ gốc là {root})',
    'parse.severalInvoices': 'Hóa đơn {key}: XML có {count} thẻ HDon; chỉ được có một',
    'warn.invalidNumber': 'Hóa đơn {key}: {field} không phải là số: "{value}" (bỏ qua)',
    'warn.missingField': 'Hóa đơn {key}: thiếu {field}',
    'warn.unknownVatRate': 'Hóa đơn {key}: {field} có thuế suất không xác định "{value}"',
    'warn.unknownLineNature':
      'Hóa đơn {key}: {field} có tính chất dòng không xác định "{value}" (phải từ 1 đến 5)',
    'warn.repeatedElement': 'Hóa đơn {key}: {field} xuất hiện {count} lần; dùng lần đầu tiên',
    'warn.linesTotalMismatch':
      'Hóa đơn {key}: tổng thành tiền các dòng là {linesTotal} nhưng {field} ghi {total} (chênh lệch {difference})',
    'warn.rateTotalMismatch':
      'Hóa đơn {key}: các dòng thuế suất {rate} cộng lại {linesTotal} nhưng bảng tổng hợp thuế suất ghi {summary} (chênh lệch {difference})',
    'warn.rateTaxMismatch':
      'Hóa đơn {key}: tiền thuế các dòng thuế suất {rate} cộng lại {linesTotal} nhưng bảng tổng hợp ghi {summary} (chênh lệch {difference})',
    'warn.taxTotalMismatch':
      'Hóa đơn {key}: bảng tổng hợp thuế suất cộng lại {summaryTotal} tiền thuế nhưng TgTThue ghi {total} (chênh lệch {difference})',
    'warn.linesTaxMismatch':
      'Hóa đơn {key}: tiền thuế các dòng cộng lại {linesTotal} nhưng {field} ghi {total} (chênh lệch {difference})',
    'warn.incomplete': 'Hóa đơn {key}: không đầy đủ: thiếu {partVi} ({field})',
    'warn.signatureUnreadable': 'Hóa đơn {key}: không đọc được chữ ký {field}: {reason}',
    'warn.signatureInvalid': 'Hóa đơn {key}: chữ ký {field} không hợp lệ: {reason}',
    'warn.payableMismatch':
      'Hóa đơn {key}: tổng tiền chưa thuế {beforeTax} + tiền thuế {tax} (+ phí và khoản khác {fees}, - chiết khấu thương mại {discount}) không bằng tổng tiền thanh toán {payable}',
    'warn.headerMismatch':
      'Hóa đơn {key}: thông tin chung trên cổng thuế {field} là "{header}" nhưng XML ghi "{xml}"',
    'detail.noLines': 'Hóa đơn {key}: chi tiết trên cổng thuế không có dòng hàng hóa nào',
    'detail.lineWithoutName':
      'Hóa đơn {key}: dòng {line} của chi tiết không có tên (cổng thuế chỉ có số tiền)',
    'detail.notAnObject': 'Hóa đơn {key}: chi tiết từ cổng thuế không phải là đối tượng JSON',
  },
};

const english = createTranslator(einvoiceMessages, 'en');

export function einvoiceTranslator(language: Language): Translate<EInvoiceMessageKey> {
  return language === 'en' ? english : createTranslator(einvoiceMessages, language);
}
