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
});
