/**
 * The typed e-invoice model shared by the XML parser and the portal-detail normaliser. Every amount,
 * quantity, price and rate is a Decimal; text fields are kept as written (trimmed), absent ones are null.
 */
import type { Decimal } from './decimal.js';

/** Natural key of an invoice, the same shape as the portal's `InvoiceKey`. */
export interface EInvoiceKey {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
}

/** An invoice number as text without zero padding (`00002067` -> `2067`), as `SHDon` is read. */
export function invoiceNumberText(text: string | null): string | null {
  return text !== null && /^\d{1,15}$/.test(text) ? String(Number(text)) : text;
}

/** `nbmst/khmshdon/khhdon/shdon`, as the CLIs and ids write keys. */
export function formatEInvoiceKey(key: EInvoiceKey): string {
  return `${key.nbmst}/${key.khmshdon}/${key.khhdon}/${key.shdon}`;
}

/**
 * A VAT rate as written in `TSuat` (or `ltsuat`/`tsuat` in portal JSON).
 * - `percent`: `0%`, `5%`, `8%`, `10%` (any `N%`): `rate` is the fraction (0.08);
 * - `other`: `KHAC:AB.CD%`, a rate outside the standard list: `rate` is the fraction;
 * - `not-subject` (`KCT`) and `not-declared` (`KKKNT`): no VAT, `rate` null;
 * - `unknown`: text we could not read (a warning names it), `rate` null.
 */
export interface VatRate {
  kind: 'percent' | 'other' | 'not-subject' | 'not-declared' | 'unknown';
  /** Canonical text: `8%`, `KCT`, `KKKNT`, `KHAC:5.26%`; for `unknown` the text as written. */
  code: string;
  rate: Decimal | null;
}

/** `TChat`: 1 goods/service, 2 promotion, 3 commercial discount, 4 note (no amount), 5 special goods. */
export const LINE_NATURES = {
  1: 'goods',
  2: 'promotion',
  3: 'discount',
  4: 'note',
  5: 'special',
} as const;
export type LineNatureCode = keyof typeof LINE_NATURES;
export type LineNature = (typeof LINE_NATURES)[LineNatureCode];

/** Where a line's VAT amount came from. */
export type VatAmountSource = 'line' | 'ttkhac' | 'computed';

/** Vendor extra fields (`TTKhac/TTin` in XML, `ttkhac` in JSON): field name -> value. */
export type ExtraFields = Record<string, string | null>;

/**
 * What a promotional line is: `declared` (`TChat` 2, the standard's promotion), or `free-of-charge`: a
 * goods or discount line (`TChat` 1 or 3) with zero amount whose name says it is a promotion
 * (`khuyến mại`), as VNPT issues free rent. Null for any other line.
 */
export type PromotionKind = 'declared' | 'free-of-charge';

export interface InvoiceLine {
  /** 0-based position in the document. */
  index: number;
  /** `STT`. */
  lineNo: number | null;
  /** `TChat` code (1..5) or null when absent or unreadable. */
  natureCode: LineNatureCode | null;
  nature: LineNature | null;
  /** `MHHDVu`. */
  code: string | null;
  /** `THHDVu` (portal `ten`). */
  name: string | null;
  /** `DVTinh`. */
  unit: string | null;
  quantity: Decimal | null;
  unitPrice: Decimal | null;
  /** `TLCKhau`, a percentage as written (5 = 5%). */
  discountRate: Decimal | null;
  /** `STCKhau`. */
  discountAmount: Decimal | null;
  /** `ThTien`: amount before tax (negative on decreasing adjustments). */
  amount: Decimal | null;
  /** Null on note lines (`TChat` 4): a note carries no VAT, whatever `tsuat: 0.0` the portal sends. */
  vatRate: VatRate | null;
  vatAmount: Decimal | null;
  vatAmountSource: VatAmountSource | null;
  promotion: PromotionKind | null;
  /** Older per-line `TCDChinh`: 1 increase, 2 decrease. */
  adjustment: 'increase' | 'decrease' | null;
  extra: ExtraFields;
}

export interface Party {
  name: string | null;
  taxCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  bankAccount: string | null;
  bankName: string | null;
  /** Buyer only: `MKHang` customer code. */
  customerCode: string | null;
  /** Buyer only: `HVTNMHang` name of the person buying. */
  buyerPerson: string | null;
  /** Buyer only: `CCCDan` citizen id. */
  citizenId: string | null;
  extra: ExtraFields;
}

