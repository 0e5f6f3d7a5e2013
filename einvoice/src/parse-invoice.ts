/**
 * `parseInvoiceXml`: e-invoice XML text -> typed `EInvoice` plus warnings. Elements are found by name in
 * one walk over the tree (order does not matter), draft-standard names are accepted as aliases, and the
 * optional `TDiep` envelope is unwrapped.
 */
import { normaliseCurrency } from './decimal.js';
import { XmlParseError } from './errors.js';
import { checkConsistency } from './consistency.js';
import { resolveLineVat } from './line-vat.js';
import {
  LINE_NATURES,
  formatEInvoiceKey,
  invoiceNumberText,
  type EInvoice,
  type EInvoiceKey,
  type Fee,
  type InvoiceHeader,
  type InvoiceLine,
  type InvoiceTotals,
  type LineNatureCode,
  type Party,
  type RateSummary,
  type RelatedInvoice,
  type VatRate,
} from './model.js';
import { incompleteWarnings } from './completeness.js';
import { lineVatRate, promotionOf } from './promotion.js';
import { readXmlSignatures } from './signatures.js';
import { verifyXmlSignatures } from './verify-signatures.js';
import { TreeReader, isElement } from './tree-reader.js';
import { parseVatRate } from './vat-rate.js';
import { UNKNOWN_INVOICE, makeWarning, type InvoiceWarning } from './warnings.js';
import { parseXmlTree, type XmlElement, type XmlLimits } from './xml-tree.js';

export interface ParseInvoiceOptions extends XmlLimits {
  /** The key the caller asked for: named in errors (the XML may be too broken to tell its own key). */
  invoiceKey?: EInvoiceKey | string;
  /**
   * Check each signature cryptographically (xml-crypto; a second, DOM parse of the document): sets
   * `verification` and warns `signature-invalid`. Off by default (the sync does not need it).
   */
  verifySignatures?: boolean;
}

export interface ParsedInvoice {
  invoice: EInvoice;
  warnings: InvoiceWarning[];
}

const SIGNATURE_ELEMENTS = { seller: 'NBan', buyer: 'NMua', authority: 'CQT' } as const;

const KEY_PARTS = ['TTChung/KHMSHDon', 'TTChung/KHHDon', 'TTChung/SHDon', 'NDHDon/NBan/MST'] as const;

