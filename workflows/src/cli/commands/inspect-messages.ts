/** English and Vietnamese texts of `invoices inspect` (the summary's own labels live in einvoice/). */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

export type InspectMessageKey =
  'inspect.help' | 'inspect.helpVerify' | 'inspect.notFound' | 'inspect.notStored';

export const inspectMessages: Catalog<InspectMessageKey> = {
  en: {
    'inspect.help':
      'Show an invoice as the model reads it (an XML file, a portal detail JSON file, or the key of a stored invoice)',
    'inspect.helpVerify': 'check the XML signatures cryptographically (the certificate chain is not checked)',
    'inspect.notFound': '"{target}" is neither a file nor an invoice key (nbmst/khmshdon/khhdon/shdon)',
    'inspect.notStored': 'Invoice {key}: neither its XML nor its detail is in the store',
  },
  vi: {
    'inspect.help':
      'Xem hóa đơn theo mô hình đọc được (tệp XML, tệp JSON chi tiết của cổng thuế, hoặc khóa của hóa đơn đã lưu)',
    'inspect.helpVerify': 'kiểm tra chữ ký số của XML bằng mật mã (không kiểm tra chuỗi chứng thư)',
    'inspect.notFound':
      '"{target}" không phải là tệp cũng không phải là khóa hóa đơn (nbmst/khmshdon/khhdon/shdon)',
    'inspect.notStored': 'Hóa đơn {key}: chưa lưu XML cũng như chi tiết',
  },
};

export function inspectTranslator(language: Language): Translate<InspectMessageKey> {
  return createTranslator(inspectMessages, language);
}