export interface InvoiceHeader {
  /** `PBan`: 2.0.0, 2.0.1, 2.1.0. */
  version: string | null;
  /** `THDon`. */
  title: string | null;
  /** `KHMSHDon` 1..6. */
  template: number | null;
  /** `KHHDon`, e.g. `K25TEK`. */
  series: string | null;
  /** `SHDon` as a number (zero padding removed). */
  number: number | null;
  /** `NLap` (or the draft's `TDLap`), `YYYY-MM-DD`; from JSON `tdlap` (UTC) converted to UTC+7. */
  issueDate: string | null;
  /** `DVTTe`, upper-cased; `VNĐ` is read as `VND`. */
  currency: string | null;
  exchangeRate: Decimal | null;
  /** `HTTToan` (JSON `thtttoan`), as written: `TM/CK`, `Tiền mặt`. */
  paymentMethod: string | null;
  /** `MSTTCGP`: tax code of the invoicing service provider. */
  providerTaxCode: string | null;
  /** `HDCTTChinh` (2.1.0). */
  hdcttchinh: string | null;
  listNumber: string | null;
  listDate: string | null;
  extra: ExtraFields;
}

/** `TTChung/TTHDLQuan`: the invoice this one replaces or adjusts. */
export interface RelatedInvoice {
  /** From `TCHDon`: 1 replacement, 2 adjustment. */
  kind: 'replacement' | 'adjustment' | 'unknown';
  tchdon: number | null;
  /** `LHDCLQuan` (draft: `LHDGoc`): 1 Decree 123, 2 older coded, 3 Decrees 51/04, 4 printed. */
  relatedType: number | null;
  template: string | null;
  series: string | null;
  /** Without zero padding (`00000041` -> `41`), as the portal's `shdgoc` gives it. */
  number: string | null;
  date: string | null;
  note: string | null;
  listNumber: string | null;
  listDate: string | null;
}

export interface RateSummary {
  vatRate: VatRate | null;
  amount: Decimal | null;
  vatAmount: Decimal | null;
}

export interface Fee {
  name: string | null;
  amount: Decimal | null;
}

export interface InvoiceTotals {
  /** `TgTCThue`. */
  totalBeforeTax: Decimal | null;
  /** `TgTThue`. */
  totalTax: Decimal | null;
  /** `TTCKTMai`. */
  tradeDiscount: Decimal | null;
  /** `TGTKhac`. */
  otherAmount: Decimal | null;
  fees: Fee[];
  /** `TgTTTBSo`. */
  totalPayable: Decimal | null;
  /** `TgTTTBChu`. */
  totalPayableInWords: string | null;
  /** `THTTLTSuat/LTSuat`. */
  byRate: RateSummary[];
}

/**
 * A digital signature as the invoice states it (`DSCKS/NBan|NMua|CQT/Signature` in XML, `nbcks`,
 * `nmcks`, `cqtcks` JSON strings in the portal's detail). `verification` is `not-verified` unless the XML was
 * read with `verifySignatures` (see the README).
 */
export interface InvoiceSignature {
  /** `X509SubjectName` (JSON `Subject`), as written: `C=VN, ..., CN=CÔNG TY ..., ...=MST:0102671977`. */
  subject: string | null;
  /** The `CN=` part of the subject. */
  commonName: string | null;
  /** The tax code in the subject (`MST:0102671977`), when it names one. */
  taxCode: string | null;
  /** Certificate issuer, serial number (upper-case hex) and validity (UTC, `YYYY-MM-DDTHH:mm:ss`). */
  issuer: string | null;
  serialNumber: string | null;
  notBefore: string | null;
  notAfter: string | null;
  /** `SigningTime` as written: Vietnam local time (UTC+7), `YYYY-MM-DDTHH:mm:ss`. */
  signingTime: string | null;
  /** `SignatureMethod` short name (`rsa-sha1`, `rsa-sha256`); null from JSON, which does not say. */
  algorithm: string | null;
  verification: SignatureVerification;
}

/**
 * `valid`: the signature value and every reference digest match the certificate in the document (the
 * certificate's chain of trust is not checked); `invalid`: they do not (the signed part was changed);
 * `not-verified`: not checked (portal JSON, or XML read without `verifySignatures`).
 */
export type SignatureVerification = 'valid' | 'invalid' | 'not-verified';

export interface InvoiceSignatures {
  seller: InvoiceSignature | null;
  buyer: InvoiceSignature | null;
  /** The tax authority's (CQT): present on coded invoices once the code is issued. */
  authority: InvoiceSignature | null;
}

/** New, or replacing/adjusting the invoice in `related`. */
export type InvoiceKind = 'new' | 'replacement' | 'adjustment';

/** Where the model was read from. */
export type InvoiceSource = 'xml' | 'portal-json';

export interface EInvoice {
  source: InvoiceSource;
  kind: InvoiceKind;
  /** Null when the XML lacks a part of the key (a warning says which). */
  key: EInvoiceKey | null;
  header: InvoiceHeader;
  seller: Party;
  buyer: Party;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  related: RelatedInvoice | null;
  /** Whether `MCCQT` (tax-authority code; JSON `mhdon`) is present, and its text. */
  hasAuthorityCode: boolean;
  authorityCode: string | null;
  signatures: InvoiceSignatures;
  /** Whether the invoice came inside a `TDiep` envelope, and its `TTChung` fields. */
  envelope: ExtraFields | null;
}
