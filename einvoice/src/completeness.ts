/**
 * What every invoice must have (Decree 123, Article 10): lines, totals, the payable total, the currency
 * and the seller. A document missing any of them is incomplete; each missing part is a warning of its own.
 */
import { makeWarning, type InvoiceWarning } from './warnings.js';

export type RequiredPart = 'lines' | 'totals' | 'payable' | 'currency' | 'seller';

export type PartFields = Record<RequiredPart, string>;

export const XML_PART_FIELDS: PartFields = {
  lines: 'NDHDon/DSHHDVu',
  totals: 'NDHDon/TToan',
  payable: 'NDHDon/TToan/TgTTTBSo',
  currency: 'TTChung/DVTTe',
  seller: 'NDHDon/NBan',
};

const PART_NAMES: Record<RequiredPart, { en: string; vi: string }> = {
  lines: { en: 'the goods and service lines', vi: 'danh sách hàng hóa, dịch vụ' },
  totals: { en: 'the totals', vi: 'phần tổng tiền' },
  payable: { en: 'the total payable', vi: 'tổng tiền thanh toán' },
  currency: { en: 'the currency', vi: 'đơn vị tiền tệ' },
  seller: { en: 'the seller', vi: 'thông tin người bán' },
};

export function incompleteWarnings(
  invoiceKey: string,
  present: Record<RequiredPart, boolean>,
  fields: PartFields = XML_PART_FIELDS,
): InvoiceWarning[] {
  return (Object.keys(PART_NAMES) as RequiredPart[])
    .filter((part) => !present[part])
    .map((part) =>
      makeWarning('incomplete', invoiceKey, fields[part], {
        part: PART_NAMES[part].en,
        partVi: PART_NAMES[part].vi,
      }),
    );
}
