/** English and Vietnamese texts of store errors. */
import { createTranslator, type Catalog, type Language, type Params } from '#engine/i18n';

export type StoreMessageKey =
  | 'store.unknownInvoice'
  | 'store.notDecimal'
  | 'store.badStatus'
  | 'store.unknownRun'
  | 'store.invalidHeader'
  | 'store.inUse'
  | 'store.interruptedRun'
  | 'store.invalidPeriod'
  | 'store.invalidQueueArgument'
  | 'store.keyOutOfRange'
  | 'store.pagingOutOfRange'
  | 'store.badDatabaseUrl'
  | 'store.databaseUnreachable';

export const storeMessages: Catalog<StoreMessageKey> = {
  en: {
    'store.unknownInvoice': 'Invoice {key} is not in the store: save its header first',
    'store.notDecimal': 'Invoice {key}: {field} must be a decimal (text or Decimal), got {value}',
    'store.badStatus': 'Invoice {key}: "{status}" is not a sync status',
    'store.unknownRun': 'Sync run {id} does not exist',
    'store.invalidHeader': 'Invoice {key}: header field {field} is invalid: {value}',
    'store.inUse':
      'The embedded store {dir} is in use by process {pid}: wait for it or stop it (several processes need DATABASE_URL, PostgreSQL)',
    'store.interruptedRun': 'interrupted: the process ended before the run finished',
    'store.invalidPeriod':
      'Re-sync queue: period "{period}" is invalid: expected YYYY-MM or YYYY-MM..YYYY-MM',
    'store.invalidQueueArgument': 'Re-sync queue: {name} {value} is invalid: expected {expected}',
    'store.keyOutOfRange': 'Invoice key {key}: {field} {value} is out of range (0 to {max})',
    'store.pagingOutOfRange': 'Paging: {name} {value} is out of range (0 to {max})',
    'store.badDatabaseUrl':
      'DATABASE_URL "{value}" is not a PostgreSQL URL: expected postgres://user:password@host:5432/database',
    'store.databaseUnreachable': 'Cannot reach PostgreSQL at {place}: {reason}',
  },
  vi: {
    'store.unknownInvoice': 'Hóa đơn {key} chưa có trong kho dữ liệu: cần lưu thông tin chung trước',
    'store.notDecimal': 'Hóa đơn {key}: {field} phải là số thập phân (chuỗi hoặc Decimal), nhận được {value}',
    'store.badStatus': 'Hóa đơn {key}: "{status}" không phải là trạng thái đồng bộ',
    'store.unknownRun': 'Lượt đồng bộ {id} không tồn tại',
    'store.invalidHeader': 'Hóa đơn {key}: trường {field} của thông tin chung không hợp lệ: {value}',
    'store.inUse':
      'Kho dữ liệu nhúng {dir} đang được tiến trình {pid} dùng: hãy chờ hoặc dừng tiến trình đó (nhiều tiến trình cần DATABASE_URL, PostgreSQL)',
    'store.interruptedRun': 'bị gián đoạn: tiến trình đã dừng trước khi lượt chạy kết thúc',
    'store.invalidPeriod':
      'Hàng đợi đồng bộ lại: kỳ "{period}" không hợp lệ: cần dạng YYYY-MM hoặc YYYY-MM..YYYY-MM',
    'store.invalidQueueArgument': 'Hàng đợi đồng bộ lại: {name} {value} không hợp lệ: cần {expected}',
    'store.keyOutOfRange': 'Khóa hóa đơn {key}: {field} {value} vượt quá giới hạn (0 đến {max})',
    'store.pagingOutOfRange': 'Phân trang: {name} {value} vượt quá giới hạn (0 đến {max})',
    'store.badDatabaseUrl':
      'DATABASE_URL "{value}" không phải địa chỉ PostgreSQL: cần dạng postgres://user:password@host:5432/database',
    'store.databaseUnreachable': 'Không kết nối được PostgreSQL tại {place}: {reason}',
  },
};

/** A store failure a person can act on; `describe` gives it in Vietnamese too. */
export class StoreError extends Error {
  constructor(
    readonly messageKey: StoreMessageKey,
    readonly params: Params,
  ) {
    super(createTranslator(storeMessages, 'en')(messageKey, params));
    this.name = 'StoreError';
  }

  describe(language: Language): string {
    return createTranslator(storeMessages, language)(this.messageKey, this.params);
  }
}
