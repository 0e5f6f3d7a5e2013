import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareWithHeader } from './header-compare.js';
import { parseInvoiceXml } from './parse-invoice.js';
import { describeWarning } from './warnings.js';
import { buildInvoiceXml, type InvoiceSpec } from './xml-builder.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const realXml = fixture('real-vnpt-k25tek.xml');

const baseSpec: InvoiceSpec = {
  nbmst: '0312345678',
  khmshdon: 1,
  khhdon: 'C25TAA',
  shdon: 42,
  issueDate: '2025-10-01',
  buyerTaxCode: '0109744141',
  lines: [{ name: 'Dịch vụ tư vấn', quantity: '2', unitPrice: '1500000', amount: '3000000', rate: '8%' }],
};

describe('parseInvoiceXml on the real VNPT export (K25TEK, no MCCQT, TTKhac before PBan)', () => {
  const { invoice, warnings } = parseInvoiceXml(realXml);

  it('reads the key, header and parties by name', () => {
    expect(invoice.key).toEqual({ nbmst: '0102671977', khmshdon: 1, khhdon: 'K25TEK', shdon: 5082 });
    expect(invoice.header).toMatchObject({ version: '2.1.0', issueDate: '2025-09-22', currency: 'VND' });
    expect(invoice.header.extra['key']).toBe('PEC-911-1113-2025-1-001-K25TEK-00005082');
    expect(invoice.seller.name).toBe('Công ty cổ phần Vinhomes');
    expect(invoice.buyer).toMatchObject({ taxCode: '0109744141', customerCode: 'VCTISU1001368509' });
    expect(invoice.buyer.email).toBe('info@vietcordy.com');
    expect(invoice.hasAuthorityCode).toBe(false);
    expect(invoice.related).toBeNull();
    expect(invoice.envelope).toBeNull();
  });

  it('reads lines with empty elements as null and line VAT from TTKhac', () => {
    expect(invoice.lines).toHaveLength(2);
    const [free, fee] = invoice.lines;
    expect(free!.quantity).toBeNull();
    expect(free!.unitPrice).toBeNull();
    expect(free!.amount!.toString()).toBe('0');
    expect(fee!.amount!.toString()).toBe('3447000');
    expect(fee!.vatRate).toMatchObject({ kind: 'percent', code: '10%' });
    expect(fee!.vatRate!.rate!.toString()).toBe('0.1');
    expect(fee!.vatAmount!.toString()).toBe('344700');
    expect(fee!.vatAmountSource).toBe('ttkhac');
    expect(invoice.totals.totalPayable!.toString()).toBe('3791700');
    expect(invoice.totals.byRate[0]!.vatAmount!.toString()).toBe('344700');
  });

  it('finds it consistent, and consistent with its portal detail header', () => {
    expect(warnings).toEqual([]);
    const detail = JSON.parse(fixture('detail-vnpt.json')) as Record<string, unknown>;
    expect(compareWithHeader(invoice, detail)).toEqual([]);
  });

  it('agrees with its row in a portal list response', () => {
    const list = JSON.parse(fixture('list-item.json')) as { datas: Record<string, unknown>[] };
    const row = list.datas.find((r) => r['shdon'] === 5082)!;
    expect(compareWithHeader(invoice, row)).toEqual([]);
    const other = list.datas.find((r) => r['shdon'] === 5343)!;
    expect(compareWithHeader(invoice, other).map((w) => w.field)).toEqual([
      'shdon',
      'tgtcthue',
      'tgtthue',
      'tgtttbso',
    ]);
  });

  it('reports each header field that disagrees, with the key and both values', () => {
    const detail = JSON.parse(fixture('detail-vnpt.json')) as Record<string, unknown>;
    const found = compareWithHeader(invoice, { raw: { ...detail, khhdon: 'K25TEL', tgtttbso: 3791701.0 } });
    expect(found.map((w) => w.field)).toEqual(['khhdon', 'tgtttbso']);
    expect(found[1]!.message).toContain('0102671977/1/K25TEK/5082');
    expect(found[1]!.message).toContain('3791701');
    expect(describeWarning(found[0]!, 'vi')).toContain('Hóa đơn 0102671977/1/K25TEK/5082');
  });

  it('warns when the XML is not the invoice the caller asked for', () => {
    const asked = { nbmst: '0102671977', khmshdon: 1, khhdon: 'K25TEK', shdon: 5083 };
    const found = parseInvoiceXml(realXml, { invoiceKey: asked }).warnings;
    expect(found.map((w) => [w.code, w.field, w.params['xml']])).toEqual([
      ['header-mismatch', 'key', '0102671977/1/K25TEK/5082'],
    ]);
    expect(parseInvoiceXml(realXml, { invoiceKey: { ...asked, shdon: 5082 } }).warnings).toEqual([]);
  });

  it('is indifferent to element order', () => {
    const ttoan = realXml.match(/<TToan>[\s\S]*<\/TToan>/)![0];
    const nmua = realXml.match(/<NMua>[\s\S]*<\/NMua>/)![0];
    const reordered = realXml
      .replace(ttoan, '')
      .replace(nmua, '')
      .replace('<NBan>', `${ttoan}${nmua}<NBan>`)
      .replace('<KHHDon>K25TEK</KHHDon>', '')
      .replace('<PBan>', '<KHHDon>K25TEK</KHHDon><PBan>');
    expect(reordered).not.toBe(realXml);
    expect(parseInvoiceXml(reordered)).toEqual({ invoice, warnings });
  });
});

