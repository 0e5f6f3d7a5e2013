/**
 * Builds e-invoice XML from a small spec, with totals, per-rate summary and line VAT computed exactly,
 * so tests and the benchmark corpus can vary structure (order, empty elements, envelope, related
 * invoice, every VAT rate form) without hand-writing documents.
 */
import { InvoiceDecimal, ZERO, currencyDigits, type Decimal } from './decimal.js';
import { TEST_CERTIFICATE } from './test-certificate.js';
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
  /** `MHHDVu`. */
  code?: string;
  /** `TLCKhau` (percent) and `STCKhau`, as written (informative: `amount` is already net). */
  discountRate?: string;
  discountAmount?: string;
}

export interface PartySpec {
  name?: string;
  taxCode?: string;
  address?: string;
  phone?: string;
  email?: string;
  bankAccount?: string;
  bankName?: string;
}

export interface SignatureSpec {
  /** Vietnam local time, `YYYY-MM-DDTHH:mm:ss`; default the issue date at 09:30:00. */
  signingTime?: string;
  /** Also the tax authority's signature (`DSCKS/CQT`). */
  authority?: boolean;
  /** The seller's `X509SubjectName` (the certificate stays the test one); default the test subject. */
  subject?: string;
}

/** Parts `buildInvoiceXml` can leave out, to build incomplete documents. */
export type OmittablePart = 'lines' | 'totals' | 'payable' | 'currency' | 'seller';

export const AUTHORITY_SUBJECT = 'CN=CỤC THUẾ, O=BỘ TÀI CHÍNH, L=Hà Nội, C=VN';

