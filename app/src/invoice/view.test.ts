/** The invoice as the page and the printable invoice show it, from a real provider XML and its detail JSON. */
import { describe, expect, it } from 'vitest';
import { readEinvoiceFixture } from '#einvoice/fixtures';
import { parseInvoiceXml } from '#einvoice';
import type { WorkspaceInvoice } from '#workflows/store';
import { printableInvoice } from '../views/print.js';
import { invoiceView } from './view.js';

const xml = readEinvoiceFixture('bkav-c25tbk.xml');
const parsed = parseInvoiceXml(xml).invoice;
const key = parsed.key!;

const stored: WorkspaceInvoice = {
  ...key,
  taxCode: key.nbmst,
  direction: 'sold',
  family: 'query',
  portalId: 'p1',
  issueDate: parsed.header.issueDate!,
  tthai: 1,
  sellerName: parsed.seller.name,
  buyerTaxCode: parsed.buyer.taxCode,
  buyerName: parsed.buyer.name,
  totalBeforeTax: parsed.totals.totalBeforeTax?.toFixed() ?? null,
  totalTax: parsed.totals.totalTax?.toFixed() ?? null,
  totalPayable: parsed.totals.totalPayable?.toFixed() ?? null,
  currency: 'VND',
  hsgoc: null,
  details: { status: 'synced', attempts: 1, lastError: null, lastTriedAt: null, nextCheckAt: null },
  xml: { status: 'synced', attempts: 1, lastError: null, lastTriedAt: null, nextCheckAt: null },
  labels: [],
  declarationPeriod: null,
  warnings: [],
  hiddenWarnings: [],
  visibleWarnings: 0,
  rawHeader: {},
};

describe('invoiceView', () => {
  it('reads the XML: parties, lines, totals, the CQT code and the seller signature', () => {
    const view = invoiceView({ invoice: stored, xml, detail: null });
    expect(view.source).toBe('xml');
    expect(view.seller.taxCode).toBe(key.nbmst);
    expect(view.lines.length).toBeGreaterThan(0);
    expect(view.totalPayable?.toFixed()).toBe(stored.totalPayable);
    expect(view.authorityCode).toBe(parsed.authorityCode);
    expect(view.sellerSignature.present).toBe(parsed.signatures.seller !== null);
    const printed = printableInvoice(view).text;
    expect(printed).toContain(String(key.shdon).padStart(8, '0'));
    expect(printed).toContain('Số tiền viết bằng chữ');
    expect(printed).toContain(key.khhdon);
  });

  it('checks the XML signature: the stamp says valid only when it is, and invalid on a changed document', () => {
    const signed = readEinvoiceFixture('real-vnpt-k25tek-signed.xml');
    const signedKey = parseInvoiceXml(signed).invoice.key!;
    const invoice = { ...stored, ...signedKey, taxCode: signedKey.nbmst };
    const view = invoiceView({ invoice, xml: signed, detail: null });
    expect(view.sellerSignature).toMatchObject({ present: true, verification: 'valid' });
    expect(printableInvoice(view).text).toContain('Chữ ký hợp lệ');
    const changed = signed.replace('<ThTien>3447000</ThTien>', '<ThTien>3447001</ThTien>');
    expect(changed).not.toBe(signed);
    const tampered = invoiceView({ invoice, xml: changed, detail: null });
    expect(tampered.sellerSignature.verification).toBe('invalid');
    expect(printableInvoice(tampered).text).toContain('Chữ ký KHÔNG hợp lệ');
    expect(printableInvoice(tampered).text).not.toContain('Chữ ký hợp lệ');
  });

  it('carries the exchange rate of a foreign-currency invoice, from the XML and from the header row', () => {
    expect(invoiceView({ invoice: stored, xml, detail: null }).exchangeRate?.toFixed()).toBe(
      parsed.header.exchangeRate?.toFixed(),
    );
    const usd = { ...stored, currency: 'USD', rawHeader: { dvtte: 'USD', tgia: 26110.5 } };
    const view = invoiceView({ invoice: usd, xml: null, detail: null });
    expect(view.currency).toBe('USD');
    expect(view.exchangeRate?.toFixed()).toBe('26110.5');
  });

  it('falls back to the header when there is neither XML nor detail, with the amount in words computed', () => {
    const view = invoiceView({ invoice: stored, xml: null, detail: null });
    expect(view.source).toBe('header');
    expect(view.lines).toEqual([]);
    expect(view.totalPayable?.toFixed()).toBe(stored.totalPayable);
    expect(printableInvoice(view).text).toMatch(/Số tiền viết bằng chữ: <i>[A-ZĐÂ][^<]* đồng<\/i>/);
  });

  it('an unreadable XML falls back without throwing', () => {
    const view = invoiceView({ invoice: stored, xml: '<HDon><DLHDon>', detail: null });
    expect(view.source).toBe('header');
  });
});