describe('parseInvoiceXml on generated invoices', () => {
  it('reads every TSuat form and computes missing line VAT from the rate', () => {
    const rates = ['0%', '5%', '8%', '10%', 'KCT', 'KKKNT', 'KHAC:5.26%'];
    const xml = buildInvoiceXml({
      ...baseSpec,
      lines: rates.map((rate) => ({ name: `Hàng ${rate}`, amount: '1000000', rate, vatIn: 'none' })),
    });
    const { invoice, warnings } = parseInvoiceXml(xml);
    expect(warnings).toEqual([]);
    expect(
      invoice.lines.map((l) => [l.vatRate!.kind, l.vatRate!.code, l.vatRate!.rate?.toString() ?? null]),
    ).toEqual([
      ['percent', '0%', '0'],
      ['percent', '5%', '0.05'],
      ['percent', '8%', '0.08'],
      ['percent', '10%', '0.1'],
      ['not-subject', 'KCT', null],
      ['not-declared', 'KKKNT', null],
      ['other', 'KHAC:5.26%', '0.0526'],
    ]);
    expect(invoice.lines.map((l) => l.vatAmount!.toString())).toEqual([
      '0',
      '50000',
      '80000',
      '100000',
      '0',
      '0',
      '52600',
    ]);
    expect(invoice.lines.every((l) => l.vatAmountSource === 'computed')).toBe(true);
    expect(invoice.totals.byRate).toHaveLength(7);
  });

  it('takes a TThue written on the line over everything else', () => {
    const xml = buildInvoiceXml({ ...baseSpec, lines: [{ ...baseSpec.lines[0]!, vatIn: 'line' }] });
    const line = parseInvoiceXml(xml).invoice.lines[0]!;
    expect(line.vatAmountSource).toBe('line');
    expect(line.vatAmount!.toString()).toBe('240000');
  });

  it('reads a negative adjustment with its related invoice (TCHDon 2) and keeps amounts exact', () => {
    const xml = buildInvoiceXml({
      ...baseSpec,
      related: {
        tchdon: 2,
        template: '1',
        series: 'C25TAA',
        number: '00000041',
        date: '2025-09-30',
        note: 'Giảm giá',
      },
      lines: [
        {
          name: 'Điều chỉnh giảm',
          quantity: '-1.5',
          unitPrice: '123456.789012',
          amount: '-185185.18',
          rate: '10%',
        },
      ],
      currency: 'USD',
    });
    const { invoice, warnings } = parseInvoiceXml(xml);
    expect(warnings).toEqual([]);
    expect(invoice.related).toMatchObject({
      kind: 'adjustment',
      tchdon: 2,
      series: 'C25TAA',
      number: '41',
    });
    expect(invoice.related!.relatedType).toBe(1);
    expect(invoice.lines[0]!.quantity!.toString()).toBe('-1.5');
    expect(invoice.lines[0]!.unitPrice!.toString()).toBe('123456.789012');
    expect(invoice.totals.totalTax!.toString()).toBe('-18518.52');
    expect(invoice.totals.totalPayable!.toString()).toBe('-203703.7');
  });

  it('reads a replacement (TCHDon 1) and the MCCQT code inside a TDiep envelope', () => {
    const xml = buildInvoiceXml({
      ...baseSpec,
      related: { tchdon: 1, series: 'C25TAA', number: '41' },
      authorityCode: '004EEA9F0208584F298B7FA838AE3CABEC',
      envelope: true,
      signature: true,
    });
    const { invoice, warnings } = parseInvoiceXml(xml);
    expect(warnings).toEqual([]);
    expect(invoice.related!.kind).toBe('replacement');
    expect(invoice.hasAuthorityCode).toBe(true);
    expect(invoice.authorityCode).toBe('004EEA9F0208584F298B7FA838AE3CABEC');
    expect(invoice.envelope).toMatchObject({ MLTDiep: '200' });
    expect(invoice.key!.shdon).toBe(42);
  });

  it('reads an adjustment that is a single note line with the money only in the rate summary', () => {
    const summary =
      '<THTTLTSuat><LTSuat><TSuat>8%</TSuat><ThTien>-1000000</ThTien><TThue>-80000</TThue></LTSuat></THTTLTSuat>';
    const xml = buildInvoiceXml({
      ...baseSpec,
      related: { tchdon: 2, number: '41' },
      lines: [{ nature: 4, name: 'Điều chỉnh giảm thành tiền của hóa đơn số 41' }],
      totals: { beforeTax: '-1000000', tax: '-80000', payable: '-1080000' },
    })
      .replace('<TToan>', `<TToan>${summary}`)
      .replace('<TChat>4</TChat>', '<TChat>4</TChat><TCDChinh>2</TCDChinh>');
    const { invoice, warnings } = parseInvoiceXml(xml);
    expect(warnings).toEqual([]);
    expect(invoice.lines[0]).toMatchObject({ nature: 'note', amount: null, adjustment: 'decrease' });
    expect(invoice.totals.byRate[0]!.amount!.toString()).toBe('-1000000');

    const wrongTax = xml.replace('<TThue>-80000</TThue>', '<TThue>-70000</TThue>');
    expect(parseInvoiceXml(wrongTax).warnings.map((w) => w.code)).toEqual(['tax-total-mismatch']);
  });

  it('maps TChat 1-5 and subtracts commercial discounts (TChat 3) from the goods total', () => {
    const xml = buildInvoiceXml({
      ...baseSpec,
      lines: [
        { nature: 1, name: 'Hàng', amount: '1000000', rate: '10%' },
        { nature: 2, name: 'Khuyến mại', amount: '0', rate: '10%' },
        { nature: 3, name: 'Chiết khấu', amount: '100000', rate: '10%' },
        { nature: 4, name: 'Ghi chú: giao tại kho' },
        { nature: 5, name: 'Hàng đặc biệt', amount: '50000', rate: '5%' },
      ],
    });
    const { invoice, warnings } = parseInvoiceXml(xml);
    expect(warnings).toEqual([]);
    expect(invoice.lines.map((l) => l.nature)).toEqual(['goods', 'promotion', 'discount', 'note', 'special']);
    expect(invoice.totals.totalBeforeTax!.toString()).toBe('950000');
    expect(invoice.lines[3]!.amount).toBeNull();
  });

  it('warns, naming the invoice, when lines, rates and totals disagree', () => {
    const xml = buildInvoiceXml({ ...baseSpec, totals: { beforeTax: '3000100', payable: '3240000' } });
    const { warnings } = parseInvoiceXml(xml);
    expect(warnings.map((w) => w.code)).toEqual(['lines-total-mismatch', 'payable-mismatch']);
    expect(warnings[0]!.message).toContain('0312345678/1/C25TAA/42');
    expect(warnings[0]!.params).toMatchObject({
      linesTotal: '3000000',
      total: '3000100',
      difference: '-100',
    });

    const badRate = buildInvoiceXml(baseSpec).replace(
      '<ThTien>3000000</ThTien><TThue>',
      '<ThTien>2900000</ThTien><TThue>',
    );
    expect(parseInvoiceXml(badRate).warnings.map((w) => w.code)).toEqual(['rate-total-mismatch']);
  });

  it('accepts per-rate sums within the rounding of the invoice', () => {
    const xml = buildInvoiceXml(baseSpec).replace(
      '<ThTien>3000000</ThTien><TThue>',
      '<ThTien>3000000.32</ThTien><TThue>',
    );
    expect(parseInvoiceXml(xml).warnings).toEqual([]);
  });

  it('warns with the element path for unreadable numbers, rates and line natures', () => {
    const xml = buildInvoiceXml({ ...baseSpec, emptyElements: true })
      .replace('<SLuong>2</SLuong>', '<SLuong>hai</SLuong>')
      .replace('<TChat>1</TChat>', '<TChat>9</TChat>')
      .replace('<TSuat>8%</TSuat><TTKhac>', '<TSuat>8 %x</TSuat><TTKhac>');
    const { invoice, warnings } = parseInvoiceXml(xml, { invoiceKey: 'caller/1/KEY/1' });
    expect(warnings.map((w) => [w.code, w.field])).toEqual([
      ['unknown-line-nature', 'NDHDon/DSHHDVu/HHDVu[1]/TChat'],
      ['unknown-vat-rate', 'NDHDon/DSHHDVu/HHDVu[1]/TSuat'],
      ['invalid-number', 'NDHDon/DSHHDVu/HHDVu[1]/SLuong'],
      ['rate-total-mismatch', 'TToan/THTTLTSuat'],
      ['rate-total-mismatch', 'TToan/THTTLTSuat'],
    ]);
    expect(warnings[2]!.invoiceKey).toBe('caller/1/KEY/1');
    expect(invoice.lines[0]!.quantity).toBeNull();
    expect(invoice.lines[0]!.unit).toBeNull();
  });

  it('treats omitted blocks and an empty buyer as absent', () => {
    const xml = buildInvoiceXml(baseSpec)
      .replace(/<NMua>[\s\S]*<\/NMua>/, '<NMua/>')
      .replace(/<THTTLTSuat>[\s\S]*<\/THTTLTSuat>/, '');
    const { invoice, warnings } = parseInvoiceXml(xml);
    expect(warnings).toEqual([]);
    expect(invoice.buyer.name).toBeNull();
    expect(invoice.totals.byRate).toEqual([]);
  });
});