export function parseInvoiceXml(xml: string, options: ParseInvoiceOptions = {}): ParsedInvoice {
  const callerKey =
    options.invoiceKey === undefined
      ? UNKNOWN_INVOICE
      : typeof options.invoiceKey === 'string'
        ? options.invoiceKey
        : formatEInvoiceKey(options.invoiceKey);
  const tree = parseXmlTree(xml, callerKey, options);
  const { hdon, envelope } = findInvoice(tree, callerKey);

  const dlhdon = isElement(hdon['DLHDon']) ? hdon['DLHDon'] : null;
  const ttchung = dlhdon && isElement(dlhdon['TTChung']) ? dlhdon['TTChung'] : null;
  const ndhdon = dlhdon && isElement(dlhdon['NDHDon']) ? dlhdon['NDHDon'] : null;
  const nban = ndhdon && isElement(ndhdon['NBan']) ? ndhdon['NBan'] : null;

  // The key first (quietly: the header reading below warns about unreadable parts), so that every
  // warning can name the invoice.
  const { key, missing } = readKey(new TreeReader(callerKey), ttchung, nban);
  const reader = new TreeReader(
    options.invoiceKey !== undefined || !key ? callerKey : formatEInvoiceKey(key),
  );
  for (const field of missing) reader.warnings.push(makeWarning('missing-field', reader.invoiceKey, field));
  // The portal answered with another invoice's XML: say so rather than file it under the asked key.
  if (key && typeof options.invoiceKey === 'object' && formatEInvoiceKey(key) !== callerKey) {
    reader.warnings.push(
      makeWarning('header-mismatch', callerKey, 'key', { header: callerKey, xml: formatEInvoiceKey(key) }),
    );
  }

  const header = readHeader(reader, ttchung);
  const currency = header.currency;
  const lines = readLines(reader, ndhdon, currency);
  const totals = readTotals(reader, ndhdon && isElement(ndhdon['TToan']) ? ndhdon['TToan'] : null);
  const authorityCode = reader.text(hdon, 'MCCQT', 'HDon');
  const related = readRelated(reader, reader.element(ttchung, 'TTHDLQuan', 'TTChung'));
  const dscks = hdon['DSCKS'];
  let signatures = readXmlSignatures(
    typeof dscks === 'string' ? dscks : null,
    reader.invoiceKey,
    reader.warnings,
  );
  if (options.verifySignatures) {
    const verified = verifyXmlSignatures(xml, signatures);
    signatures = verified.signatures;
    for (const [role, reason] of Object.entries(verified.reasons)) {
      if (signatures[role as keyof typeof signatures]?.verification !== 'invalid') continue;
      reader.warnings.push(
        makeWarning(
          'signature-invalid',
          reader.invoiceKey,
          `DSCKS/${SIGNATURE_ELEMENTS[role as keyof typeof SIGNATURE_ELEMENTS]}`,
          {
            reason,
          },
        ),
      );
    }
  }
  const seller = readParty(reader, nban, 'NDHDon/NBan');
  const invoice: EInvoice = {
    source: 'xml',
    kind: related?.kind === 'replacement' || related?.kind === 'adjustment' ? related.kind : 'new',
    key,
    header,
    seller,
    buyer: readParty(reader, reader.element(ndhdon, 'NMua', 'NDHDon'), 'NDHDon/NMua'),
    lines,
    totals,
    related,
    hasAuthorityCode: 'MCCQT' in hdon,
    authorityCode,
    signatures,
    envelope,
  };
  const ttoan = ndhdon === null ? undefined : ndhdon['TToan'];
  const incomplete = incompleteWarnings(reader.invoiceKey, {
    lines: lines.length > 0,
    totals: ttoan !== undefined,
    payable: isElement(ttoan) && ttoan['TgTTTBSo'] !== undefined,
    currency: header.currency !== null,
    seller: seller.name !== null || seller.taxCode !== null,
  });
  const warnings = [
    ...reader.warnings,
    ...incomplete,
    ...checkConsistency(lines, totals, currency, reader.invoiceKey),
  ];
  return { invoice, warnings };
}

function findInvoice(
  tree: XmlElement,
  invoiceKey: string,
): { hdon: XmlElement; envelope: EInvoice['envelope'] } {
  let holder = tree;
  let envelope: EInvoice['envelope'] = null;
  const tdiep = tree['TDiep'];
  if (!('HDon' in tree) && isElement(tdiep)) {
    const reader = new TreeReader(invoiceKey);
    const common = reader.element(tdiep, 'TTChung', 'TDiep');
    envelope = {};
    for (const [name, value] of Object.entries(common ?? {})) {
      if (typeof value === 'string') envelope[name] = value === '' ? null : value;
    }
    holder = isElement(tdiep['DLieu']) && 'HDon' in tdiep['DLieu'] ? tdiep['DLieu'] : tdiep;
  }
  const found = holder['HDon'];
  const invoices = Array.isArray(found) ? found : found === undefined ? [] : [found];
  if (invoices.length === 0) {
    const root = Object.keys(tree).join(', ') || '(nothing)';
    throw new XmlParseError('parse.notAnInvoice', invoiceKey, { root });
  }
  if (invoices.length > 1)
    throw new XmlParseError('parse.severalInvoices', invoiceKey, { count: invoices.length });
  const hdon = invoices[0]!;
  return { hdon: isElement(hdon) ? hdon : {}, envelope };
}

