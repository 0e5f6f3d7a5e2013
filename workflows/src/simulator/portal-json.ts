/**
 * Portal JSON for a simulated invoice, in the shape of the real list rows and `detail` responses (every
 * one of the 135 header fields, in the portal's order; see `conformance/`). Amounts are float literals
 * as the portal writes them (`289466.0`), from the decimal's exact digits, never via JS numbers.
 */
import type { Decimal } from 'decimal.js';
import { rateFraction, type SimExtra, type SimInvoice, type SimLine } from './invoice-model.js';
import { HEADER_FIELDS, LINE_FIELDS } from './header-fields.js';
import { stableUuid } from './prng.js';

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** The decimal's exact digits as a float literal: `289466.0`, `0.1`, `-12.5`. */
export function floatLiteral(value: Decimal): string {
  const digits = value.toFixed();
  return digits.includes('.') ? digits : `${digits}.0`;
}

/** A JSON number written as the portal writes amounts (a float literal), never via a JS number. */
export function jsonDecimal(value: Decimal): unknown {
  return rawJson(floatLiteral(value));
}

const jsonOrNull = (value: Decimal | null): unknown => (value === null ? null : jsonDecimal(value));

function inFieldOrder(fields: readonly string[], values: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of fields) row[field] = values[field] ?? null;
  for (const field of Object.keys(values)) {
    if (!(field in row)) throw new Error(`simulator: "${field}" is not a portal field`);
  }
  return row;
}

const extraJson = (extras: SimExtra[]) =>
  extras.map(({ ttruong, kdlieu, dlieu }) => ({ ttruong, kdlieu, dlieu }));

export function headerRow(invoice: SimInvoice): Record<string, unknown> {
  const relation = invoice.relation;
  const v = invoice.variety;
  // Without an original record the portal knows little more than the amounts (as in the real samples).
  const withOriginal = invoice.hsgoc !== null;
  return inFieldOrder(HEADER_FIELDS, {
    nbmst: invoice.nbmst,
    khmshdon: invoice.khmshdon,
    khhdon: invoice.khhdon,
    shdon: invoice.shdon,
    cqt: v.taxOffice,
    chma: v.channel,
    tgtkcthue: jsonOrNull(v.untaxedTotal),
    tgtkhac: jsonOrNull(v.otherTotal),
    cttkhac: extraJson(v.extras.cttkhac),
    dvtte: invoice.currency,
    hdon: '01',
    hsgcma: v.codeRecordId,
    hsgoc: invoice.hsgoc,
    hthdon: invoice.mhdon ? 1 : withOriginal ? 0 : 2,
    htttoan: withOriginal ? v.paymentMethod.code : null,
    id: invoice.id,
    khhdgoc: relation?.original.khhdon ?? null,
    khmshdgoc: relation?.original.khmshdon ?? null,
    lhdgoc: relation ? 1 : null,
    mhdon: invoice.mhdon,
    mtdtchieu: v.messageRef,
    nbdchi: invoice.seller.address,
    nbstkhoan: v.bank?.account ?? null,
    nbten: invoice.seller.name,
    nbtnhang: v.bank?.name ?? null,
    nbttkhac: extraJson(v.extras.nbttkhac),
    ncma: v.codedAt,
    ncnhat: v.createdAt,
    ngcnhat: withOriginal ? v.provider.gateway : null,
    nky: withOriginal ? v.signedAt : null,
    nmdchi: invoice.buyer.address,
    nmmst: invoice.buyer.taxCode,
    nmten: invoice.buyer.name,
    nmtnmua: v.buyerContact.person,
    nmttkhac: extraJson(v.extras.nmttkhac),
    ntao: v.createdAt,
    ntnhan: v.receivedAt,
    pban: '2.1.0',
    ptgui: 1,
    shdgoc: relation?.original.shdon ?? null,
    tchat: 1,
    tdlap: invoice.tdlap,
    tgia: jsonOrNull(invoice.exchangeRate),
    tgtcthue: jsonDecimal(invoice.totalBeforeTax),
    tgtthue: jsonDecimal(invoice.totalTax),
    tgtttbchu: withOriginal ? v.amountInWords : null,
    tgtttbso: jsonDecimal(invoice.totalPayable),
    thdon: withOriginal ? v.title : null,
    thlap: Number(invoice.issueDate.slice(0, 7).replace('-', '')),
    thttlphi: v.feeEntries,
    thttltsuat: invoice.rateSummary.map((r) => ({
      tsuat: r.rate,
      thtien: jsonDecimal(r.amount),
      tthue: jsonDecimal(r.tax),
      gttsuat: null,
    })),
    tlhdon: v.title,
    ttcktmai: jsonOrNull(v.tradeDiscount),
    tthai: invoice.tthai,
    ttkhac: extraJson(v.extras.ttkhac),
    tttbao: withOriginal ? (invoice.mhdon ? 1 : 0) : null,
    ttttkhac: extraJson(v.extras.ttttkhac),
    ttxly: invoice.ttxly,
    tvandnkntt: v.provider.tvan,
    ladhddt: 1,
    mkhang: v.buyerContact.customerCode,
    nbsdthoai: v.sellerContact.phone,
    nbdctdtu: v.sellerContact.email,
    nbfax: v.sellerContact.fax,
    nbwebsite: v.sellerContact.website,
    nbcks: withOriginal ? JSON.stringify(v.sellerSignature.json) : null,
    nmsdthoai: v.buyerContact.phone,
    nmdctdtu: v.buyerContact.email,
    bhphap: withOriginal ? 0 : null,
    tdlhdgoc: relation ? `${relation.originalIssueDate}T00:00:00` : null,
    tgtphi: jsonOrNull(v.fees),
    nbtnban: withOriginal ? null : invoice.seller.name,
    thtttoan: withOriginal ? v.paymentMethod.text : null,
    msttcgp: withOriginal ? v.provider.taxCode : null,
    cqtcks: v.authoritySignature ? JSON.stringify(v.authoritySignature.json) : null,
    gchu: relation
      ? `${relation.kind === 'replacement' ? 'Thay thế' : 'Điều chỉnh'} hóa đơn ${relation.original.khhdon}/${relation.original.shdon}`
      : invoice.mhdon
        ? ''
        : null,
    kqcht: withOriginal ? null : '',
    hdhhdvu: null,
    tthdclquan: relation !== null,
    hdcttchinh: withOriginal && invoice.variety.fees !== null ? 0 : null,
  });
}

