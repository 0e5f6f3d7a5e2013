/**
 * Builds the portal's detail JSON for the same spec `buildInvoiceXml` writes as XML: numbers as JSON
 * numbers (the portal's float literals), the issue date as a UTC instant, rates both as `ltsuat` text and
 * `tsuat` fractions, signatures as JSON strings. Used to test that both sources give one model.
 */
import { TEST_CERTIFICATE } from './test-certificate.js';
import { parseVatRate } from './vat-rate.js';
import {
  AUTHORITY_SUBJECT,
  SPEC_DEFAULTS,
  lineVat,
  sellerSubjectOf,
  signingTimeOf,
  specTotals,
  type InvoiceSpec,
  type PartySpec,
} from './xml-builder.js';

type Json = Record<string, unknown>;

/** `2025-09-22` in Vietnam -> `2025-09-21T17:00:00Z`. */
function utcMidnightOf(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+07:00`)).toISOString().replace('.000Z', 'Z');
}

function num(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}

function signatureJson(subject: string, signingTime: string): string {
  return JSON.stringify({
    Subject: subject,
    SerialNumber: TEST_CERTIFICATE.serialNumber,
    Issuer: TEST_CERTIFICATE.issuer,
    NotAfter: TEST_CERTIFICATE.notAfter,
    NotBefore: TEST_CERTIFICATE.notBefore,
    SigningTime: signingTime,
  });
}

function party(prefix: 'nb' | 'nm', spec: PartySpec): Json {
  return {
    [`${prefix}dchi`]: spec.address ?? null,
    [`${prefix}sdthoai`]: spec.phone ?? null,
    [`${prefix}dctdtu`]: spec.email ?? null,
    [`${prefix}stkhoan`]: spec.bankAccount ?? null,
    [`${prefix}tnhang`]: spec.bankName ?? null,
    [`${prefix}ttkhac`]: [],
  };
}

export function buildInvoiceDetail(spec: InvoiceSpec): Json {
  const currency = spec.currency ?? 'VND';
  const { beforeTax, tax, payable, byRate } = specTotals(spec);
  const signature = typeof spec.signature === 'object' ? spec.signature : {};
  const related = spec.related;
  const lines = spec.lines.map((line, i) => {
    const nature = line.nature ?? 1;
    const vat = nature === 4 ? null : lineVat(line, currency);
    const vatIn = line.vatIn ?? 'ttkhac';
    const rate = parseVatRate(line.rate ?? null);
    const total = line.amount === undefined || vat === null ? undefined : vat.plus(line.amount).toString();
    return {
      stt: i + 1,
      tchat: nature,
      mhhdvu: line.code ?? null,
      ten: line.name,
      dvtinh: line.unit ?? null,
      sluong: num(line.quantity),
      dgia: num(line.unitPrice),
      tlckhau: num(line.discountRate),
      stckhau: num(line.discountAmount),
      thtien: num(line.amount),
      // The portal writes 0.0 for a note's rate; the model must not read it as 0%.
      ltsuat: nature === 4 ? null : (line.rate ?? null),
      tsuat: nature === 4 ? 0 : rate?.rate ? rate.rate.toNumber() : null,
      tthue: vatIn === 'line' && vat !== null && line.amount !== undefined ? vat.toNumber() : null,
      ttkhac:
        vatIn === 'ttkhac' && total !== undefined && vat !== null
          ? [
              { ttruong: 'Amount', kdlieu: 'numeric', dlieu: total },
              { ttruong: 'VATAmount', kdlieu: 'numeric', dlieu: vat.toString() },
            ]
          : [],
    };
  });
  const omit = new Set(spec.omit ?? []);
  const totals = spec.totals ?? {};
  const summary = [...byRate.entries()]
    .filter(([rate]) => rate !== '')
    .map(([rate, sums]) => ({
      tsuat: rate,
      thtien: sums.amount.toNumber(),
      tthue: sums.vat.toNumber(),
    }));
  return {
    nbmst: spec.nbmst,
    khmshdon: spec.khmshdon,
    khhdon: spec.khhdon,
    shdon: spec.shdon,
    pban: '2.1.0',
    thdon: SPEC_DEFAULTS.title,
    tdlap: utcMidnightOf(spec.issueDate),
    dvtte: omit.has('currency') ? null : currency,
    tgia: Number(spec.exchangeRate ?? SPEC_DEFAULTS.exchangeRate),
    thtttoan: spec.paymentMethod ?? SPEC_DEFAULTS.paymentMethod,
    msttcgp: SPEC_DEFAULTS.providerTaxCode,
    tthai: related ? (related.tchdon === 1 ? 2 : related.tchdon === 2 ? 3 : 1) : 1,
    khmshdgoc: related?.template ?? null,
    khhdgoc: related?.series ?? null,
    shdgoc: related?.number === undefined ? null : Number(related.number),
    lhdgoc: related ? (related.relatedType ?? 1) : null,
    tdlhdgoc: related?.date === undefined ? null : utcMidnightOf(related.date),
    gchdgoc: related?.note ?? null,
    mhdon: spec.authorityCode ?? null,
    ttkhac: [{ ttruong: 'key', kdlieu: 'numeric', dlieu: `${spec.khhdon}-${spec.shdon}` }],
    nbten: omit.has('seller') ? null : (spec.sellerName ?? SPEC_DEFAULTS.sellerName),
    ...(omit.has('seller') ? {} : party('nb', { address: SPEC_DEFAULTS.sellerAddress, ...spec.seller })),
    nmten: spec.buyerName ?? SPEC_DEFAULTS.buyerName,
    nmmst: spec.buyerTaxCode ?? null,
    ...party('nm', { address: SPEC_DEFAULTS.buyerAddress, ...spec.buyer }),
    nbcks: spec.signature ? signatureJson(sellerSubjectOf(spec), signingTimeOf(spec)) : null,
    cqtcks:
      spec.signature && signature.authority ? signatureJson(AUTHORITY_SUBJECT, signingTimeOf(spec)) : null,
    tgtcthue: omit.has('totals') ? null : num(totals.beforeTax ?? beforeTax.toString()),
    tgtthue: omit.has('totals') ? null : num(totals.tax ?? tax.toString()),
    tgtttbso: omit.has('totals') || omit.has('payable') ? null : num(totals.payable ?? payable.toString()),
    tgtttbchu: omit.has('totals') ? null : SPEC_DEFAULTS.inWords,
    thttltsuat: omit.has('totals') ? [] : summary,
    thttlphi: [],
    hdhhdvu: omit.has('lines') ? [] : lines,
  };
}