function readKey(
  reader: TreeReader,
  ttchung: XmlElement | null,
  nban: XmlElement | null,
): { key: EInvoiceKey | null; missing: string[] } {
  const khmshdon = reader.integer(ttchung, 'KHMSHDon', 'TTChung');
  const khhdon = reader.text(ttchung, 'KHHDon', 'TTChung');
  const shdon = reader.integer(ttchung, 'SHDon', 'TTChung');
  const nbmst = reader.text(nban, 'MST', 'NDHDon/NBan');
  const missing = [khmshdon, khhdon, shdon, nbmst].flatMap((value, i) =>
    value === null && reader.text(i === 3 ? nban : ttchung, KEY_PARTS[i]!.split('/').pop()!, '') === null
      ? [KEY_PARTS[i]!]
      : [],
  );
  if (khmshdon === null || khhdon === null || shdon === null || nbmst === null) return { key: null, missing };
  return { key: { nbmst, khmshdon, khhdon, shdon }, missing };
}

function readHeader(reader: TreeReader, ttchung: XmlElement | null): InvoiceHeader {
  const path = 'TTChung';
  const issued = reader.textOf(ttchung, ['NLap', 'TDLap'], path);
  return {
    version: reader.text(ttchung, 'PBan', path),
    title: reader.text(ttchung, 'THDon', path),
    template: reader.integer(ttchung, 'KHMSHDon', path),
    series: reader.text(ttchung, 'KHHDon', path),
    number: reader.integer(ttchung, 'SHDon', path),
    issueDate: issued === null ? null : issued.slice(0, 10),
    currency: normaliseCurrency(reader.text(ttchung, 'DVTTe', path)),
    exchangeRate: reader.decimal(ttchung, 'TGia', path),
    paymentMethod: reader.text(ttchung, 'HTTToan', path),
    providerTaxCode: reader.text(ttchung, 'MSTTCGP', path),
    hdcttchinh: reader.text(ttchung, 'HDCTTChinh', path),
    listNumber: reader.text(ttchung, 'SBKe', path),
    listDate: reader.text(ttchung, 'NBKe', path),
    extra: reader.extra(ttchung, path),
  };
}

function readParty(reader: TreeReader, party: XmlElement | null, path: string): Party {
  return {
    name: reader.text(party, 'Ten', path),
    taxCode: reader.text(party, 'MST', path),
    address: reader.text(party, 'DChi', path),
    phone: reader.text(party, 'SDThoai', path),
    email: reader.textOf(party, ['DCTDTu', 'Email'], path),
    bankAccount: reader.text(party, 'STKNHang', path),
    bankName: reader.textOf(party, ['TNHang', 'TTKNHang'], path),
    customerCode: reader.text(party, 'MKHang', path),
    buyerPerson: reader.textOf(party, ['HVTNMHang', 'NMHang', 'HTNMHang'], path),
    citizenId: reader.text(party, 'CCCDan', path),
    extra: reader.extra(party, path),
  };
}

function readRelated(reader: TreeReader, block: XmlElement | null): RelatedInvoice | null {
  if (block === null) return null;
  const path = 'TTChung/TTHDLQuan';
  const tchdon = reader.integer(block, 'TCHDon', path);
  return {
    kind: tchdon === 1 ? 'replacement' : tchdon === 2 ? 'adjustment' : 'unknown',
    tchdon,
    relatedType: reader.integer(block, 'LHDCLQuan', path) ?? reader.integer(block, 'LHDGoc', path),
    template: reader.textOf(block, ['KHMSHDCLQuan', 'KHMSHDGoc'], path),
    series: reader.textOf(block, ['KHHDCLQuan', 'KHHDGoc'], path),
    number: invoiceNumberText(reader.textOf(block, ['SHDCLQuan', 'SHDGoc'], path)),
    date: reader.textOf(block, ['NLHDCLQuan', 'NLHDGoc'], path),
    note: reader.textOf(block, ['GChu', 'LDo'], path),
    listNumber: reader.text(block, 'SBKCLQuan', path),
    listDate: reader.text(block, 'NBKCLQuan', path),
  };
}

