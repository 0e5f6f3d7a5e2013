import { describe, expect, it } from 'vitest';
import { readEinvoiceFixture } from '../fixtures/index.js';
import { buildInvoiceDetail } from './detail-builder.js';
import { XmlParseError, XmlRefusedError, describeEInvoiceError } from './errors.js';
import { normaliseDetail } from './normalise-detail.js';
import { parseInvoiceXml } from './parse-invoice.js';
import { describeWarning } from './warnings.js';
import { MAX_ERROR_DETAIL } from './xml-tree.js';
import { buildInvoiceXml, type InvoiceSpec } from './xml-builder.js';

const realXml = readEinvoiceFixture('real-vnpt-k25tek.xml');
const spec: InvoiceSpec = {
  nbmst: '0312345678',
  khmshdon: 1,
  khhdon: 'C25TAA',
  shdon: 7,
  issueDate: '2025-10-01',
  lines: [
    { name: 'Dịch vụ tư vấn', amount: '1000000', rate: '10%' },
    { name: 'Phần mềm', amount: '2000000', rate: '8%' },
  ],
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('a total tax that disagrees with the line VATs', () => {
  it('is reported when there is no per-rate summary (THTTLTSuat)', () => {
    const xml = buildInvoiceXml({ ...spec, totals: { tax: '999999', payable: '3999999' } }).replace(
      /<THTTLTSuat>.*<\/THTTLTSuat>/,
      '',
    );
    const { warnings } = parseInvoiceXml(xml);
    expect(warnings.map((w) => w.code)).toEqual(['lines-tax-mismatch']);
    expect(warnings[0]!.field).toBe('TToan/TgTThue');
    expect(warnings[0]!.params).toMatchObject({ linesTotal: '260000', total: '999999' });
  });

  it('is quiet when the lines agree, summary or not', () => {
    const xml = buildInvoiceXml(spec).replace(/<THTTLTSuat>.*<\/THTTLTSuat>/, '');
    expect(parseInvoiceXml(xml).warnings).toEqual([]);
  });

  it('is reported from portal JSON without thttltsuat too', () => {
    const detail = { ...buildInvoiceDetail(spec), thttltsuat: [], tgtthue: 5, tgtttbso: 3000005 };
    const codes = normaliseDetail(detail).warnings.map((w) => w.code);
    expect(codes).toEqual(['lines-tax-mismatch']);
  });
});

describe('an incomplete document', () => {
  it('names each missing part', () => {
    const xml = buildInvoiceXml({ ...spec, omit: ['lines', 'totals', 'currency', 'seller'] });
    const { warnings } = parseInvoiceXml(xml, { invoiceKey: spec });
    const incomplete = warnings.filter((w) => w.code === 'incomplete');
    expect(incomplete.map((w) => w.field)).toEqual([
      'NDHDon/DSHHDVu',
      'NDHDon/TToan',
      'NDHDon/TToan/TgTTTBSo',
      'TTChung/DVTTe',
      'NDHDon/NBan',
    ]);
    expect(incomplete[0]!.message).toBe(
      'Invoice 0312345678/1/C25TAA/7: incomplete: the goods and service lines (NDHDon/DSHHDVu) is missing',
    );
    expect(describeWarning(incomplete[3]!, 'vi')).toContain('thiếu đơn vị tiền tệ (TTChung/DVTTe)');
  });

  it('names only the payable total when that is all that is missing', () => {
    const { warnings } = parseInvoiceXml(buildInvoiceXml({ ...spec, omit: ['payable'] }));
    expect(warnings.map((w) => [w.code, w.field])).toEqual([['incomplete', 'NDHDon/TToan/TgTTTBSo']]);
  });

  it('makes portal details incomplete (not synced) too', () => {
    const result = normaliseDetail(buildInvoiceDetail({ ...spec, omit: ['payable', 'currency'] }));
    expect(result.complete).toBe(false);
    expect(result.warnings.filter((w) => w.code === 'incomplete').map((w) => w.field)).toEqual([
      'tgtttbso',
      'dvtte',
    ]);
  });
});

describe('numbers that are not finite decimals of bounded size are refused', () => {
  for (const value of ['1E9999999999999999', '1e22', '-1E400', '0.00000000001', '9'.repeat(70), 'NaN']) {
    it(`refuses ${value.slice(0, 24)} in XML and JSON, never storing Infinity`, () => {
      const xml = buildInvoiceXml(spec).replace('<ThTien>1000000</ThTien>', `<ThTien>${value}</ThTien>`);
      const { invoice, warnings } = parseInvoiceXml(xml);
      expect(invoice.lines[0]!.amount).toBeNull();
      expect(warnings.map((w) => [w.code, w.field])).toContainEqual([
        'invalid-number',
        'NDHDon/DSHHDVu/HHDVu[1]/ThTien',
      ]);
      const detail = buildInvoiceDetail(spec);
      (detail['hdhhdvu'] as Record<string, unknown>[])[0]!['thtien'] = { source: value };
      const normalised = normaliseDetail(detail);
      expect(normalised.lines[0]!.amount).toBeNull();
      expect(normalised.complete).toBe(false);
    });
  }

  it('still reads the largest amounts the standard allows', () => {
    const big = '999999999999999999999.123456';
    const xml = buildInvoiceXml({ ...spec, lines: [{ name: 'x', amount: big, rate: 'KCT' }] });
    expect(parseInvoiceXml(xml).invoice.lines[0]!.amount!.toFixed()).toBe(big);
  });
});

describe('truncated and malformed XML', () => {
  it('refuses every truncation of a real invoice with a line and column inside the text', () => {
    const whole = realXml.trimEnd();
    for (let end = 0; end < whole.length; end++) {
      const prefix = whole.slice(0, end);
      const error = thrown(() => parseInvoiceXml(prefix, { invoiceKey: 'K/1/S/1' }));
      expect(error, `prefix of ${end} characters`).toBeInstanceOf(XmlParseError);
      const { line, column } = error as XmlParseError;
      const lines = prefix.split('\n');
      expect(line, `prefix of ${end}`).not.toBeNull();
      expect(line!).toBeLessThanOrEqual(lines.length);
      expect(column!).toBeGreaterThanOrEqual(1);
      expect(column!).toBeLessThanOrEqual((lines[line! - 1] ?? '').length + 1);
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });

  it('puts a truncation at its real place, not at line 1, column 1', () => {
    const cut = realXml.slice(0, realXml.indexOf('</TToan>'));
    const error = thrown(() => parseInvoiceXml(cut)) as XmlParseError;
    expect(error.line).toBe(cut.split('\n').length);
    expect(error.message).toMatch(/malformed XML at line \d+, column \d+: unclosed tag/);
    expect(error.message).not.toContain('[');
  });

  it('keeps the message short for 600,000 unclosed tags', () => {
    const error = thrown(() => parseInvoiceXml(`<HDon>${'<a>'.repeat(600_000)}`)) as XmlParseError;
    expect(error).toBeInstanceOf(XmlParseError);
    expect(error.message.length).toBeLessThan(200 + MAX_ERROR_DETAIL);
    expect(error.line).toBe(1);
  });

  it('says so for empty input, in English and Vietnamese', () => {
    for (const empty of ['', '  \n ', '\ufeff']) {
      const error = thrown(() => parseInvoiceXml(empty, { invoiceKey: 'K/1/S/1' })) as XmlParseError;
      expect(error.message).toBe('Invoice K/1/S/1: the XML is empty');
      expect(describeEInvoiceError(error, 'vi')).toBe('Hóa đơn K/1/S/1: XML rỗng');
    }
  });

  it('reads a CDATA section quoting <!DOCTYPE as text, and still refuses a real one', () => {
    const xml = buildInvoiceXml(spec).replace(
      '<THHDVu>Dịch vụ tư vấn</THHDVu>',
      '<THHDVu><![CDATA[Mẫu <!DOCTYPE html> & <b>]]></THHDVu>',
    );
    expect(parseInvoiceXml(xml).invoice.lines[0]!.name).toBe('Mẫu <!DOCTYPE html> & <b>');
    const declared = xml.replace('<HDon>', '<!DOCTYPE HDon><HDon>');
    expect((thrown(() => parseInvoiceXml(declared)) as XmlRefusedError).reason).toBe('doctype');
  });

  it('refuses a second root element with its position', () => {
    const error = thrown(() => parseInvoiceXml(`${realXml}<HDon/>`)) as XmlParseError;
    expect(error.messageKey).toBe('parse.malformed');
    expect(error.line).toBe(realXml.split('\n').length);
    expect(error.message).toContain('only one root');
  });
});

describe('note and promotional lines', () => {
  it('a note line carries no VAT rate, from XML or from tsuat 0.0 in JSON', () => {
    const notes: InvoiceSpec = {
      ...spec,
      lines: [...spec.lines, { nature: 4, name: 'Ghi chú', rate: '0%' }],
    };
    expect(parseInvoiceXml(buildInvoiceXml(notes)).invoice.lines[2]).toMatchObject({
      nature: 'note',
      vatRate: null,
      vatAmount: null,
    });
    const detail = buildInvoiceDetail(notes);
    const note = (detail['hdhhdvu'] as Record<string, unknown>[])[2]!;
    expect(note).toMatchObject({ tchat: 4, tsuat: 0, ltsuat: null });
    expect(normaliseDetail(detail).lines[2]!.vatRate).toBeNull();
  });

  it('labels declared promotions and free-of-charge promotional lines', () => {
    const promo: InvoiceSpec = {
      ...spec,
      lines: [
        { nature: 2, name: 'Tặng kèm bình nước', amount: '0', rate: '10%' },
        {
          nature: 1,
          name: 'Phí thuê (Miễn tiền thuê theo Chương trình khuyến mại)',
          amount: '0',
          rate: '10%',
        },
        { nature: 1, name: 'Phí thuê tháng 10', amount: '0', rate: '10%' },
      ],
    };
    const lines = parseInvoiceXml(buildInvoiceXml(promo)).invoice.lines;
    expect(lines.map((l) => l.promotion)).toEqual(['declared', 'free-of-charge', null]);
  });
});

describe('portal numbers in every form the project meets', () => {
  it('reads float literals kept as JSON.rawJSON (the simulator) and lossless { source } wrappers', () => {
    const detail = buildInvoiceDetail(spec);
    detail['tgtttbso'] = { rawJSON: '3260000.0' };
    detail['tgtthue'] = { source: '2.6E5' };
    const { invoice, warnings } = normaliseDetail(detail);
    expect(warnings).toEqual([]);
    expect(invoice.totals.totalPayable?.toString()).toBe('3260000');
    expect(invoice.totals.totalTax?.toString()).toBe('260000');
  });
});

describe('the DOCTYPE search outside CDATA stays linear', () => {
  it('answers quickly for many unclosed CDATA sections before a DOCTYPE', () => {
    const hostile = `<HDon>${'<![CDATA[x'.repeat(200_000)}<!DOCTYPE x>`;
    const error = thrown(() => parseInvoiceXml(hostile));
    // Inside an unclosed CDATA section nothing is a declaration: it is malformed XML, with a position.
    expect(error).toBeInstanceOf(XmlParseError);
    const quoted = `<HDon><!-- <!DOCTYPE x> --><![CDATA[<!ENTITY y "z">]]></HDon>`;
    // Quoted in a comment and a CDATA section: read (as an empty, incomplete invoice), not refused.
    expect(parseInvoiceXml(quoted).warnings.map((w) => w.code)).toContain('incomplete');
  });
});
