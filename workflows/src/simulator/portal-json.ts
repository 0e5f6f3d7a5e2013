/**
 * Portal JSON for a simulated invoice, in the shape of the real list rows and `detail` responses
 * (see `../portal/fixtures/`). Amounts are written as exact decimal literals, never via JS numbers.
 */
import type { Decimal } from 'decimal.js';
import { rateFraction, type SimInvoice, type SimLine } from './generator.js';
import { stableUuid } from './prng.js';

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** A JSON number literal with the decimal's exact digits. */
export function jsonDecimal(value: Decimal): unknown {
  return rawJson(value.toFixed());
}

function extra(field: string, kind: string, data: string | null): Record<string, unknown> {
  return { ttruong: field, kdlieu: kind, dlieu: data };
}

export function headerRow(invoice: SimInvoice): Record<string, unknown> {
  const relation = invoice.relation;
  return {
    nbmst: invoice.nbmst,
    khmshdon: invoice.khmshdon,
    khhdon: invoice.khhdon,
    shdon: invoice.shdon,
    cqt: '0101',
    cttkhac: [],
    dvtte: invoice.currency,
    hdon: '01',
    hsgcma: null,
    hsgoc: invoice.hsgoc,
    hthdon: invoice.mhdon ? 1 : 0,
    htttoan: 9,
    id: invoice.id,
    idtbao: null,
    khdon: null,
    khhdgoc: relation?.original.khhdon ?? null,
    khmshdgoc: relation?.original.khmshdon ?? null,
    lhdgoc: relation ? 1 : null,
    mhdon: invoice.mhdon,
    mtdiep: null,
    nbdchi: invoice.seller.address,
    nbten: invoice.seller.name,
    nbttkhac: [],
    nky: invoice.tdlap,
    nmdchi: invoice.buyer.address,
    nmmst: invoice.buyer.taxCode,
    nmten: invoice.buyer.name,
    nmttkhac: [],
    ntao: invoice.tdlap,
    pban: '2.1.0',
    shdgoc: relation?.original.shdon ?? null,
    tchat: 1,
    tdlap: invoice.tdlap,
    tdlhdgoc: relation ? `${relation.originalIssueDate}T00:00:00` : null,
    tgia: rawJson('1'),
    tgtcthue: jsonDecimal(invoice.totalBeforeTax),
    tgtthue: jsonDecimal(invoice.totalTax),
    tgtttbso: jsonDecimal(invoice.totalPayable),
    thdon: invoice.khmshdon === 2 ? 'Hóa đơn bán hàng' : 'Hóa đơn giá trị gia tăng',
    thlap: Number(invoice.issueDate.slice(0, 7).replace('-', '')),
    thttltsuat: invoice.rateSummary.map((r) => ({
      tsuat: r.rate,
      thtien: jsonDecimal(r.amount),
      tthue: jsonDecimal(r.tax),
      gttsuat: null,
    })),
    ttkhac: [extra('Mã số bí mật', 'string', invoice.id.slice(0, 15).toUpperCase())],
    tthai: invoice.tthai,
    ttxly: invoice.ttxly,
    hdhhdvu: null,
    thtttoan: 'TM/CK',
    gchu: relation
      ? `${relation.kind === 'replacement' ? 'Thay thế' : 'Điều chỉnh'} hóa đơn ${relation.original.khhdon}/${relation.original.shdon}`
      : null,
    tthdclquan: relation !== null,
  };
}

function lineJson(invoice: SimInvoice, line: SimLine, complete: boolean): Record<string, unknown> {
  const fraction = line.rate.endsWith('%') ? jsonDecimal(rateFraction(line.rate)) : null;
  return {
    idhdon: invoice.id,
    id: stableUuid(invoice.id, 'line', line.stt),
    dgia: complete ? jsonDecimal(line.unitPrice) : null,
    dvtinh: complete ? line.unit : null,
    ltsuat: line.rate,
    sluong: complete ? jsonDecimal(line.quantity) : null,
    stbchu: null,
    stckhau: null,
    stt: line.stt,
    tchat: line.tchat,
    ten: complete ? line.name : null,
    thtcthue: null,
    thtien: jsonDecimal(line.amount),
    tlckhau: null,
    tsuat: fraction,
    // Like many vendors: the line VAT is only in `ttkhac`.
    tthue: null,
    sxep: line.stt,
    ttkhac: [
      extra('Amount', 'numeric', line.amount.plus(line.tax).toFixed()),
      extra('VATAmount', 'numeric', line.tax.toFixed()),
    ],
    dvtte: null,
    tgia: null,
    tthhdtrung: [],
  };
}

/** The `detail` response: header plus lines; `complete: false` drops names, units, quantities, prices. */
export function detailJson(invoice: SimInvoice, complete: boolean): Record<string, unknown> {
  return { ...headerRow(invoice), hdhhdvu: invoice.lines.map((line) => lineJson(invoice, line, complete)) };
}
