import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEinvoiceFixture } from '../fixtures/index.js';
import { buildInvoiceDetail } from './detail-builder.js';
import type { EInvoice } from './model.js';
import { normaliseDetail } from './normalise-detail.js';
import { parseInvoiceXml } from './parse-invoice.js';
import { buildInvoiceXml, type InvoiceSpec, type LineSpec } from './xml-builder.js';

/**
 * The model as plain JSON (decimals as strings), without what only one source can state: where it came
 * from, the XML's envelope, and the signature algorithm (the portal's JSON does not give it).
 */
function comparable(invoice: EInvoice): unknown {
  const plain = JSON.parse(JSON.stringify(invoice)) as Record<string, unknown>;
  delete plain['source'];
  delete plain['envelope'];
  const signatures = plain['signatures'] as Record<string, Record<string, unknown> | null>;
  for (const signature of Object.values(signatures)) if (signature) delete signature['algorithm'];
  return plain;
}

describe('XML and portal JSON of one invoice give one model', () => {
  it('on the real VNPT invoice 0102671977/1/K25TEK/5082 (its invoice.xml and its detail JSON)', () => {
    const xml = parseInvoiceXml(readEinvoiceFixture('real-vnpt-k25tek.xml'));
    const json = normaliseDetail(JSON.parse(readEinvoiceFixture('detail-vnpt.json')));
    expect(xml.warnings).toEqual([]);
    expect(json.warnings).toEqual([]);
    expect(comparable(json.invoice)).toEqual(comparable(xml.invoice));
    // What the model carries, checked on the real data rather than on itself.
    const invoice = json.invoice;
    expect(invoice.header.issueDate).toBe('2025-09-22'); // tdlap 2025-09-21T17:00:00Z is 22 Sep in Vietnam
    expect(invoice.header.paymentMethod).toBe('CK/TM');
    expect(invoice.kind).toBe('new');
    expect(invoice.seller).toMatchObject({ name: 'Công ty cổ phần Vinhomes', taxCode: '0102671977' });
    expect(invoice.buyer).toMatchObject({ taxCode: '0109744141', customerCode: 'VCTISU1001368509' });
    expect(invoice.signatures.seller).toMatchObject({
      taxCode: '0102671977',
      commonName: 'CÔNG TY CỔ PHẦN VINHOMES',
      issuer: 'C=VN, O=VIETNAM POSTS AND TELECOMMUNICATIONS GROUP, CN=VNPT-CA SHA2',
      serialNumber: '540101017EDD7543E413F92EC333E53A',
      signingTime: '2025-09-22T15:41:21',
      verification: 'not-verified',
    });
    expect(xml.invoice.signatures.seller?.algorithm).toBe('rsa-sha1');
    expect(invoice.signatures.authority).toBeNull();
    expect(invoice.lines[0]!.promotion).toBe('free-of-charge');
    expect(invoice.lines[1]!.promotion).toBeNull();
  });

  const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
  const money = fc
    .tuple(fc.integer({ min: 0, max: 50_000_000 }), fc.constantFrom(0, 2))
    .map(([units, places]) => (places === 0 ? String(units) : (units / 100).toFixed(2)));
  const line: fc.Arbitrary<LineSpec> = fc.oneof(
    fc.record({
      nature: fc.constantFrom(1 as const, 2 as const, 3 as const, 5 as const),
      name: fc.constantFrom('Phí quản lý', 'Dịch vụ tư vấn', 'Hàng khuyến mại', 'Chiết khấu thương mại'),
      code: fc.option(fc.constantFrom('SP01', 'DV-02'), { nil: undefined }),
      unit: fc.option(fc.constantFrom('cái', 'tháng'), { nil: undefined }),
      quantity: fc.option(digits(1, 500), { nil: undefined }),
      unitPrice: fc.option(digits(1, 9_000_000), { nil: undefined }),
      discountRate: fc.option(fc.constantFrom('5', '10'), { nil: undefined }),
      amount: money,
      rate: fc.option(fc.constantFrom('10%', '8%', '5%', '0%', 'KCT', 'KKKNT', 'KHAC:5.26%'), {
        nil: undefined,
      }),
      vatIn: fc.constantFrom('ttkhac' as const, 'line' as const, 'none' as const),
    }),
    fc.record({
      nature: fc.constant(4 as const),
      name: fc.constantFrom('Ghi chú: giao hàng tại kho', 'Theo hợp đồng số 12/2025'),
    }),
  );
  const day = fc
    .integer({ min: 0, max: 3000 })
    .map((offset) => new Date(Date.UTC(2022, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
  const spec: fc.Arbitrary<InvoiceSpec> = fc.record({
    nbmst: fc.constantFrom('0312345678', '0100109106-122'),
    khmshdon: fc.integer({ min: 1, max: 6 }),
    khhdon: fc.constantFrom('C25TAA', 'K26TEK', 'C26MXY'),
    shdon: fc.integer({ min: 1, max: 99_999_999 }),
    issueDate: day,
    currency: fc.constantFrom('VND', 'USD', 'EUR'),
    exchangeRate: fc.constantFrom('1', '26110', '25432.5'),
    paymentMethod: fc.constantFrom('TM/CK', 'Tiền mặt', 'Chuyển khoản'),
    seller: fc.record({
      address: fc.constantFrom('Số 1 Phố Huế, Hà Nội', 'Lô B, KCN Tân Bình, TP. Hồ Chí Minh'),
      phone: fc.option(fc.constantFrom('0968297195', '02432068768'), { nil: undefined }),
      bankAccount: fc.option(fc.constantFrom('0011004455667', '19033445566018'), { nil: undefined }),
      bankName: fc.option(fc.constantFrom('Vietcombank', 'Techcombank - CN Hà Nội'), { nil: undefined }),
    }),
    buyer: fc.record({
      email: fc.option(fc.constantFrom('ketoan@example.vn'), { nil: undefined }),
      bankAccount: fc.option(fc.constantFrom('123456789'), { nil: undefined }),
    }),
    buyerTaxCode: fc.option(fc.constantFrom('0109744141', '0312345679'), { nil: undefined }),
    lines: fc.array(line, { minLength: 1, maxLength: 8 }),
    related: fc.option(
      fc.record({
        tchdon: fc.constantFrom(1, 2),
        template: fc.constant('1'),
        series: fc.constantFrom('C25TAA', 'K25TEK'),
        number: digits(1, 99_999),
        date: day,
        note: fc.constantFrom('Thay thế do sai đơn giá', 'Điều chỉnh giảm số lượng'),
      }),
      { nil: undefined },
    ),
    authorityCode: fc.option(fc.constant('00A1B2C3D4E5F60718293A4B5C6D7E8F90'), { nil: undefined }),
    signature: fc.oneof(
      fc.constant(false),
      fc.record({ signingTime: fc.constant('2025-10-01T10:11:12'), authority: fc.boolean() }),
    ),
    envelope: fc.boolean(),
    emptyElements: fc.boolean(),
  });

  it('on generated invoices of every shape (property)', () => {
    fc.assert(
      fc.property(spec, (invoice) => {
        const xml = parseInvoiceXml(buildInvoiceXml(invoice));
        const json = normaliseDetail(buildInvoiceDetail(invoice));
        expect(comparable(json.invoice)).toEqual(comparable(xml.invoice));
        expect(json.warnings.map((w) => w.code)).toEqual(xml.warnings.map((w) => w.code));
        // Spot checks against the spec, so that "equal" cannot mean "equally empty".
        expect(xml.invoice.lines).toHaveLength(invoice.lines.length);
        expect(xml.invoice.kind).toBe(
          invoice.related ? (invoice.related.tchdon === 1 ? 'replacement' : 'adjustment') : 'new',
        );
        expect(json.invoice.header.issueDate).toBe(invoice.issueDate);
        expect(json.invoice.signatures.seller !== null).toBe(Boolean(invoice.signature));
        for (const [i, spec] of invoice.lines.entries()) {
          if (spec.nature === 4) expect(json.invoice.lines[i]!.vatRate).toBeNull();
          if (spec.nature === 2) expect(json.invoice.lines[i]!.promotion).toBe('declared');
        }
      }),
      { numRuns: 150 },
    );
  });
});