export interface InvoiceSpec {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
  issueDate: string;
  currency?: string;
  /** `TGia`, default 1. */
  exchangeRate?: string;
  /** `HTTToan`, default `TM/CK`. */
  paymentMethod?: string;
  /** Seller details beyond name and tax code (`nbmst`). */
  seller?: PartySpec;
  /** Buyer details beyond `buyerName` / `buyerTaxCode`. */
  buyer?: PartySpec;
  sellerName?: string;
  buyerTaxCode?: string;
  buyerName?: string;
  lines: LineSpec[];
  related?: {
    tchdon: number;
    /** `LHDCLQuan`, default 1. */
    relatedType?: number;
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
  /** Include the seller's signature (and, when asked, the tax authority's), with a decodable certificate. */
  signature?: boolean | SignatureSpec;
  omit?: OmittablePart[];
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

function signatureBlock(subject: string, signingTime: string, id: string): string {
  return `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="${id}"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI="#DLHDon"><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>W7egyk1leWxHgivNKNq4f4v8RKcW7egyk1leWxHgivM=</DigestValue></Reference></SignedInfo><SignatureValue>${Buffer.from(`${id}:`.repeat(40)).toString('base64')}</SignatureValue><KeyInfo><X509Data><X509SubjectName>${escape(subject)}</X509SubjectName><X509Certificate>${TEST_CERTIFICATE.base64}</X509Certificate></X509Data></KeyInfo><Object Id="SigningTime-${id}"><SignatureProperties xmlns=""><SignatureProperty Target="#${id}"><SigningTime>${signingTime}</SigningTime></SignatureProperty></SignatureProperties></Object></Signature>`;
}

/** The signing time a spec's signature states. */
export function signingTimeOf(spec: InvoiceSpec): string {
  const options = typeof spec.signature === 'object' ? spec.signature : {};
  return options.signingTime ?? `${spec.issueDate}T09:30:00`;
}

export function sellerSubjectOf(spec: InvoiceSpec): string {
  return (
    (typeof spec.signature === 'object' ? spec.signature.subject : undefined) ?? TEST_CERTIFICATE.subject
  );
}

function signatures(spec: InvoiceSpec): string {
  if (!spec.signature) return '';
  const options = typeof spec.signature === 'object' ? spec.signature : {};
  const time = signingTimeOf(spec);
  const seller = `<NBan>${signatureBlock(sellerSubjectOf(spec), time, 'Sig-NBan')}</NBan>`;
  const authority = options.authority
    ? `<CQT>${signatureBlock(AUTHORITY_SUBJECT, time, 'Sig-CQT')}</CQT>`
    : '';
  return `<DSCKS>${seller}${authority}</DSCKS>`;
}

function party(spec: PartySpec): string {
  return [
    element('DChi', spec.address),
    element('SDThoai', spec.phone),
    element('DCTDTu', spec.email),
    element('STKNHang', spec.bankAccount),
    element('TNHang', spec.bankName),
  ].join('');
}

/** Defaults shared with the JSON builder, so both describe the same invoice. */
export const SPEC_DEFAULTS = {
  sellerName: 'Công ty TNHH Bán Hàng & Dịch Vụ',
  sellerAddress: 'Số 1 Phố Huế, Hà Nội',
  buyerName: 'Công ty cổ phần Mua Hàng',
  buyerAddress: 'Số 235 Nguyễn Trãi, Hà Nội',
  paymentMethod: 'TM/CK',
  exchangeRate: '1',
  title: 'Hóa đơn giá trị gia tăng',
  providerTaxCode: '0100684378',
  inWords: 'Bằng chữ',
} as const;

/** Totals of a spec: before tax, tax, payable and the per-rate summary, exactly as the XML states them. */
export function specTotals(spec: InvoiceSpec): {
  beforeTax: Decimal;
  tax: Decimal;
  payable: Decimal;
  byRate: Map<string, { amount: Decimal; vat: Decimal }>;
} {
  const currency = spec.currency ?? 'VND';
  const byRate = new Map<string, { amount: Decimal; vat: Decimal }>();
  let beforeTax = ZERO;
  let tax = ZERO;
  for (const line of spec.lines) {
    const nature = line.nature ?? 1;
    if (line.amount === undefined || nature === 4) continue;
    const vat = lineVat(line, currency);
    const sign = nature === 3 ? -1 : 1;
    const amount = new InvoiceDecimal(line.amount).times(sign);
    beforeTax = beforeTax.plus(amount);
    tax = tax.plus(vat.times(sign));
    const rateKey = line.rate ?? '';
    const entry = byRate.get(rateKey) ?? { amount: ZERO, vat: ZERO };
    byRate.set(rateKey, { amount: entry.amount.plus(amount), vat: entry.vat.plus(vat.times(sign)) });
  }
  return { beforeTax, tax, payable: beforeTax.plus(tax), byRate };
}

export function buildInvoiceXml(spec: InvoiceSpec): string {
  const currency = spec.currency ?? 'VND';
  const empty = spec.emptyElements ?? false;
  const { beforeTax, tax, payable, byRate } = specTotals(spec);
  const omit = new Set(spec.omit ?? []);
  const lines = spec.lines.map((line, i) => {
    const nature = line.nature ?? 1;
    const vat = nature === 4 ? ZERO : lineVat(line, currency);
    const vatIn = line.vatIn ?? 'ttkhac';
    const total =
      line.amount === undefined ? undefined : new InvoiceDecimal(line.amount).plus(vat).toString();
    return [
      '<HHDVu>',
      element('TChat', String(nature)),
      element('STT', String(i + 1)),
      element('MHHDVu', line.code),
      element('THHDVu', line.name),
      element('DVTinh', line.unit, empty),
      element('SLuong', line.quantity, empty),
      element('DGia', line.unitPrice, empty),
      element('TLCKhau', line.discountRate, empty),
      element('STCKhau', line.discountAmount, empty),
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
  const related = spec.related
    ? `<TTHDLQuan>${element('TCHDon', String(spec.related.tchdon))}${element('LHDCLQuan', String(spec.related.relatedType ?? 1))}${element('KHMSHDCLQuan', spec.related.template)}${element('KHHDCLQuan', spec.related.series)}${element('SHDCLQuan', spec.related.number)}${element('NLHDCLQuan', spec.related.date)}${element('GChu', spec.related.note)}</TTHDLQuan>`
    : '';
  const commonExtra = extraBlock([['key', `${spec.khhdon}-${spec.shdon}`]]);
  const ttchung = [
    '<TTChung>',
    spec.extraFirst ? commonExtra : '',
    `<PBan>2.1.0</PBan><THDon>${SPEC_DEFAULTS.title}</THDon>`,
    element('KHMSHDon', String(spec.khmshdon)),
    element('KHHDon', spec.khhdon),
    element('SHDon', String(spec.shdon).padStart(8, '0')),
    element('NLap', spec.issueDate),
    omit.has('currency') ? '' : element('DVTTe', currency),
    element('TGia', spec.exchangeRate ?? SPEC_DEFAULTS.exchangeRate),
    element('HTTToan', spec.paymentMethod ?? SPEC_DEFAULTS.paymentMethod),
    `<MSTTCGP>${SPEC_DEFAULTS.providerTaxCode}</MSTTCGP>`,
    related,
    spec.extraFirst ? '' : commonExtra,
    '</TTChung>',
  ].join('');
  const body = [
    '<HDon><DLHDon Id="DLHDon">',
    ttchung,
    '<NDHDon>',
    omit.has('seller')
      ? ''
      : `<NBan>${element('Ten', spec.sellerName ?? SPEC_DEFAULTS.sellerName)}${element('MST', spec.nbmst)}${party({ address: SPEC_DEFAULTS.sellerAddress, ...spec.seller })}</NBan>`,
    `<NMua>${element('Ten', spec.buyerName ?? SPEC_DEFAULTS.buyerName)}${element('MST', spec.buyerTaxCode)}${party({ address: SPEC_DEFAULTS.buyerAddress, ...spec.buyer })}</NMua>`,
    omit.has('lines') ? '' : `<DSHHDVu>${lines.join('')}</DSHHDVu>`,
    omit.has('totals') ? '' : '<TToan>',
    omit.has('totals') || summary.length === 0 ? '' : `<THTTLTSuat>${summary.join('')}</THTTLTSuat>`,
    omit.has('totals') ? '' : element('TgTCThue', totals.beforeTax ?? beforeTax.toString()),
    omit.has('totals') ? '' : element('TgTThue', totals.tax ?? tax.toString()),
    omit.has('totals') || omit.has('payable')
      ? ''
      : element('TgTTTBSo', totals.payable ?? payable.toString()),
    omit.has('totals') ? '' : `<TgTTTBChu>${SPEC_DEFAULTS.inWords}</TgTTTBChu></TToan>`,
    '</NDHDon></DLHDon>',
    element('MCCQT', spec.authorityCode),
    signatures(spec),
    '</HDon>',
  ].join('');
  const document = spec.envelope
    ? `<TDiep><TTChung><PBan>2.1.0</PBan><MNGui>V0100684378</MNGui><MLTDiep>200</MLTDiep></TTChung><DLieu>${body}</DLieu></TDiep>`
    : body;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${document}`;
}
