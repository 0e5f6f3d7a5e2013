import { describe, expect, it } from 'vitest';
import { XmlParseError, XmlRefusedError, describeEInvoiceError } from './errors.js';
import { parseInvoiceXml } from './parse-invoice.js';
import { buildInvoiceXml } from './xml-builder.js';

const key = { nbmst: '0312345678', khmshdon: 1, khhdon: 'C25TAA', shdon: 7 };
const valid = buildInvoiceXml({
  ...key,
  issueDate: '2025-10-01',
  lines: [{ name: 'Hàng', amount: '1000', rate: '10%' }],
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('hostile XML is refused before it is expanded', () => {
  it('refuses a billion-laughs DOCTYPE', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><HDon>&lol2;</HDon>`;
    const error = thrown(() => parseInvoiceXml(laughs, { invoiceKey: key }));
    expect(error).toBeInstanceOf(XmlRefusedError);
    expect((error as XmlRefusedError).reason).toBe('doctype');
    expect((error as Error).message).toContain('0312345678/1/C25TAA/7');
  });

  it('refuses an external entity (XXE) and a stray ENTITY declaration', () => {
    const xxe = `<!DOCTYPE HDon [<!ENTITY x SYSTEM "file:///etc/passwd">]><HDon>&x;</HDon>`;
    expect((thrown(() => parseInvoiceXml(xxe)) as XmlRefusedError).reason).toBe('doctype');
    const stray = valid.replace('<HDon>', '<HDon><!ENTITY x "y">');
    expect((thrown(() => parseInvoiceXml(stray)) as XmlRefusedError).reason).toBe('entity');
  });

  it('refuses input over maxBytes, counting UTF-8 bytes', () => {
    const bytes = new TextEncoder().encode(valid).length;
    expect(() => parseInvoiceXml(valid, { maxBytes: bytes })).not.toThrow();
    const error = thrown(() => parseInvoiceXml(valid, { maxBytes: bytes - 1 })) as XmlRefusedError;
    expect(error.reason).toBe('too-large');
    expect(error.params).toMatchObject({ size: bytes, limit: bytes - 1 });
  });

  it('refuses nesting deeper than maxDepth', () => {
    const deep = `<HDon>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</HDon>`;
    expect((thrown(() => parseInvoiceXml(deep)) as XmlRefusedError).reason).toBe('too-deep');
    expect((thrown(() => parseInvoiceXml(valid, { maxDepth: 4 })) as XmlRefusedError).reason).toBe(
      'too-deep',
    );
  });
});

describe('malformed XML is an XmlParseError naming the place and the invoice', () => {
  it('reports a truncated document (a broken ZIP) instead of parsing what is there', () => {
    const error = thrown(() =>
      parseInvoiceXml(valid.slice(0, valid.indexOf('<TToan>')), { invoiceKey: key }),
    );
    expect(error).toBeInstanceOf(XmlParseError);
    expect((error as Error).message).toContain('0312345678/1/C25TAA/7');
  });

  it('gives line and column of a mismatched closing tag', () => {
    const broken = '<HDon>\n  <DLHDon>\n    <TTChung></TTchung>\n  </DLHDon>\n</HDon>';
    const error = thrown(() => parseInvoiceXml(broken, { invoiceKey: 'K/1/S/1' })) as XmlParseError;
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(10);
    expect(error.message).toMatch(/^Invoice K\/1\/S\/1: malformed XML at line 3, column \d+/);
    expect(describeEInvoiceError(error, 'vi')).toMatch(/^Hóa đơn K\/1\/S\/1: XML sai cú pháp tại dòng 3/);
  });

  it('rejects the portal firewall page and well-formed non-invoices', () => {
    const firewall = '<html><head><title>Request Rejected</title></head><body>Rejected<br></body></html>';
    expect(thrown(() => parseInvoiceXml(firewall))).toBeInstanceOf(XmlParseError);
    const other = thrown(() =>
      parseInvoiceXml('<html><body>Request Rejected</body></html>'),
    ) as XmlParseError;
    expect(other.messageKey).toBe('parse.notAnInvoice');
    expect(other.message).toContain('root is html');
  });

  it('rejects an envelope carrying two invoices rather than picking one', () => {
    const body = valid.replace(/^<\?xml[^>]*>\n/, '');
    const two = `<TDiep><TTChung/><DLieu>${body}${body}</DLieu></TDiep>`;
    expect((thrown(() => parseInvoiceXml(two)) as XmlParseError).messageKey).toBe('parse.severalInvoices');
  });

  it('decodes character references in names (Vietnamese letters escaped by some vendors)', () => {
    const escaped = valid.replace(
      '<THHDVu>Hàng</THHDVu>',
      '<THHDVu>Ph&#237; qu&#x1EA3;n l&#253; &amp; b&#7843;o tr&#236;</THHDVu>',
    );
    expect(parseInvoiceXml(escaped).invoice.lines[0]!.name).toBe('Phí quản lý & bảo trì');
  });

  it('accepts a byte-order mark and namespace prefixes', () => {
    const prefixed = valid
      .replace(/<(\/?)(HDon|DLHDon)([ >])/g, '<$1inv:$2$3')
      .replace('<inv:HDon>', '<inv:HDon xmlns:inv="urn:x">');
    const { invoice } = parseInvoiceXml(`\ufeff${prefixed}`);
    expect(invoice.key).toEqual(key);
  });
});
