/**
 * A Circular 78 (`HDon/DLHDon/...`, PBan 2.1.0) XML for a simulated invoice, and the export ZIP the
 * portal serves (invoice.xml + an HTML rendering + details.js, sometimes inside a sub-folder).
 */
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { strToU8, zipSync } from 'fflate';
import type { SimExtra, SimInvoice, SimLine, SimParty } from './invoice-model.js';
import type { SimSignature } from './variety.js';

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

function element(name: string, value: string | number | null | undefined): string {
  return value === null || value === undefined
    ? `<${name}/>`
    : `<${name}>${escapeXml(String(value))}</${name}>`;
}

function lineXml(line: SimLine): string {
  if (line.tchat === 4) {
    // A note line: its text only.
    return `<HHDVu>${element('TChat', 4)}${element('STT', line.stt)}${element('THHDVu', line.name)}</HHDVu>`;
  }
  return [
    '<HHDVu>',
    element('TChat', line.tchat),
    element('STT', line.stt),
    element('MHHDVu', line.code),
    element('THHDVu', line.name),
    element('DVTinh', line.unit),
    element('SLuong', line.quantity?.toFixed()),
    element('DGia', line.unitPrice?.toFixed()),
    ...(line.discountAmount
      ? [element('TLCKhau', line.discountRate?.toFixed()), element('STCKhau', line.discountAmount.toFixed())]
      : []),
    element('ThTien', line.amount.toFixed()),
    element('TSuat', line.rate),
    '<TTKhac>',
    ...line.extra.map(
      (e) =>
        `<TTin>${element('TTruong', e.ttruong)}${element('KDLieu', e.kdlieu)}${element('DLieu', e.dlieu)}</TTin>`,
    ),
    '</TTKhac>',
    '</HHDVu>',
  ].join('');
}

const base64Of = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');

/**
 * An XML-DSig-shaped signature (`SignedInfo`, `Reference URI="#<id>"` with a SHA-256 digest of the
 * signed text, `SignatureValue`, `X509Data`, `SigningTime`). Not a valid signature: the simulator has no
 * certificate; parsers must not depend on verifying it.
 */
function signatureXml(id: string, referenceId: string, signedText: string, signature: SimSignature): string {
  const digest = createHash('sha256').update(signedText).digest('base64');
  const value = createHash('sha512').update(`${id}|${digest}`).digest('hex');
  return [
    `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="${id}">`,
    '<SignedInfo>',
    '<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>',
    '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>',
    `<Reference URI="#${escapeXml(referenceId)}">`,
    '<Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>',
    '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>',
    `<DigestValue>${digest}</DigestValue>`,
    '</Reference>',
    '</SignedInfo>',
    `<SignatureValue>${base64Of(value + value)}</SignatureValue>`,
    '<KeyInfo><X509Data>',
    element('X509SubjectName', signature.json.Subject),
    `<X509Certificate>${signature.der}</X509Certificate>`,
    '</X509Data></KeyInfo>',
    `<Object Id="SigningTime-${id}"><SignatureProperties xmlns=""><SignatureProperty Target="#${id}">`,
    element('SigningTime', signature.json.SigningTime),
    '</SignatureProperty></SignatureProperties></Object>',
    '</Signature>',
  ].join('');
}

/** A party: name, tax code, address, then the optional contacts it has (absent ones are left out). */
function partyXml(tag: 'NBan' | 'NMua', party: SimParty, optional: [string, string | null][]): string {
  const contacts = optional
    .filter(([, value]) => value !== null)
    .map(([name, value]) => element(name, value));
  return `<${tag}>${element('Ten', party.name)}${element('MST', party.taxCode)}${element('DChi', party.address)}${contacts.join('')}</${tag}>`;
}

function otherInfo(extras: SimExtra[]): string {
  if (extras.length === 0) return '';
  return `<TTKhac>${extras
    .map(
      (e) =>
        `<TTin>${element('TTruong', e.ttruong)}${element('KDLieu', e.kdlieu)}${element('DLieu', e.dlieu)}</TTin>`,
    )
    .join('')}</TTKhac>`;
}

