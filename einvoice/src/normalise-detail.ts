/**
 * `normaliseDetail`: the portal's `detail` JSON (header fields plus `hdhhdvu` lines) into the same line
 * and totals model as the XML, and a verdict: complete, or incomplete with the problems named.
 * Incomplete = no lines, a line without a name (the `ttxly` 6 / `hsgoc` null case: the portal keeps
 * only amounts and rates), an unreadable amount, or lines that disagree with the header totals.
 */
import { decimalFromJson, normaliseCurrency, type Decimal } from './decimal.js';
import { checkConsistency, type TotalFieldNames } from './consistency.js';
import { resolveLineVat } from './line-vat.js';
import {
  LINE_NATURES,
  formatEInvoiceKey,
  invoiceNumberText,
  type EInvoice,
  type EInvoiceKey,
  type InvoiceHeader,
  type InvoiceKind,
  type Party,
  type RelatedInvoice,
  type ExtraFields,
  type InvoiceLine,
  type InvoiceTotals,
  type LineNatureCode,
  type RateSummary,
  type VatRate,
} from './model.js';
import { incompleteWarnings, type PartFields } from './completeness.js';
import { lineVatRate, promotionOf } from './promotion.js';
import { NO_SIGNATURES, readJsonSignature } from './signatures.js';
import { parseVatRate, vatRateFromFraction } from './vat-rate.js';
import { vietnamDate } from './vietnam-time.js';
import { UNKNOWN_INVOICE, makeWarning, type InvoiceWarning, type InvoiceWarningCode } from './warnings.js';

type Json = Record<string, unknown>;

export interface NormalisedDetail {
  key: EInvoiceKey | null;
  currency: string | null;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  /** The whole invoice, the same model `parseInvoiceXml` gives for its XML. */
  invoice: EInvoice;
  complete: boolean;
  /** English, one per problem, each naming the invoice; `warnings` has them structured (and localisable). */
  problems: string[];
  warnings: InvoiceWarning[];
}

const DETAIL_TOTAL_FIELDS: TotalFieldNames = {
  totalBeforeTax: 'tgtcthue',
  totalTax: 'tgtthue',
  totalPayable: 'tgtttbso',
  byRate: 'thttltsuat',
};

/** Findings that make details incomplete; the others (e.g. payable arithmetic) are warnings only. */
const PROBLEM_CODES: ReadonlySet<InvoiceWarningCode> = new Set([
  'detail-not-an-object',
  'detail-no-lines',
  'detail-line-without-name',
  'invalid-number',
  'lines-total-mismatch',
  'rate-total-mismatch',
  'incomplete',
]);

const DETAIL_PART_FIELDS: PartFields = {
  lines: 'hdhhdvu',
  totals: 'tgtcthue',
  payable: 'tgtttbso',
  currency: 'dvtte',
  seller: 'nbten',
};

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function integer(value: unknown): number | null {
  const written = text(isJson(value) ? value['source'] : value);
  return written !== null && /^\d+(\.0+)?$/.test(written) ? Number.parseInt(written, 10) : null;
}

function keyOf(detail: Json): EInvoiceKey | null {
  const nbmst = text(detail['nbmst']);
  const khhdon = text(detail['khhdon']);
  const khmshdon = integer(detail['khmshdon']);
  const shdon = integer(detail['shdon']);
  if (nbmst === null || khhdon === null || khmshdon === null || shdon === null) return null;
  return { nbmst, khmshdon, khhdon, shdon };
}

function extraOf(value: unknown): ExtraFields {
  const extra: ExtraFields = {};
  if (!Array.isArray(value)) return extra;
  for (const entry of value) {
    if (isJson(entry) && typeof entry['ttruong'] === 'string') extra[entry['ttruong']] = text(entry['dlieu']);
  }
  return extra;
}

class DetailReader {
  readonly warnings: InvoiceWarning[] = [];
  constructor(readonly invoiceKey: string) {}

  decimal(source: Json, field: string, path: string): Decimal | null {
    const value = decimalFromJson(source[field]);
    if (value === undefined) {
      this.warnings.push(
        makeWarning('invalid-number', this.invoiceKey, `${path}${field}`, {
          value: JSON.stringify(source[field]),
        }),
      );
      return null;
    }
    return value;
  }

  /** `ltsuat` text first (it distinguishes KCT from 0%), else the `tsuat` fraction. */
  vatRate(source: Json, path: string, textField: string, fractionField: string | null): VatRate | null {
    const written = parseVatRate(text(source[textField]));
    if (written?.kind === 'unknown') {
      this.warnings.push(
        makeWarning('unknown-vat-rate', this.invoiceKey, `${path}${textField}`, { value: written.code }),
      );
    }
    if (written !== null || fractionField === null) return written;
    const fraction = this.decimal(source, fractionField, path);
    return fraction === null ? null : vatRateFromFraction(fraction);
  }
}