function lineJson(invoice: SimInvoice, line: SimLine, complete: boolean): Record<string, unknown> {
  const note = line.tchat === 4;
  const fraction = line.rate?.endsWith('%') ? jsonDecimal(rateFraction(line.rate)) : null;
  return inFieldOrder(LINE_FIELDS, {
    idhdon: invoice.id,
    id: stableUuid(invoice.id, 'line', line.stt),
    dgia: complete ? jsonOrNull(line.unitPrice) : null,
    dvtinh: complete ? line.unit : null,
    ltsuat: line.rate,
    sluong: complete ? jsonOrNull(line.quantity) : null,
    stckhau: jsonOrNull(line.discountAmount),
    stt: line.stt,
    tchat: line.tchat,
    ten: complete ? line.name : null,
    thtien: note ? null : jsonDecimal(line.amount),
    tlckhau: jsonOrNull(line.discountRate),
    tsuat: fraction,
    // Like many vendors: the line VAT is only in `ttkhac`.
    tthue: null,
    sxep: line.stt,
    ttkhac: extraJson(line.extra),
    tthhdtrung: [],
  });
}

/** EMV-style tag-length-value text, as in the detail's `qrcode`. */
function tlv(tag: string, value: string): string {
  return `${tag}${String(value.length).padStart(2, '0')}${value}`;
}

/**
 * The detail's `qrcode` (lists send null): the fixed EMV prefix the real sample has, then tag 99 holding
 * the seller tax code, template, series, number, issue date and payable amount.
 */
export function qrCode(invoice: SimInvoice): string {
  const inner = [
    tlv('00', ''),
    tlv('01', invoice.nbmst),
    tlv('02', String(invoice.khmshdon)),
    tlv('03', invoice.khhdon),
    tlv('04', String(invoice.shdon)),
    tlv('05', invoice.issueDate.replace(/-/g, '')),
    tlv('06', floatLiteral(invoice.totalPayable)),
  ].join('');
  return `000201010212${['02', '04', '26', '52', '53', '54', '58', '59', '60', '62'].map((t) => tlv(t, '')).join('')}${tlv('99', inner)}`;
}

/** The `detail` response: header plus lines; `complete: false` drops names, units, quantities, prices. */
export function detailJson(invoice: SimInvoice, complete: boolean): Record<string, unknown> {
  return {
    ...headerRow(invoice),
    qrcode: qrCode(invoice),
    hdhhdvu: invoice.lines.map((line) => lineJson(invoice, line, complete)),
  };
}