function readVatRate(reader: TreeReader, parent: XmlElement | null, path: string): VatRate | null {
  const rate = parseVatRate(reader.text(parent, 'TSuat', path));
  if (rate?.kind === 'unknown') {
    reader.warnings.push(
      makeWarning('unknown-vat-rate', reader.invoiceKey, `${path}/TSuat`, { value: rate.code }),
    );
  }
  return rate;
}

function readLines(reader: TreeReader, ndhdon: XmlElement | null, currency: string | null): InvoiceLine[] {
  const list = reader.element(ndhdon, 'DSHHDVu', 'NDHDon');
  return reader.list(list, 'HHDVu').map((item, index) => {
    const path = `NDHDon/DSHHDVu/HHDVu[${index + 1}]`;
    const natureCode = readNature(reader, item, path);
    const amount = reader.decimal(item, 'ThTien', path);
    const vatRate = lineVatRate(natureCode, readVatRate(reader, item, path));
    const extra = reader.extra(item, path);
    const adjustment = reader.text(item, 'TCDChinh', path);
    const name = reader.textOf(item, ['THHDVu', 'Ten'], path);
    return {
      index,
      lineNo: reader.integer(item, 'STT', path),
      natureCode,
      nature: natureCode === null ? null : LINE_NATURES[natureCode],
      code: reader.textOf(item, ['MHHDVu', 'MHHoa'], path),
      name,
      unit: reader.text(item, 'DVTinh', path),
      quantity: reader.decimal(item, 'SLuong', path),
      unitPrice: reader.decimal(item, 'DGia', path),
      discountRate: reader.decimal(item, 'TLCKhau', path),
      discountAmount: reader.decimal(item, 'STCKhau', path),
      amount,
      vatRate,
      ...resolveLineVat(reader.decimal(item, 'TThue', path), extra, amount, vatRate, currency),
      promotion: promotionOf(natureCode, amount, name),
      adjustment: adjustment === '1' ? 'increase' : adjustment === '2' ? 'decrease' : null,
      extra,
    };
  });
}

function readNature(reader: TreeReader, item: XmlElement, path: string): LineNatureCode | null {
  const text = reader.text(item, 'TChat', path);
  if (text === null) return null;
  const code = Number(text);
  if (/^[1-5]$/.test(text)) return code as LineNatureCode;
  reader.warnings.push(
    makeWarning('unknown-line-nature', reader.invoiceKey, `${path}/TChat`, { value: text }),
  );
  return null;
}

function readTotals(reader: TreeReader, ttoan: XmlElement | null): InvoiceTotals {
  const path = 'NDHDon/TToan';
  const byRate: RateSummary[] = reader
    .list(reader.element(ttoan, 'THTTLTSuat', path), 'LTSuat')
    .map((entry, i) => {
      const entryPath = `${path}/THTTLTSuat/LTSuat[${i + 1}]`;
      return {
        vatRate: readVatRate(reader, entry, entryPath),
        amount: reader.decimal(entry, 'ThTien', entryPath),
        vatAmount: reader.decimal(entry, 'TThue', entryPath),
      };
    });
  const fees: Fee[] = reader.list(reader.element(ttoan, 'DSLPhi', path), 'LPhi').map((entry, i) => ({
    name: reader.text(entry, 'TLPhi', `${path}/DSLPhi/LPhi[${i + 1}]`),
    amount: reader.decimal(entry, 'TPhi', `${path}/DSLPhi/LPhi[${i + 1}]`),
  }));
  return {
    totalBeforeTax: reader.decimal(ttoan, 'TgTCThue', path),
    totalTax: reader.decimal(ttoan, 'TgTThue', path),
    tradeDiscount: reader.decimal(ttoan, 'TTCKTMai', path),
    otherAmount: reader.decimal(ttoan, 'TGTKhac', path),
    fees,
    totalPayable: reader.decimal(ttoan, 'TgTTTBSo', path),
    totalPayableInWords: reader.text(ttoan, 'TgTTTBChu', path),
    byRate,
  };
}