export function normaliseDetail(detailJson: unknown, key?: EInvoiceKey): NormalisedDetail {
  const detail = isJson(detailJson) ? detailJson : null;
  const ownKey = detail ? keyOf(detail) : null;
  const invoiceKey = key ? formatEInvoiceKey(key) : ownKey ? formatEInvoiceKey(ownKey) : UNKNOWN_INVOICE;
  const reader = new DetailReader(invoiceKey);
  const currency = normaliseCurrency(detail ? text(detail['dvtte']) : null);
  const lines: InvoiceLine[] = [];
  const totals: InvoiceTotals = {
    totalBeforeTax: null,
    totalTax: null,
    tradeDiscount: null,
    otherAmount: null,
    fees: [],
    totalPayable: null,
    totalPayableInWords: null,
    byRate: [],
  };

  if (detail === null) {
    reader.warnings.push(makeWarning('detail-not-an-object', invoiceKey, null));
  } else {
    const rawLines = Array.isArray(detail['hdhhdvu']) ? detail['hdhhdvu'] : [];
    rawLines.forEach((raw, index) => {
      const line = isJson(raw) ? raw : {};
      const path = `hdhhdvu[${index}].`;
      const amount = reader.decimal(line, 'thtien', path);
      const extra = extraOf(line['ttkhac']);
      const natureCode = integer(line['tchat']);
      const nature =
        natureCode !== null && natureCode >= 1 && natureCode <= 5 ? (natureCode as LineNatureCode) : null;
      // A note line's `tsuat: 0.0` (with `ltsuat` null) is no rate: do not read it as 0%.
      const vatRate = nature === 4 ? null : reader.vatRate(line, path, 'ltsuat', 'tsuat');
      const name = text(line['ten']);
      if (name === null) {
        reader.warnings.push(
          makeWarning('detail-line-without-name', invoiceKey, `${path}ten`, {
            line: integer(line['stt']) ?? index + 1,
          }),
        );
      }
      lines.push({
        index,
        lineNo: integer(line['stt']),
        natureCode: nature,
        nature: nature === null ? null : LINE_NATURES[nature],
        code: text(line['mhhdvu']),
        name,
        unit: text(line['dvtinh']),
        quantity: reader.decimal(line, 'sluong', path),
        unitPrice: reader.decimal(line, 'dgia', path),
        discountRate: reader.decimal(line, 'tlckhau', path),
        discountAmount: reader.decimal(line, 'stckhau', path),
        amount,
        vatRate,
        ...resolveLineVat(
          reader.decimal(line, 'tthue', path),
          extra,
          amount,
          lineVatRate(nature, vatRate),
          currency,
        ),
        promotion: promotionOf(nature, amount, name),
        adjustment: null,
        extra,
      });
    });
    if (rawLines.length === 0) reader.warnings.push(makeWarning('detail-no-lines', invoiceKey, 'hdhhdvu'));

    totals.totalBeforeTax = reader.decimal(detail, 'tgtcthue', '');
    totals.totalTax = reader.decimal(detail, 'tgtthue', '');
    totals.tradeDiscount = reader.decimal(detail, 'ttcktmai', '');
    totals.otherAmount = reader.decimal(detail, 'tgtkhac', '');
    totals.totalPayable = reader.decimal(detail, 'tgtttbso', '');
    totals.totalPayableInWords = text(detail['tgtttbchu']);
    const fees = Array.isArray(detail['thttlphi']) ? detail['thttlphi'] : [];
    totals.fees = fees
      .filter(isJson)
      .map((fee, i) => ({ name: text(fee['tlphi']), amount: reader.decimal(fee, 'tphi', `thttlphi[${i}].`) }))
      // The portal sends `{ tlphi: "", tphi: null }` for "no fee".
      .filter((fee) => fee.name !== null || fee.amount !== null);
    const rates = Array.isArray(detail['thttltsuat']) ? detail['thttltsuat'] : [];
    totals.byRate = rates.filter(isJson).map((entry, i): RateSummary => ({
      vatRate: reader.vatRate(entry, `thttltsuat[${i}].`, 'tsuat', null),
      amount: reader.decimal(entry, 'thtien', `thttltsuat[${i}].`),
      vatAmount: reader.decimal(entry, 'tthue', `thttltsuat[${i}].`),
    }));
  }

  const invoice = invoiceOf(detail ?? {}, ownKey ?? key ?? null, currency, lines, totals, reader);
  const incomplete =
    detail === null
      ? []
      : incompleteWarnings(
          invoiceKey,
          {
            // No lines is reported as `detail-no-lines` already.
            lines: true,
            totals: ['tgtcthue', 'tgtthue', 'tgtttbso'].some((field) => detail[field] != null),
            payable: detail['tgtttbso'] != null,
            currency: currency !== null,
            seller: invoice.seller.name !== null || invoice.seller.taxCode !== null,
          },
          DETAIL_PART_FIELDS,
        );
  const warnings = [
    ...reader.warnings,
    ...incomplete,
    ...checkConsistency(lines, totals, currency, invoiceKey, DETAIL_TOTAL_FIELDS),
  ];
  const problems = warnings
    .filter((warning) => PROBLEM_CODES.has(warning.code))
    .map((warning) => warning.message);
  return {
    key: ownKey ?? key ?? null,
    currency,
    lines,
    totals,
    invoice,
    complete: problems.length === 0,
    problems,
    warnings,
  };
}