export function invoiceXml(invoice: SimInvoice): string {
  const relation = invoice.relation;
  const v = invoice.variety;
  const related = relation
    ? [
        '<TTHDLQuan>',
        element('TCHDon', relation.kind === 'replacement' ? 1 : 2),
        element('LHDCLQuan', 1),
        element('KHMSHDCLQuan', relation.original.khmshdon),
        element('KHHDCLQuan', relation.original.khhdon),
        element(
          'SHDCLQuan',
          v.xml.numberPadded ? String(relation.original.shdon).padStart(8, '0') : relation.original.shdon,
        ),
        element('NLHDCLQuan', relation.originalIssueDate),
        '</TTHDLQuan>',
      ].join('')
    : '';
  const data = [
    `<DLHDon Id="${escapeXml(v.xml.dataId)}">`,
    '<TTChung>',
    otherInfo(v.extras.ttkhac),
    element('PBan', '2.1.0'),
    element('THDon', v.title),
    element('KHMSHDon', invoice.khmshdon),
    element('KHHDon', invoice.khhdon),
    element('SHDon', v.xml.numberPadded ? String(invoice.shdon).padStart(8, '0') : invoice.shdon),
    element('NLap', invoice.issueDate),
    element('HDCTTChinh', 0),
    element('DVTTe', invoice.currency),
    element('TGia', (invoice.exchangeRate ?? new Decimal(1)).toFixed()),
    element('HTTToan', v.paymentMethod.text),
    element('MSTTCGP', v.provider.taxCode),
    related,
    '</TTChung>',
    '<NDHDon>',
    partyXml('NBan', invoice.seller, [
      ['SDThoai', v.sellerContact.phone],
      ['DCTDTu', v.sellerContact.email],
      ['Fax', v.sellerContact.fax],
      ['Website', v.sellerContact.website],
    ]),
    partyXml('NMua', invoice.buyer, [
      ['MKHang', v.buyerContact.customerCode || null],
      ['DCTDTu', v.buyerContact.email],
      ['SDThoai', v.buyerContact.phone],
      ['HVTNMHang', v.buyerContact.person],
    ]),
    '<DSHHDVu>',
    ...invoice.lines.map(lineXml),
    '</DSHHDVu>',
    '<TToan>',
    '<THTTLTSuat>',
    ...invoice.rateSummary.map(
      (r) =>
        `<LTSuat>${element('TSuat', r.rate)}${element('ThTien', r.amount.toFixed())}${element('TThue', r.tax.toFixed())}</LTSuat>`,
    ),
    '</THTTLTSuat>',
    element('TgTCThue', invoice.totalBeforeTax.toFixed()),
    element('TgTThue', invoice.totalTax.toFixed()),
    ...(v.tradeDiscount ? [element('TTCKTMai', v.tradeDiscount.toFixed())] : []),
    element('TgTTTBSo', invoice.totalPayable.toFixed()),
    element('TgTTTBChu', v.amountInWords),
    '</TToan>',
    '</NDHDon>',
    '</DLHDon>',
  ]
    .filter((part) => part !== '')
    .join('\n');
  const code = invoice.mhdon
    ? v.xml.codeId
      ? `<MCCQT Id="${v.xml.codeId}">${escapeXml(invoice.mhdon)}</MCCQT>`
      : `<MCCQT>${escapeXml(invoice.mhdon)}</MCCQT>`
    : '';
  const sellerSignature = signatureXml(
    `seller-${invoice.id.slice(0, 8)}`,
    v.xml.dataId,
    data,
    v.sellerSignature,
  );
  const authoritySignature =
    invoice.mhdon && v.authoritySignature
      ? `<CQT>${signatureXml(`CQT-${invoice.id.slice(0, 8)}`, v.xml.codeId ?? v.xml.dataId, code, v.authoritySignature)}</CQT>`
      : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<HDon>',
    data,
    code,
    `<DSCKS><NBan>${sellerSignature}</NBan><NMua/>${authoritySignature}<CCKSKhac/></DSCKS>`,
    '</HDon>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** Fixed timestamps keep the archive byte-identical for the same invoice. */
const ZIP_MTIME = new Date('2026-01-01T00:00:00Z');

export function exportZip(invoice: SimInvoice): Uint8Array {
  const folder = invoice.zipInSubfolder ? `${invoice.khhdon}_${invoice.shdon}/` : '';
  const title = `${invoice.khhdon} ${invoice.shdon}`;
  return zipSync(
    {
      [`${folder}invoice.html`]: strToU8(`<html><body><h1>Hóa đơn ${escapeXml(title)}</h1></body></html>`),
      [`${folder}details.js`]: strToU8(`var invoiceId = ${JSON.stringify(invoice.id)};`),
      [`${folder}invoice.xml`]: strToU8(invoiceXml(invoice)),
    },
    { mtime: ZIP_MTIME },
  );
}

/** A truncated, scrambled archive: what a broken export looks like on the wire. */
export function corruptZip(invoice: SimInvoice): Uint8Array {
  const good = exportZip(invoice);
  const broken = good.slice(0, Math.max(30, Math.floor(good.length / 3)));
  for (let i = 10; i < broken.length; i += 7) broken[i] = broken[i]! ^ 0x5a;
  return broken;
}
