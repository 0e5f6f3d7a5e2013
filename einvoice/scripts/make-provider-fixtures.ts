/**
 * Writes the provider-style fixtures (BKAV, MISA, Viettel) the project has no real files of, from the
 * standard (`TT78`, tax-portal detail JSON): each as `<name>.xml` and its portal detail `<name>.json`.
 * Each applies the habits of that provider seen in the wild; the README of einvoice lists them.
 * Run: `npx tsx einvoice/scripts/make-provider-fixtures.ts` (the output is committed).
 */
import { writeFileSync } from 'node:fs';
import { buildInvoiceDetail, buildInvoiceXml, type InvoiceSpec } from '../src/index.js';

const fixtures: Record<
  string,
  { spec: InvoiceSpec; xml?: (xml: string) => string; json?: (json: Record<string, unknown>) => void }
> = {
  // BKAV: coded invoice (C series) with MCCQT and the tax authority's signature, VAT per line in TThue,
  // two rates, a line discount, the currency written `VNĐ`.
  'bkav-c25tbk': {
    spec: {
      nbmst: '0101360697',
      khmshdon: 1,
      khhdon: 'C25TBK',
      shdon: 1208,
      issueDate: '2025-11-03',
      currency: 'VND',
      paymentMethod: 'Chuyển khoản',
      sellerName: 'CÔNG TY CỔ PHẦN BKAV',
      seller: {
        address: 'Tòa nhà HH1, Khu đô thị Yên Hòa, Cầu Giấy, Hà Nội',
        bankAccount: '0011001234567',
        bankName: 'Vietcombank - CN Thành Công',
      },
      buyerName: 'CÔNG TY TNHH THƯƠNG MẠI SAO MAI',
      buyerTaxCode: '0312345679',
      buyer: { email: 'ketoan@saomai.vn' },
      lines: [
        {
          name: 'Bản quyền phần mềm diệt virus (12 tháng)',
          code: 'BKAV-PRO',
          unit: 'bộ',
          quantity: '20',
          unitPrice: '450000',
          discountRate: '10',
          discountAmount: '900000',
          amount: '8100000',
          rate: '8%',
          vatIn: 'line',
        },
        {
          name: 'Dịch vụ triển khai',
          unit: 'gói',
          quantity: '1',
          unitPrice: '5000000',
          amount: '5000000',
          rate: '10%',
          vatIn: 'line',
        },
      ],
      authorityCode: '00B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7',
      signature: {
        signingTime: '2025-11-03T10:15:42',
        authority: true,
        subject: 'OID.0.9.2342.19200300.100.1.1=MST:0101360697, CN=CÔNG TY CỔ PHẦN BKAV, L=Hà Nội, C=VN',
      },
    },
    xml: (xml) => xml.replace('<DVTTe>VND</DVTTe>', '<DVTTe>VNĐ</DVTTe>'),
    json: (json) => {
      json['dvtte'] = 'VNĐ';
    },
  },
  // MISA meInvoice: a foreign-currency invoice (USD at 26,110) with cents, a trade-discount line
  // (TChat 3), a note line (TChat 4, which the portal sends with tsuat 0.0), buyer bank details.
  'misa-c26tmi': {
    spec: {
      nbmst: '0101243150',
      khmshdon: 1,
      khhdon: 'C26TMI',
      shdon: 45,
      issueDate: '2026-02-14',
      currency: 'USD',
      exchangeRate: '26110',
      paymentMethod: 'TM/CK',
      sellerName: 'CÔNG TY CỔ PHẦN MISA',
      seller: { address: 'Tầng 9, Tòa nhà Technosoft, phố Duy Tân, Cầu Giấy, Hà Nội', phone: '02437957868' },
      buyerName: 'ACME TRADING PTE. LTD.',
      buyer: {
        address: '1 Raffles Place, Singapore',
        bankAccount: 'SG-DBS-0072-123456',
        bankName: 'DBS Bank',
      },
      lines: [
        {
          name: 'Cloud accounting subscription, 2026',
          unit: 'năm',
          quantity: '3',
          unitPrice: '1250.50',
          amount: '3751.50',
          rate: '10%',
        },
        { nature: 3, name: 'Chiết khấu thương mại 5%', amount: '187.58', rate: '10%' },
        { nature: 4, name: 'Ghi chú: thanh toán trong 30 ngày kể từ ngày lập hóa đơn' },
      ],
      authorityCode: '00C1D2E3F4A5B6C7D8E9F0A1B2C3D4E5F6',
      signature: {
        signingTime: '2026-02-14T16:02:09',
        authority: true,
        subject: 'C=VN, S=HÀ NỘI, CN=CÔNG TY CỔ PHẦN MISA, UID=MST:0101243150',
      },
    },
  },
  // Viettel S-Invoice: a replacement (TCHDon 1) of an earlier invoice, rates KCT and KHAC, no per-rate
  // summary (line VAT only in TTKhac), TTKhac before PBan, Vietnamese letters as character references.
  'viettel-k26tvt': {
    spec: {
      nbmst: '0100109106-122',
      khmshdon: 1,
      khhdon: 'K26TVT',
      shdon: 310,
      issueDate: '2026-03-02',
      paymentMethod: 'Tiền mặt',
      sellerName: 'TỔNG CÔNG TY VIỄN THÔNG VIETTEL - CHI NHÁNH HÀ NỘI',
      seller: { address: 'Số 1 Giang Văn Minh, Ba Đình, Hà Nội' },
      buyerName: 'Nguyễn Văn An',
      lines: [
        { name: 'Cước dịch vụ viễn thông tháng 02/2026', amount: '1200000', rate: '10%' },
        {
          name: 'Thiết bị đầu cuối (không chịu thuế)',
          unit: 'cái',
          quantity: '1',
          unitPrice: '350000',
          amount: '350000',
          rate: 'KCT',
        },
        { name: 'Phí dịch vụ thu hộ', amount: '100000', rate: 'KHAC:5.26%' },
      ],
      related: {
        tchdon: 1,
        template: '1',
        series: 'K26TVT',
        number: '287',
        date: '2026-02-27',
        note: 'Thay thế do sai thông tin người mua',
      },
      extraFirst: true,
      emptyElements: true,
      signature: {
        signingTime: '2026-03-02T08:45:00',
        subject: 'UID=MST:0100109106-122, CN=TỔNG CÔNG TY VIỄN THÔNG VIETTEL - CHI NHÁNH HÀ NỘI, C=VN',
      },
    },
    xml: (xml) =>
      xml
        .replace(/<THTTLTSuat>.*<\/THTTLTSuat>/, '')
        .replace('Cước dịch vụ viễn thông', 'C&#432;&#7899;c d&#7883;ch v&#7909; vi&#7877;n th&#244;ng'),
    json: (json) => {
      json['thttltsuat'] = [];
    },
  },
};

for (const [name, { spec, xml, json }] of Object.entries(fixtures)) {
  const document = buildInvoiceXml(spec);
  const detail = buildInvoiceDetail(spec);
  json?.(detail);
  const dir = new URL('../fixtures/', import.meta.url);
  writeFileSync(new URL(`${name}.xml`, dir), xml ? xml(document) : document);
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(detail, null, 2)}\n`);
}
