/** User-facing messages of the portal client, English and Vietnamese. */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

export type PortalMessageKey =
  | 'rateLimited'
  | 'rateLimitedNoHint'
  | 'authExpired'
  | 'serverError'
  | 'timeout'
  | 'connection'
  | 'firewall'
  | 'corruptZip'
  | 'noXmlInZip'
  | 'unavailable'
  | 'noOriginalRecord'
  | 'malformedJson'
  | 'unexpectedData'
  | 'badRequest'
  | 'badCredentials'
  | 'notFound'
  | 'windowCapped'
  | 'cursorLoop'
  | 'captchaMissing'
  | 'inexactNumber';

export const portalMessages: Catalog<PortalMessageKey> = {
  en: {
    rateLimited: 'The tax portal is limiting requests ({endpoint}); retry after {seconds} s.',
    rateLimitedNoHint: 'The tax portal is limiting requests ({endpoint}); slow down and retry later.',
    authExpired: 'The tax portal session ended (HTTP {status} at {endpoint}); log in again.',
    serverError:
      'The tax portal answered HTTP {status} at {endpoint}{invoice}; this is temporary, retry later.',
    timeout: 'The tax portal did not answer {endpoint}{invoice} within {ms} ms; retry later.',
    connection: 'Cannot reach the tax portal ({endpoint}): {reason}.',
    firewall:
      'The tax portal firewall rejected the request to {endpoint}{invoice} ("Request Rejected" page); retry later.',
    corruptZip: 'The XML export{invoice} is not a readable ZIP archive ({reason}); retry later.',
    noXmlInZip: 'The XML export{invoice} contains no .xml file (files: {files}); retry later.',
    unavailable:
      'The tax portal holds no original XML record{invoice} yet ("{portalMessage}"); check again later.',
    noOriginalRecord:
      'Invoice {invoiceKey} has no original record (hsgoc is empty): its XML cannot be exported yet.',
    malformedJson: 'The tax portal sent a body that is not valid JSON at {endpoint}{invoice}: {reason}.',
    unexpectedData: 'Unexpected data from the tax portal at {endpoint}{invoice}: field {path}: {problem}.',
    badRequest: 'The tax portal refused the request to {endpoint}{invoice} (HTTP {status}): {portalMessage}.',
    badCredentials: 'The tax portal refused the login: {portalMessage}.',
    notFound: 'The tax portal does not know invoice{invoice} ({endpoint}).',
    windowCapped:
      'The tax portal lists only {received} of {total} invoices for {from}..{to} and the window cannot be split further.',
    cursorLoop: 'The tax portal returned a paging cursor that does not advance at {endpoint}.',
    captchaMissing: 'No captcha answer available: {reason}.',
    inexactNumber:
      'The tax portal sent the number {source} in field {path} at {endpoint}{invoice}; it has more digits than can be kept exactly, so it is refused rather than rounded.',
  },
  vi: {
    rateLimited: 'Cổng thuế đang giới hạn số yêu cầu ({endpoint}); thử lại sau {seconds} giây.',
    rateLimitedNoHint: 'Cổng thuế đang giới hạn số yêu cầu ({endpoint}); hãy giảm tốc độ và thử lại sau.',
    authExpired: 'Phiên làm việc với cổng thuế đã hết (HTTP {status} tại {endpoint}); cần đăng nhập lại.',
    serverError: 'Cổng thuế trả về HTTP {status} tại {endpoint}{invoice}; lỗi tạm thời, hãy thử lại sau.',
    timeout: 'Cổng thuế không phản hồi {endpoint}{invoice} trong {ms} ms; hãy thử lại sau.',
    connection: 'Không kết nối được cổng thuế ({endpoint}): {reason}.',
    firewall:
      'Tường lửa của cổng thuế đã chặn yêu cầu tới {endpoint}{invoice} (trang "Request Rejected"); hãy thử lại sau.',
    corruptZip: 'Tệp XML tải về{invoice} không phải tệp ZIP hợp lệ ({reason}); hãy thử lại sau.',
    noXmlInZip: 'Tệp ZIP tải về{invoice} không chứa tệp .xml (các tệp: {files}); hãy thử lại sau.',
    unavailable: 'Cổng thuế chưa có hồ sơ gốc XML{invoice} ("{portalMessage}"); hãy kiểm tra lại sau.',
    noOriginalRecord: 'Hóa đơn {invoiceKey} không có hồ sơ gốc (hsgoc trống): chưa thể tải XML.',
    malformedJson: 'Cổng thuế trả về dữ liệu không phải JSON hợp lệ tại {endpoint}{invoice}: {reason}.',
    unexpectedData:
      'Dữ liệu không như mong đợi từ cổng thuế tại {endpoint}{invoice}: trường {path}: {problem}.',
    badRequest: 'Cổng thuế từ chối yêu cầu tới {endpoint}{invoice} (HTTP {status}): {portalMessage}.',
    badCredentials: 'Cổng thuế từ chối đăng nhập: {portalMessage}.',
    notFound: 'Cổng thuế không có hóa đơn{invoice} ({endpoint}).',
    windowCapped:
      'Cổng thuế chỉ liệt kê {received} trên {total} hóa đơn trong khoảng {from}..{to} và không thể chia nhỏ thêm.',
    cursorLoop: 'Cổng thuế trả về con trỏ phân trang không tiến lên tại {endpoint}.',
    captchaMissing: 'Không có mã captcha: {reason}.',
    inexactNumber:
      'Cổng thuế gửi số {source} ở trường {path} tại {endpoint}{invoice}; số này có quá nhiều chữ số để giữ chính xác nên bị từ chối thay vì làm tròn.',
  },
};

export function portalTranslator(language: Language): Translate<PortalMessageKey> {
  return createTranslator(portalMessages, language);
}
