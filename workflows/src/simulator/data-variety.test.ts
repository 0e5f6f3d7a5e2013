/**
 * The data variety real portal data has, on by default: foreign currencies with their rate, `VNĐ`,
 * float literals, note lines, line discounts, full line `ttkhac`, signature JSON and the header fields
 * clients read, and XML with padded and unpadded numbers, several `DLHDon` ids, `DSCKS` and `MCCQT` forms.
 */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { generateInvoices } from './generator.js';
import { invoiceXml } from './invoice-xml.js';
import { detailJson, headerRow } from './portal-json.js';

const invoices = generateInvoices({
  seed: 'variety',
  taxCode: '0109744141',
  period: '2026-04',
  invoiceCount: 300,
});
const rows = invoices.map(headerRow);
const details = invoices.map((invoice) => detailJson(invoice, true));
const lines = details.flatMap((detail) => detail.hdhhdvu as Record<string, unknown>[]);

describe('JSON variety', () => {
  it('has VND, VNĐ and foreign currencies; foreign ones carry their rate and cents', () => {
    const currencies = new Set(rows.map((row) => row.dvtte));
    expect(currencies).toContain('VND');
    expect(currencies).toContain('VNĐ');
    const foreign = invoices.filter((i) => !['VND', 'VNĐ'].includes(i.currency));
    expect(foreign.length).toBeGreaterThan(5);
    for (const invoice of foreign) {
      expect(invoice.exchangeRate!.greaterThan(20_000)).toBe(true);
      expect(JSON.stringify(headerRow(invoice))).toMatch(/"tgia":[23]\d{4}\.0[,}]/);
    }
    expect(foreign.some((i) => !i.totalPayable.isInteger())).toBe(true);
  });

  it('writes amounts as float literals (289466.0), keys and counters as integers', () => {
    const text = JSON.stringify(rows[0]);
    expect(text).toMatch(/"tgtcthue":-?\d+\.\d+[,}]/);
    expect(text).toMatch(/"tgtttbso":-?\d+\.\d+[,}]/);
    expect(text).toMatch(/"shdon":\d+[,}]/);
    expect(text).toMatch(/"khmshdon":\d[,}]/);
    const lineText = JSON.stringify(lines.find((l) => l.tchat === 1 && l.thtien !== null));
    expect(lineText).toMatch(/"thtien":-?\d+\.\d+[,}]/);
    expect(lineText).toMatch(/"tsuat":(\d\.\d+|null)[,}]/);
  });

  it('has note lines (tchat 4, ltsuat null), line discounts and line ttkhac of up to 11 entries', () => {
    const notes = lines.filter((l) => l.tchat === 4);
    expect(notes.length).toBeGreaterThan(3);
    for (const note of notes) {
      expect([note.ltsuat, note.tsuat, note.thtien]).toEqual([null, null, null]);
      expect(typeof note.ten).toBe('string');
    }
    const discounted = lines.filter((l) => l.stckhau !== null);
    expect(discounted.length).toBeGreaterThan(3);
    for (const line of discounted) expect(line.tlckhau).not.toBeNull();
    const sizes = lines.map((l) => (l.ttkhac as unknown[]).length);
    expect(Math.max(...sizes)).toBe(11);
    expect(new Set(sizes).size).toBeGreaterThan(3);
  });

  it('fills the header fields clients read: provider, signatures, discounts, fees, received time, words', () => {
    const filled = (field: string) => rows.filter((row) => row[field] !== null && row[field] !== undefined);
    for (const field of [
      'msttcgp',
      'nbcks',
      'cqtcks',
      'ttcktmai',
      'tgtphi',
      'tlhdon',
      'ntnhan',
      'tgtttbchu',
    ]) {
      expect(filled(field).length, field).toBeGreaterThan(10);
    }
    expect(rows.some((row) => (row.thttlphi as unknown[]).length > 0)).toBe(true);
    expect(rows.some((row) => (row.ttttkhac as unknown[]).length > 0)).toBe(true);
    for (const row of filled('nbcks')) {
      expect(Object.keys(JSON.parse(row.nbcks as string))).toEqual([
        'Subject',
        'SerialNumber',
        'Issuer',
        'NotAfter',
        'NotBefore',
        'SigningTime',
      ]);
    }
    for (const row of filled('cqtcks')) expect(row.mhdon).not.toBeNull();
    // As in the real rows: the certificate's SigningTime is Vietnam local time of nky / ncma.
    const local = (instant: unknown) =>
      new Date(Date.parse(String(instant)) + 7 * 3600_000).toISOString().slice(0, 19);
    for (const row of filled('nbcks'))
      expect(JSON.parse(row.nbcks as string).SigningTime).toBe(local(row.nky));
    for (const row of filled('cqtcks'))
      expect(JSON.parse(row.cqtcks as string).SigningTime).toBe(local(row.ncma));
    expect(Object.keys(rows[0]!).length).toBeGreaterThanOrEqual(130);
  });

  it('reads the payable amount in Vietnamese words', () => {
    const invoice = invoices.find(
      (i) => i.currency.startsWith('VN') && i.totalPayable.greaterThan(1_000_000),
    )!;
    expect(headerRow(invoice).tgtttbchu).toMatch(/^[A-ZĐ][a-zà-ỹđ ]+ đồng( chẵn)?$/u);
  });
});

