/**
 * Builds e-invoice XML from a small spec, with totals, per-rate summary and line VAT computed exactly,
 * so tests and the benchmark corpus can vary structure (order, empty elements, envelope, related
 * invoice, every VAT rate form) without hand-writing documents.
 */
import { InvoiceDecimal, ZERO, currencyDigits, type Decimal } from './decimal.js';
import { parseVatRate, isVatFree } from './vat-rate.js';

export interface LineSpec {
  /** `TChat`, default 1. */
  nature?: 1 | 2 | 3 | 4 | 5;
  name: string;
  unit?: string;
  quantity?: string;
  unitPrice?: string;
  /** `ThTien`; omit for a note line. */
  amount?: string;
  /** `TSuat` text, e.g. `8%`, `KCT`, `KHAC:5.26%`. */
  rate?: string;
  /** Where the line VAT is written: `TTKhac` entries (default), a `TThue` element, or nowhere. */
  vatIn?: 'ttkhac' | 'line' | 'none';
}

export interface InvoiceSpec {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
  issueDate: string;
  currency?: string;
  sellerName?: string;
  buyerTaxCode?: string;
  buyerName?: string;
  lines: LineSpec[];
  related?: {
    tchdon: number;
    template?: string;
    series?: string;
    number?: string;
    date?: string;
    note?: string;
  };
  authorityCode?: string;
  /** Wrap in a `TDiep/DLieu` envelope as in the draft mocks. */
  envelope?: boolean;
  /** Put `TTChung/TTKhac` before `PBan`, as one vendor does. */
  extraFirst?: boolean;
  /** Write absent optional line values as empty elements (`<SLuong/>`). */
  emptyElements?: boolean;
  /** Include a signature block of realistic size. */
  signature?: boolean;
  /** Override computed totals (to build inconsistent invoices). */
  totals?: { beforeTax?: string; tax?: string; payable?: string };
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function element(name: string, value: string | undefined, emptyWhenAbsent = false): string {
  if (value === undefined) return emptyWhenAbsent ? `<${name}/>` : '';
  return `<${name}>${escape(value)}</${name}>`;
}

function extraBlock(entries: [string, string][]): string {
  if (entries.length === 0) return '';
  const items = entries.map(
    ([field, value]) =>
      `<TTin><TTruong>${escape(field)}</TTruong><KDLieu>numeric</KDLieu><DLieu>${escape(value)}</DLieu></TTin>`,
  );
  return `<TTKhac>${items.join('')}</TTKhac>`;
}

export function lineVat(line: LineSpec, currency: string): Decimal {
  if (line.amount === undefined || line.rate === undefined) return ZERO;
  const rate = parseVatRate(line.rate);
  if (rate === null || isVatFree(rate) || rate.rate === null) return ZERO;
  return new InvoiceDecimal(line.amount).times(rate.rate).toDecimalPlaces(currencyDigits(currency));
}

const SIGNATURE = `<DSCKS><NBan><Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="Sig-1"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/><Reference URI="#DLHDon"><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><DigestValue>W7egyk1leWxHgivNKNq4f4v8RKc=</DigestValue></Reference></SignedInfo><SignatureValue>${'QUJDRA=='.repeat(43)}</SignatureValue><KeyInfo><X509Data><X509SubjectName>C=VN, CN=SELLER</X509SubjectName><X509Certificate>${'TUlJR09EQ0NCQ0Nn'.repeat(100)}</X509Certificate></X509Data></KeyInfo></Signature></NBan></DSCKS>`;

export function buildInvoiceXml(spec: InvoiceSpec): string {
  const currency = spec.currency ?? 'VND';
  const empty = spec.emptyElements ?? false;
  const byRate = new Map<string, { amount: Decimal; vat: Decimal }>();
  let beforeTax = ZERO;
  let tax = ZERO;
  const lines = spec.lines.map((line, i) => {
    const nature = line.nature ?? 1;
    const vat = lineVat(line, currency);
    if (line.amount !== undefined && nature !== 4) {
      const sign = nature === 3 ? -1 : 1;
      const amount = new InvoiceDecimal(line.amount).times(sign);
      beforeTax = beforeTax.plus(amount);
      tax = tax.plus(vat.times(sign));
      const rateKey = line.rate ?? '';
      const entry = byRate.get(rateKey) ?? { amount: ZERO, vat: ZERO };
      byRate.set(rateKey, { amount: entry.amount.plus(amount), vat: entry.vat.plus(vat.times(sign)) });
    }
    const vatIn = line.vatIn ?? 'ttkhac';
    const total =
      line.amount === undefined ? undefined : new InvoiceDecimal(line.amount).plus(vat).toString();
    return [
      '<HHDVu>',
      element('TChat', String(nature)),
      element('STT', String(i + 1)),
      element('THHDVu', line.name),
      element('DVTinh', line.unit, empty),
      element('SLuong', line.quantity, empty),
      element('DGia', line.unitPrice, empty),
      empty ? '<TLCKhau/><STCKhau/>' : '',
      element('ThTien', line.amount, empty),
      element('TSuat', line.rate),
      vatIn === 'line' && line.amount !== undefined ? element('TThue', vat.toString()) : '',
      vatIn === 'ttkhac' && total !== undefined
        ? extraBlock([
            ['Amount', total],
            ['VATAmount', vat.toString()],
          ])
        : '',
      '</HHDVu>',
    ].join('');
  });
  const summary = [...byRate.entries()]
    .filter(([rate]) => rate !== '')
    .map(
      ([rate, sums]) =>
        `<LTSuat><TSuat>${escape(rate)}</TSuat><ThTien>${sums.amount.toString()}</ThTien><TThue>${sums.vat.toString()}</TThue></LTSuat>`,
    );
  const totals = spec.totals ?? {};
  const payable = beforeTax.plus(tax);
  const related = spec.related
    ? `<TTHDLQuan>${element('TCHDon', String(spec.related.tchdon))}<LHDCLQuan>1</LHDCLQuan>${element('KHMSHDCLQuan', spec.related.template)}${element('KHHDCLQuan', spec.related.series)}${element('SHDCLQuan', spec.related.number)}${element('NLHDCLQuan', spec.related.date)}${element('GChu', spec.related.note)}</TTHDLQuan>`
    : '';
  const commonExtra = extraBlock([['key', `${spec.khhdon}-${spec.shdon}`]]);
  const ttchung = [
    '<TTChung>',
    spec.extraFirst ? commonExtra : '',
    '<PBan>2.1.0</PBan><THDon>Hóa đơn giá trị gia tăng</THDon>',
    element('KHMSHDon', String(spec.khmshdon)),
    element('KHHDon', spec.khhdon),
    element('SHDon', String(spec.shdon).padStart(8, '0')),
    element('NLap', spec.issueDate),
    element('DVTTe', currency),
    '<TGia>1</TGia><HTTToan>TM/CK</HTTToan><MSTTCGP>0100684378</MSTTCGP>',
    related,
    spec.extraFirst ? '' : commonExtra,
    '</TTChung>',
  ].join('');
  const body = [
    '<HDon><DLHDon Id="DLHDon">',
    ttchung,
    '<NDHDon><NBan>',
    element('Ten', spec.sellerName ?? 'Công ty TNHH Bán Hàng & Dịch Vụ'),
    element('MST', spec.nbmst),
    '<DChi>Số 1 Phố Huế, Hà Nội</DChi></NBan><NMua>',
    element('Ten', spec.buyerName ?? 'Công ty cổ phần Mua Hàng'),
    element('MST', spec.buyerTaxCode),
    '<DChi>Số 235 Nguyễn Trãi, Hà Nội</DChi></NMua>',
    `<DSHHDVu>${lines.join('')}</DSHHDVu>`,
    '<TToan>',
    summary.length > 0 ? `<THTTLTSuat>${summary.join('')}</THTTLTSuat>` : '',
    element('TgTCThue', totals.beforeTax ?? beforeTax.toString()),
    element('TgTThue', totals.tax ?? tax.toString()),
    element('TgTTTBSo', totals.payable ?? payable.toString()),
    '<TgTTTBChu>Bằng chữ</TgTTTBChu></TToan></NDHDon></DLHDon>',
    element('MCCQT', spec.authorityCode),
    spec.signature ? SIGNATURE : '',
    '</HDon>',
  ].join('');
  const document = spec.envelope
    ? `<TDiep><TTChung><PBan>2.1.0</PBan><MNGui>V0100684378</MNGui><MLTDiep>200</MLTDiep></TTChung><DLieu>${body}</DLieu></TDiep>`
    : body;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${document}`;
}