describe('parseInvoiceXml on the 2022 draft mock (TDiep envelope, placeholder values)', () => {
  const { invoice, warnings } = parseInvoiceXml(fixture('draft-mock-a-HDON_GTGT_PA1.xml'));

  it('unwraps the envelope and reads draft tag names for the related invoice', () => {
    expect(invoice.envelope).toMatchObject({ PBan: '2.0.0', MLTDiep: '999' });
    expect(invoice.related).toMatchObject({
      kind: 'adjustment',
      relatedType: 1,
      series: '8 - KHHDGoc',
      note: '255 - LDo',
    });
    expect(invoice.header.issueDate).toBe('2020-12-12');
    expect(invoice.totals.fees).toHaveLength(1);
  });

  it('names every placeholder that is not a number instead of inventing values', () => {
    expect(invoice.key).toBeNull();
    const fields = warnings.filter((w) => w.code === 'invalid-number').map((w) => w.field);
    expect(fields).toContain('TTChung/KHMSHDon');
    expect(fields).toContain('TTChung/SHDon');
    expect(warnings.find((w) => w.code === 'unknown-vat-rate')?.field).toBe('NDHDon/DSHHDVu/HHDVu[1]/TSuat');
    expect(warnings.every((w) => w.invoiceKey === '(unknown key)')).toBe(true);
  });
});
