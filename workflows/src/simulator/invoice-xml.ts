/**
 * A Circular 78 (`HDon/DLHDon/...`, PBan 2.1.0) XML for a simulated invoice, and the export ZIP the
 * portal serves (invoice.xml + an HTML rendering + details.js, sometimes inside a sub-folder).
 */
import { strToU8, zipSync } from 'fflate';
import type { SimInvoice, SimLine } from './generator.js';

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
  return [
    '<HHDVu>',
    element('TChat', line.tchat),
    element('STT', line.stt),
    element('MHHDVu', line.code),
    element('THHDVu', line.name),
    element('DVTinh', line.unit),
    element('SLuong', line.quantity.toFixed()),
    element('DGia', line.unitPrice.toFixed()),
    element('ThTien', line.amount.toFixed()),
    element('TSuat', line.rate),
    '<TTKhac>',
    `<TTin>${element('TTruong', 'Amount')}${element('KDLieu', 'numeric')}${element('DLieu', line.amount.plus(line.tax).toFixed())}</TTin>`,
    `<TTin>${element('TTruong', 'VATAmount')}${element('KDLieu', 'numeric')}${element('DLieu', line.tax.toFixed())}</TTin>`,
    '</TTKhac>',
    '</HHDVu>',
  ].join('');
}

export function invoiceXml(invoice: SimInvoice): string {
  const relation = invoice.relation;
  const related = relation
    ? [
        '<TTHDLQuan>',
        element('TCHDon', relation.kind === 'replacement' ? 1 : 2),
        element('LHDCLQuan', 1),
        element('KHMSHDCLQuan', relation.original.khmshdon),
        element('KHHDCLQuan', relation.original.khhdon),
        element('SHDCLQuan', String(relation.original.shdon).padStart(8, '0')),
        element('NLHDCLQuan', relation.originalIssueDate),
        '</TTHDLQuan>',
      ].join('')
    : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<HDon>',
    '<DLHDon Id="DLHDon">',
    '<TTChung>',
    element('PBan', '2.1.0'),
    element('THDon', invoice.khmshdon === 2 ? 'Hóa đơn bán hàng' : 'Hóa đơn giá trị gia tăng'),
    element('KHMSHDon', invoice.khmshdon),
    element('KHHDon', invoice.khhdon),
    element('SHDon', String(invoice.shdon).padStart(8, '0')),
    element('NLap', invoice.issueDate),
    element('HDCTTChinh', 0),
    element('DVTTe', invoice.currency),
    element('TGia', 1),
    element('HTTToan', 'TM/CK'),
    element('MSTTCGP', '0100109106'),
    related,
    '</TTChung>',
    '<NDHDon>',
    `<NBan>${element('Ten', invoice.seller.name)}${element('MST', invoice.seller.taxCode)}${element('DChi', invoice.seller.address)}</NBan>`,
    `<NMua>${element('Ten', invoice.buyer.name)}${element('MST', invoice.buyer.taxCode)}${element('DChi', invoice.buyer.address)}</NMua>`,
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
    element('TgTTTBSo', invoice.totalPayable.toFixed()),
    element('TgTTTBChu', `${invoice.totalPayable.toFixed()} đồng`),
    '</TToan>',
    '</NDHDon>',
    '</DLHDon>',
    invoice.mhdon ? `<MCCQT Id="MCCQT">${escapeXml(invoice.mhdon)}</MCCQT>` : '',
    // A placeholder: the simulator does not sign; parsers must not depend on the signature's content.
    '<DSCKS><NBan><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignatureValue>U0lNVUxBVE9S</SignatureValue></Signature></NBan></DSCKS>',
    '</HDon>',
  ].join('\n');
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
