import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { extractInvoiceXml } from './archive.js';
import { PortalError } from './errors.js';

const context = { endpoint: 'query/invoices/export-xml', invoiceKey: '0102671977/1/K25TEK/5082' };

describe('extractInvoiceXml', () => {
  it('finds invoice.xml in a sub-folder and prefers it over other .xml files', () => {
    const zip = zipSync({
      'a/other.xml': strToU8('<Other/>'),
      'a/b/invoice.xml': strToU8('\uFEFF<HDon>hóa đơn</HDon>'),
      'a/invoice.html': strToU8('<html/>'),
    });
    expect(extractInvoiceXml(zip, context)).toBe('<HDon>hóa đơn</HDon>');
  });

  it('takes any .xml when invoice.xml is absent', () => {
    expect(extractInvoiceXml(zipSync({ 'x/HD_5082.XML': strToU8('<HDon/>') }), context)).toBe('<HDon/>');
  });

  it('a corrupt archive or one without XML is transient and names the invoice', () => {
    for (const zip of [
      strToU8('<html>Request Rejected</html>'),
      zipSync({ 'details.js': strToU8('var a;') }),
    ]) {
      let error: unknown;
      try {
        extractInvoiceXml(zip, context);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PortalError);
      expect((error as PortalError).kind).toBe('transient');
      expect((error as PortalError).message).toContain('0102671977/1/K25TEK/5082');
    }
  });

  it('refuses an archive whose XML entries together inflate past the limit, before inflating them', () => {
    const zip = zipSync({
      'a.xml': strToU8('<HDon>' + 'x'.repeat(600) + '</HDon>'),
      'b.xml': strToU8('<HDon>' + 'y'.repeat(600) + '</HDon>'),
      'big.pdf': strToU8('z'.repeat(5000)),
    });
    expect(() => extractInvoiceXml(zip, context, 1000)).toThrow(/inflates to more than 1000 bytes/);
    // One XML under the limit beside a large non-XML file is fine: only the XML is inflated.
    const one = zipSync({ 'a.xml': strToU8('<HDon/>'), 'big.pdf': strToU8('z'.repeat(5000)) });
    expect(extractInvoiceXml(one, context, 1000)).toBe('<HDon/>');
  });
});