describe('XML variety', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (n) => n === 'HHDVu',
  });
  const docs = invoices.slice(0, 150).map((invoice) => ({ invoice, doc: parser.parse(invoiceXml(invoice)) }));

  it('numbers SHDon zero-padded in some files and not in others', () => {
    const numbers = docs.map(({ doc }) => String(doc.HDon.DLHDon.TTChung.SHDon));
    expect(numbers.some((n) => n.length === 8 && n.startsWith('0'))).toBe(true);
    expect(numbers.some((n) => !n.startsWith('0'))).toBe(true);
    for (const { invoice, doc } of docs) expect(Number(doc.HDon.DLHDon.TTChung.SHDon)).toBe(invoice.shdon);
  });

  it('uses DLHDon ids of several forms, each referenced by the seller signature', () => {
    const ids = new Set(docs.map(({ doc }) => doc.HDon.DLHDon['@_Id'] as string));
    expect(ids).toContain('DLHDon');
    expect(ids).toContain('DuLieuKy');
    expect([...ids].some((id) => /^[0-9a-f-]{36}$/i.test(id.replace(/^\w+-(?=[0-9a-f]{8}-)/i, '')))).toBe(
      true,
    );
    for (const { doc } of docs) {
      const signature = doc.HDon.DSCKS.NBan.Signature;
      const references = [signature.SignedInfo.Reference].flat() as Record<string, string>[];
      expect(references[0]!['@_URI']).toBe(`#${doc.HDon.DLHDon['@_Id']}`);
      expect(signature.SignatureValue).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(signature.KeyInfo.X509Data.X509Certificate).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
  });

  it('has an authority signature and MCCQT (with and without Id) exactly on invoices with a code', () => {
    const forms = new Set<string>();
    for (const { invoice, doc } of docs) {
      const mccqt = doc.HDon.MCCQT;
      expect(mccqt !== undefined).toBe(invoice.mhdon !== null);
      expect(doc.HDon.DSCKS.CQT?.Signature !== undefined).toBe(invoice.mhdon !== null);
      if (mccqt === undefined) continue;
      const text = typeof mccqt === 'string' ? mccqt : mccqt['#text'];
      expect(text).toBe(invoice.mhdon);
      forms.add(typeof mccqt === 'string' ? 'bare' : `Id=${mccqt['@_Id']}`);
    }
    expect(forms.size).toBeGreaterThanOrEqual(2);
    expect(
      new Set(docs.filter(({ invoice }) => invoice.mhdon).map(({ invoice }) => invoice.mhdon!.length)).size,
    ).toBeGreaterThan(1);
  });

  it('carries the currency, rate, discounts and note lines in the XML too', () => {
    const foreign = docs.find(({ invoice }) => invoice.currency === 'USD' || invoice.currency === 'EUR')!;
    expect(foreign.doc.HDon.DLHDon.TTChung.TGia).toBe(foreign.invoice.exchangeRate!.toFixed());
    const items = docs.flatMap(({ doc }) => doc.HDon.DLHDon.NDHDon.DSHHDVu.HHDVu as Record<string, string>[]);
    expect(items.some((item) => item.TChat === '4' && item.TSuat === undefined)).toBe(true);
    expect(items.some((item) => item.STCKhau !== undefined && item.STCKhau !== '')).toBe(true);
  });
});
