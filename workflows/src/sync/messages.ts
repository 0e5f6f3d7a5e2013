/** User-facing messages of the sync (CLI, progress, errors), English and Vietnamese. */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

export type SyncMessageKey =
  | 'invoiceNotInStore'
  | 'credentialsRefused'
  | 'xmlRefused'
  | 'xmlUnreadable'
  | 'detailsIncomplete'
  | 'invalidPeriod'
  | 'invalidBatchSize'
  | 'invalidRate'
  | 'aborted'
  | 'partHeaders'
  | 'partDetails'
  | 'partXml'
  | 'codecKeyInvalid'
  | 'codecKeysConflict'
  | 'codecKeyEntryEmpty'
  | 'codecKeyEntryMalformed'
  | 'codecKeyEntryNotBase64'
  | 'codecKeyEntryWrongLength'
  | 'codecKeyEntryDuplicate'
  | 'codecKeyUnknown'
  | 'configInvalid';

const catalog: Catalog<SyncMessageKey> = {
  en: {
    invoiceNotInStore: 'Invoice {invoiceKey} is not in the store: sync its period (headers) first.',
    credentialsRefused:
      'The tax portal refused the login for {taxCode}: check the password or captcha, then sync again.',
    xmlRefused: 'The XML of invoice {invoiceKey} was refused: {reason}',
    xmlUnreadable: 'The XML of invoice {invoiceKey} cannot be read: {reason}',
    detailsIncomplete: 'The details of invoice {invoiceKey} are incomplete: {problems}',
    invalidPeriod: 'Invalid period "{period}": expected YYYY-MM or YYYY-MM..YYYY-MM.',
    invalidBatchSize: 'Invalid batch size {value}: expected a whole number from 1 to 1000.',
    invalidRate: 'Invalid rate limit {value}: expected a number of requests per second above 0.',
    aborted: 'Sync stopped on request; {done} of {total} done. Run it again to resume.',
    partHeaders: 'headers',
    partDetails: 'details',
    partXml: 'XML',
    codecKeyInvalid: '{variable} must be a base64 AES key of 32 bytes (256 bits).',
    codecKeysConflict:
      'Set either {variable} or {legacy}, not both: move the old key into {variable} as "<id>:<base64 key>".',
    codecKeyEntryEmpty: '{variable}, entry {position}: empty (remove the extra comma).',
    codecKeyEntryMalformed:
      '{variable}, entry {position}: expected "<id>:<base64 key>", the id made of letters, digits, ".", "_" or "-".',
    codecKeyEntryNotBase64: '{variable}, entry {position}: the key is not valid base64.',
    codecKeyEntryWrongLength:
      '{variable}, entry {position}: the key must be 32 bytes (256 bits), not {bytes}.',
    codecKeyEntryDuplicate: '{variable}, entry {position}: the key id is already used by entry {first}.',
    codecKeyUnknown:
      'Cannot decrypt a payload encrypted with key id "{keyId}": {variable} has only {known}; add that key back (after the encrypting one) to read it.',
    configInvalid: 'Invalid setting {variable}: {reason}',
  },
  vi: {
    invoiceNotInStore: 'Hóa đơn {invoiceKey} chưa có trong kho: hãy đồng bộ kỳ của nó (danh sách) trước.',
    credentialsRefused:
      'Cổng thuế từ chối đăng nhập của {taxCode}: kiểm tra mật khẩu hoặc mã captcha rồi đồng bộ lại.',
    xmlRefused: 'XML của hóa đơn {invoiceKey} bị từ chối: {reason}',
    xmlUnreadable: 'Không đọc được XML của hóa đơn {invoiceKey}: {reason}',
    detailsIncomplete: 'Chi tiết của hóa đơn {invoiceKey} chưa đầy đủ: {problems}',
    invalidPeriod: 'Kỳ "{period}" không hợp lệ: cần dạng YYYY-MM hoặc YYYY-MM..YYYY-MM.',
    invalidBatchSize: 'Kích thước lô {value} không hợp lệ: cần số nguyên từ 1 đến 1000.',
    invalidRate: 'Giới hạn tốc độ {value} không hợp lệ: cần số yêu cầu mỗi giây lớn hơn 0.',
    aborted: 'Đã dừng đồng bộ theo yêu cầu; xong {done} trên {total}. Chạy lại để tiếp tục.',
    partHeaders: 'danh sách',
    partDetails: 'chi tiết',
    partXml: 'XML',
    codecKeyInvalid: '{variable} phải là khóa AES 32 byte (256 bit) mã hóa base64.',
    codecKeysConflict:
      'Chỉ đặt {variable} hoặc {legacy}, không đặt cả hai: chuyển khóa cũ vào {variable} dạng "<id>:<khóa base64>".',
    codecKeyEntryEmpty: '{variable}, mục {position}: trống (xóa dấu phẩy thừa).',
    codecKeyEntryMalformed:
      '{variable}, mục {position}: cần dạng "<id>:<khóa base64>", id gồm chữ, số, ".", "_" hoặc "-".',
    codecKeyEntryNotBase64: '{variable}, mục {position}: khóa không phải base64 hợp lệ.',
    codecKeyEntryWrongLength:
      '{variable}, mục {position}: khóa phải dài 32 byte (256 bit), không phải {bytes}.',
    codecKeyEntryDuplicate: '{variable}, mục {position}: id khóa đã được dùng ở mục {first}.',
    codecKeyUnknown:
      'Không giải mã được dữ liệu mã hóa bằng khóa "{keyId}": {variable} chỉ có {known}; hãy thêm lại khóa đó (sau khóa dùng để mã hóa) để đọc.',
    configInvalid: 'Cấu hình {variable} không hợp lệ: {reason}',
  },
};

export const syncMessages = catalog;

export function syncTranslator(language: Language): Translate<SyncMessageKey> {
  return createTranslator(catalog, language);
}
