/** English and Vietnamese labels of the invoice summary (`inspect`). */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

export type SummaryMessageKey =
  | 'title'
  | 'source.xml'
  | 'source.portal-json'
  | 'header'
  | 'kind.new'
  | 'kind.replacement'
  | 'kind.adjustment'
  | 'related'
  | 'currency'
  | 'authorityCode'
  | 'authorityCode.none'
  | 'seller'
  | 'buyer'
  | 'taxCode'
  | 'address'
  | 'bank'
  | 'contact'
  | 'lines'
  | 'col.no'
  | 'col.nature'
  | 'col.name'
  | 'col.unit'
  | 'col.quantity'
  | 'col.unitPrice'
  | 'col.amount'
  | 'col.rate'
  | 'col.vat'
  | 'nature.goods'
  | 'nature.promotion'
  | 'nature.discount'
  | 'nature.note'
  | 'nature.special'
  | 'promotion.free-of-charge'
  | 'totals'
  | 'totals.beforeTax'
  | 'totals.tax'
  | 'totals.discount'
  | 'totals.payable'
  | 'totals.inWords'
  | 'totals.byRate'
  | 'signatures'
  | 'signature.seller'
  | 'signature.buyer'
  | 'signature.authority'
  | 'signature.none'
  | 'signature.line'
  | 'signature.not-verified'
  | 'signature.valid'
  | 'signature.invalid'
  | 'warnings'
  | 'warnings.none';

export const summaryMessages: Catalog<SummaryMessageKey> = {
  en: {
    title: 'Invoice {key} ({source})',
    'source.xml': 'from XML',
    'source.portal-json': 'from the portal detail JSON',
    header: '{title}, template {template}, series {series}, number {number}, issued {date}: {kind}',
    'kind.new': 'new invoice',
    'kind.replacement': 'replacement',
    'kind.adjustment': 'adjustment',
    related: 'for invoice template {template}, series {series}, number {number}, dated {date}',
    currency: 'Currency {currency}, exchange rate {rate}, payment {payment}',
    authorityCode: 'Tax-authority code (MCCQT): {code}',
    'authorityCode.none': 'none',
    seller: 'Seller',
    buyer: 'Buyer',
    taxCode: 'tax code',
    address: 'address',
    bank: 'bank account',
    contact: 'contact',
    lines: 'Lines',
    'col.no': '#',
    'col.nature': 'nature',
    'col.name': 'name',
    'col.unit': 'unit',
    'col.quantity': 'quantity',
    'col.unitPrice': 'unit price',
    'col.amount': 'amount',
    'col.rate': 'VAT rate',
    'col.vat': 'VAT',
    'nature.goods': 'goods/service',
    'nature.promotion': 'promotion',
    'nature.discount': 'trade discount',
    'nature.note': 'note',
    'nature.special': 'special goods',
    'promotion.free-of-charge': 'promotion (free of charge)',
    totals: 'Totals',
    'totals.beforeTax': 'before tax',
    'totals.tax': 'VAT',
    'totals.discount': 'trade discount',
    'totals.payable': 'payable',
    'totals.inWords': 'in words',
    'totals.byRate': 'at {rate}: {amount}, VAT {vat}',
    signatures: 'Signatures',
    'signature.seller': 'seller',
    'signature.buyer': 'buyer',
    'signature.authority': 'tax authority',
    'signature.none': 'none',
    'signature.line':
      '{name} (tax code {taxCode}), signed {time}, {algorithm}, issuer {issuer}, serial {serial}',
    'signature.not-verified': 'not verified cryptographically (--verify checks it)',
    'signature.valid': 'signature valid for this certificate (chain of trust not checked)',
    'signature.invalid': 'SIGNATURE INVALID: the signed content does not match',
    warnings: 'Warnings ({count})',
    'warnings.none': 'No warnings.',
  },
  vi: {
    title: 'Hóa đơn {key} ({source})',
    'source.xml': 'từ XML',
    'source.portal-json': 'từ JSON chi tiết của cổng thuế',
    header: '{title}, mẫu số {template}, ký hiệu {series}, số {number}, ngày lập {date}: {kind}',
    'kind.new': 'hóa đơn mới',
    'kind.replacement': 'hóa đơn thay thế',
    'kind.adjustment': 'hóa đơn điều chỉnh',
    related: 'cho hóa đơn mẫu số {template}, ký hiệu {series}, số {number}, ngày {date}',
    currency: 'Đơn vị tiền tệ {currency}, tỷ giá {rate}, hình thức thanh toán {payment}',
    authorityCode: 'Mã của cơ quan thuế (MCCQT): {code}',
    'authorityCode.none': 'không có',
    seller: 'Người bán',
    buyer: 'Người mua',
    taxCode: 'mã số thuế',
    address: 'địa chỉ',
    bank: 'số tài khoản',
    contact: 'liên hệ',
    lines: 'Hàng hóa, dịch vụ',
    'col.no': 'STT',
    'col.nature': 'tính chất',
    'col.name': 'tên',
    'col.unit': 'ĐVT',
    'col.quantity': 'số lượng',
    'col.unitPrice': 'đơn giá',
    'col.amount': 'thành tiền',
    'col.rate': 'thuế suất',
    'col.vat': 'tiền thuế',
    'nature.goods': 'hàng hóa, dịch vụ',
    'nature.promotion': 'khuyến mại',
    'nature.discount': 'chiết khấu thương mại',
    'nature.note': 'ghi chú',
    'nature.special': 'hàng hóa đặc trưng',
    'promotion.free-of-charge': 'khuyến mại (miễn phí)',
    totals: 'Tổng cộng',
    'totals.beforeTax': 'tiền chưa thuế',
    'totals.tax': 'tiền thuế GTGT',
    'totals.discount': 'chiết khấu thương mại',
    'totals.payable': 'tổng tiền thanh toán',
    'totals.inWords': 'bằng chữ',
    'totals.byRate': 'thuế suất {rate}: {amount}, tiền thuế {vat}',
    signatures: 'Chữ ký số',
    'signature.seller': 'người bán',
    'signature.buyer': 'người mua',
    'signature.authority': 'cơ quan thuế',
    'signature.none': 'không có',
    'signature.line':
      '{name} (mã số thuế {taxCode}), ký lúc {time}, {algorithm}, tổ chức cấp {issuer}, số sê-ri {serial}',
    'signature.not-verified': 'chưa kiểm tra chữ ký bằng mật mã (--verify để kiểm tra)',
    'signature.valid': 'chữ ký hợp lệ với chứng thư này (chưa kiểm tra chuỗi chứng thư)',
    'signature.invalid': 'CHỮ KÝ KHÔNG HỢP LỆ: nội dung đã ký không khớp',
    warnings: 'Cảnh báo ({count})',
    'warnings.none': 'Không có cảnh báo.',
  },
};

export function summaryTranslator(language: Language): Translate<SummaryMessageKey> {
  return createTranslator(summaryMessages, language);
}
