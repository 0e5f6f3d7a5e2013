/**
 * What the invoice page and the printable invoice show, read from the invoice's XML when the store has
 * it, else from the portal's detail JSON and the listed header. Amounts stay decimals.
 */
import {
  normaliseDetail,
  parseInvoiceXml,
  decimalFromJson,
  type EInvoice,
  type InvoiceLine,
  type InvoiceWarning,
  type Party,
  type RateSummary,
} from '#einvoice';
import type { Decimal } from '#engine';
import type { WorkspaceInvoice } from '#workflows/store';

export interface SignatureView {
  present: boolean;
  signer: string | null;
  /** As written: Vietnam local time. */
  signingTime: string | null;
  /** Checked against the certificate in the XML; the portal JSON cannot be checked (`not-verified`). */
  verification: 'valid' | 'invalid' | 'not-verified';
}

export interface InvoiceView {
  source: 'xml' | 'details' | 'header';
  title: string | null;
  template: string;
  series: string;
  number: number;
  issueDate: string;
  currency: string;
  /** VND per unit of a foreign currency (`TGia` / `tgia`); null for VND or when not given. */
  exchangeRate: Decimal | null;
  paymentMethod: string | null;
  seller: Partial<Party>;
  buyer: Partial<Party>;
  lines: InvoiceLine[];
  byRate: RateSummary[];
  totalBeforeTax: Decimal | null;
  totalTax: Decimal | null;
  totalPayable: Decimal | null;
  totalPayableInWords: string | null;
  authorityCode: string | null;
  sellerSignature: SignatureView;
  authoritySignature: SignatureView;
  related: { kind: string; series: string | null; number: string | null; date: string | null } | null;
  /** Found reading the document (the stored warnings of the list are computed from the same). */
  warnings: InvoiceWarning[];
}

interface Sources {
  invoice: WorkspaceInvoice;
  xml: string | null;
  detail: unknown;
}

const NO_SIGNATURE: SignatureView = {
  present: false,
  signer: null,
  signingTime: null,
  verification: 'not-verified',
};

interface SignatureLike {
  commonName?: string | null;
  subject?: string | null;
  signingTime?: string | null;
  verification?: SignatureView['verification'];
}

function signatureOf(signature: SignatureLike | null | undefined): SignatureView {
  if (!signature) return NO_SIGNATURE;
  return {
    present: true,
    signer: signature.commonName ?? signature.subject ?? null,
    signingTime: signature.signingTime ?? null,
    verification: signature.verification ?? 'not-verified',
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function decimalOf(value: string | null): Decimal | null {
  return value === null ? null : (decimalFromJson(value) ?? null);
}

function fromModel(
  source: Sources,
  parsed: EInvoice,
  warnings: InvoiceWarning[],
  kind: 'xml' | 'details',
): InvoiceView {
  const { invoice } = source;
  const signatures = (parsed as Partial<Pick<EInvoice, 'signatures'>>).signatures;
  return {
    source: kind,
    title: parsed.header.title,
    template: String(parsed.header.template ?? invoice.khmshdon),
    series: parsed.header.series ?? invoice.khhdon,
    number: parsed.header.number ?? invoice.shdon,
    issueDate: parsed.header.issueDate ?? invoice.issueDate,
    currency: parsed.header.currency ?? invoice.currency ?? 'VND',
    exchangeRate: parsed.header.exchangeRate,
    paymentMethod: parsed.header.paymentMethod,
    seller: parsed.seller,
    buyer: parsed.buyer,
    lines: parsed.lines,
    byRate: parsed.totals.byRate,
    totalBeforeTax: parsed.totals.totalBeforeTax,
    totalTax: parsed.totals.totalTax,
    totalPayable: parsed.totals.totalPayable,
    totalPayableInWords: parsed.totals.totalPayableInWords,
    authorityCode: parsed.authorityCode,
    sellerSignature: signatureOf(signatures?.seller),
    authoritySignature: signatureOf(signatures?.authority),
    related: parsed.related
      ? {
          kind: parsed.related.kind,
          series: parsed.related.series,
          number: parsed.related.number,
          date: parsed.related.date,
        }
      : null,
    warnings,
  };
}

function fromDetailOrHeader(source: Sources): InvoiceView {
  const { invoice, detail } = source;
  const raw = invoice.rawHeader;
  const normalised = detail !== null && detail !== undefined ? normaliseDetail(detail, invoice) : null;
  // The detail JSON read into the same model as the XML (parties, signatures, relation), when it has one.
  const model = (normalised as { invoice?: EInvoice } | null)?.invoice;
  if (normalised && model) return fromModel(source, model, normalised.warnings, 'details');
  const json = (detail && typeof detail === 'object' ? detail : raw) as Record<string, unknown>;
  const party = (prefix: 'nb' | 'nm', name: string | null, taxCode: string | null): Partial<Party> => ({
    name: text(json[`${prefix}ten`]) ?? name,
    taxCode: text(json[`${prefix === 'nb' ? 'nb' : 'nm'}mst`]) ?? taxCode,
    address: text(json[`${prefix}dchi`]),
  });
  const byRate: RateSummary[] = normalised?.totals.byRate ?? [];
  return {
    source: normalised ? 'details' : 'header',
    title: text(json['thdon']),
    template: String(invoice.khmshdon),
    series: invoice.khhdon,
    number: invoice.shdon,
    issueDate: invoice.issueDate,
    currency: invoice.currency ?? 'VND',
    // From the stored header row (JSONB gives numbers back as numbers: the rate is read from its text).
    exchangeRate:
      json['tgia'] === null || json['tgia'] === undefined ? null : decimalOf(String(json['tgia'])),
    paymentMethod: text(json['thtttoan']),
    seller: party('nb', invoice.sellerName, invoice.nbmst),
    buyer: party('nm', invoice.buyerName, invoice.buyerTaxCode),
    lines: normalised?.lines ?? [],
    byRate,
    totalBeforeTax: normalised?.totals.totalBeforeTax ?? decimalOf(invoice.totalBeforeTax),
    totalTax: normalised?.totals.totalTax ?? decimalOf(invoice.totalTax),
    totalPayable: normalised?.totals.totalPayable ?? decimalOf(invoice.totalPayable),
    totalPayableInWords: normalised?.totals.totalPayableInWords ?? null,
    authorityCode: text(json['mhdon']),
    sellerSignature: NO_SIGNATURE,
    authoritySignature: NO_SIGNATURE,
    related:
      text(raw['khhdgoc']) !== null
        ? {
            kind: invoice.tthai === 3 ? 'adjustment' : 'replacement',
            series: text(raw['khhdgoc']),
            number: raw['shdgoc'] === null || raw['shdgoc'] === undefined ? null : String(raw['shdgoc']),
            date: text(raw['tdlhdgoc'])?.slice(0, 10) ?? null,
          }
        : null,
    warnings: normalised?.warnings ?? [],
  };
}

/**
 * The invoice as its best source says: the XML (what was signed), else the detail JSON, else only the
 * header. An XML that cannot be read falls back to the detail, its error among the warnings' causes.
 */
export function invoiceView(source: Sources): InvoiceView {
  if (source.xml !== null) {
    try {
      // Signatures are checked here, so the page and the printout say what is true of them.
      const parsed = parseInvoiceXml(source.xml, { invoiceKey: source.invoice, verifySignatures: true });
      return fromModel(source, parsed.invoice, parsed.warnings, 'xml');
    } catch {
      // Unreadable XML: the list's warning check records why; show what the detail says.
    }
  }
  return fromDetailOrHeader(source);
}