function headerOf(detail: Json, currency: string | null, reader: DetailReader): InvoiceHeader {
  return {
    version: text(detail['pban']),
    title: text(detail['thdon']),
    template: integer(detail['khmshdon']),
    series: text(detail['khhdon']),
    number: integer(detail['shdon']),
    issueDate: vietnamDate(text(detail['tdlap'])),
    currency,
    exchangeRate: reader.decimal(detail, 'tgia', ''),
    paymentMethod: text(detail['thtttoan']),
    providerTaxCode: text(detail['msttcgp']),
    hdcttchinh: text(detail['hdcttchinh']),
    listNumber: text(detail['sbke']),
    listDate: text(detail['nbke']),
    extra: extraOf(detail['ttkhac']),
  };
}

function partyOf(detail: Json, prefix: 'nb' | 'nm'): Party {
  const buyer = prefix === 'nm';
  return {
    name: text(detail[`${prefix}ten`]),
    taxCode: text(detail[`${prefix}mst`]),
    address: text(detail[`${prefix}dchi`]),
    phone: text(detail[`${prefix}sdthoai`]),
    email: text(detail[`${prefix}dctdtu`]),
    bankAccount: text(detail[`${prefix}stkhoan`]),
    bankName: text(detail[`${prefix}tnhang`]),
    customerCode: buyer ? text(detail['mkhang']) : null,
    buyerPerson: buyer ? text(detail['nmtnmua']) : null,
    citizenId: buyer ? (text(detail['nmcccdan']) ?? text(detail['nmcmnd'])) : null,
    extra: extraOf(detail[`${prefix}ttkhac`]),
  };
}

/** `tthai` 2 is a replacement, 3 an adjustment (1 new; 4 to 6 say what happened to it later). */
function kindOf(detail: Json): InvoiceKind {
  const state = integer(detail['tthai']);
  return state === 2 ? 'replacement' : state === 3 ? 'adjustment' : 'new';
}

function relatedOf(detail: Json, kind: InvoiceKind): RelatedInvoice | null {
  const fields = ['khhdgoc', 'khmshdgoc', 'shdgoc', 'lhdgoc', 'tdlhdgoc'];
  if (kind === 'new' && fields.every((field) => detail[field] == null)) return null;
  const tdlhdgoc = text(detail['tdlhdgoc']);
  return {
    kind: kind === 'new' ? 'unknown' : kind,
    tchdon: kind === 'replacement' ? 1 : kind === 'adjustment' ? 2 : null,
    relatedType: integer(detail['lhdgoc']),
    template: text(detail['khmshdgoc']),
    series: text(detail['khhdgoc']),
    number: invoiceNumberText(text(detail['shdgoc'])),
    date: tdlhdgoc === null ? null : vietnamDate(tdlhdgoc),
    note: text(detail['gchdgoc']),
    listNumber: null,
    listDate: null,
  };
}

function invoiceOf(
  detail: Json,
  key: EInvoiceKey | null,
  currency: string | null,
  lines: InvoiceLine[],
  totals: InvoiceTotals,
  reader: DetailReader,
): EInvoice {
  const kind = kindOf(detail);
  const authorityCode = text(detail['mhdon']);
  const signature = (field: string) =>
    readJsonSignature(detail[field], field, reader.invoiceKey, reader.warnings);
  return {
    source: 'portal-json',
    kind,
    key,
    header: headerOf(detail, currency, reader),
    seller: partyOf(detail, 'nb'),
    buyer: partyOf(detail, 'nm'),
    lines,
    totals,
    related: relatedOf(detail, kind),
    hasAuthorityCode: authorityCode !== null,
    authorityCode,
    signatures:
      Object.keys(detail).length === 0
        ? NO_SIGNATURES
        : { seller: signature('nbcks'), buyer: signature('nmcks'), authority: signature('cqtcks') },
    envelope: null,
  };
}
