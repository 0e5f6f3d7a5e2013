import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseDetail } from './normalise-detail.js';
import { parseInvoiceXml } from './parse-invoice.js';
import { describeWarning } from './warnings.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const realDetail = JSON.parse(fixture('detail-vnpt.json')) as Record<string, unknown>;

/** A `ttxly` 6 invoice without original record: the portal keeps amounts and rates, no names. */
function amountsOnlyDetail(): Record<string, unknown> {
  return {
    nbmst: '0106869738-048',
    khmshdon: 1,
    khhdon: 'K25THA',
    shdon: 373221,
    dvtte: 'VNĐ',
    ttxly: 6,
    hsgoc: null,
    tgtcthue: 15671.0,
    tgtthue: 1567.0,
    tgtttbso: 17238.0,
    thttltsuat: [],
    hdhhdvu: [
      {
        stt: 1,
        tchat: 1,
        ten: null,
        dvtinh: null,
        sluong: null,
        dgia: null,
        thtien: 15671.0,
        tsuat: 0.1,
        ltsuat: '10%',
        tthue: null,
      },
    ],
  };
}

describe('normaliseDetail', () => {
  it('gives the real VNPT detail the same lines as its XML', () => {
    const detail = normaliseDetail(realDetail);
    const { invoice } = parseInvoiceXml(fixture('real-vnpt-k25tek.xml'));
    expect(detail.complete).toBe(true);
    expect(detail.problems).toEqual([]);
    expect(detail.key).toEqual(invoice.key);
    const essentials = (lines: typeof detail.lines) =>
      lines.map((l) => [
        l.lineNo,
        l.nature,
        l.name,
        l.amount?.toString(),
        l.vatRate?.code,
        l.vatAmount?.toString(),
        l.vatAmountSource,
      ]);
    expect(essentials(detail.lines)).toEqual(essentials(invoice.lines));
    expect(detail.totals.totalPayable!.toString()).toBe('3791700');
  });

  it('marks lines without names incomplete, computing their VAT from the rate fraction', () => {
    const detail = normaliseDetail(amountsOnlyDetail());
    expect(detail.complete).toBe(false);
    expect(detail.problems).toEqual([
      'Invoice 0106869738-048/1/K25THA/373221: detail line 1 has no name (the portal holds only amounts)',
    ]);
    expect(describeWarning(detail.warnings[0]!, 'vi')).toContain('dòng 1 của chi tiết không có tên');
    expect(detail.currency).toBe('VND');
    const line = detail.lines[0]!;
    expect(line.vatRate).toMatchObject({ kind: 'percent', code: '10%' });
    expect(line.vatAmount!.toString()).toBe('1567');
    expect(line.vatAmountSource).toBe('computed');
  });

  it('reads the rate from the fraction when ltsuat is missing, and the portal tthue when present', () => {
    const raw = amountsOnlyDetail();
    raw['hdhhdvu'] = [{ stt: 1, tchat: 1, ten: 'Cước', thtien: 250000, tsuat: 0.08, tthue: 20000 }];
    Object.assign(raw, { tgtcthue: 250000, tgtthue: 20000, tgtttbso: 270000 });
    const detail = normaliseDetail(raw);
    expect(detail.complete).toBe(true);
    expect(detail.lines[0]!.vatRate!.code).toBe('8%');
    expect(detail.lines[0]!.vatAmountSource).toBe('line');
  });

  it('is incomplete when there are no lines or the lines disagree with the header totals', () => {
    const none = normaliseDetail({ ...amountsOnlyDetail(), hdhhdvu: null });
    expect(none.complete).toBe(false);
    expect(none.warnings.map((w) => w.code)).toContain('detail-no-lines');

    const wrong = normaliseDetail({ ...realDetail, tgtcthue: 3447010.0 });
    expect(wrong.complete).toBe(false);
    expect(wrong.warnings.map((w) => [w.code, w.field])).toContainEqual(['lines-total-mismatch', 'tgtcthue']);
  });

  it('reads lossless-JSON number wrappers and exponent notation exactly', () => {
    const raw = {
      ...amountsOnlyDetail(),
      tgtcthue: { source: '2.572777E7', parsedValue: 25727770 },
      tgtthue: { source: '2058222.0', parsedValue: 2058222 },
      tgtttbso: { source: '2.7785992E7', parsedValue: 27785992 },
      hdhhdvu: [
        { stt: 1, tchat: 1, ten: 'Điện', thtien: '25727770', ltsuat: '8%', tsuat: 0.08, tthue: null },
      ],
    };
    const detail = normaliseDetail(raw);
    expect(detail.totals.totalBeforeTax!.toString()).toBe('25727770');
    expect(detail.lines[0]!.vatAmount!.toString()).toBe('2058222');
    expect(detail.complete).toBe(true);
  });

  it('keeps KCT apart from 0% and names unreadable values', () => {
    const raw = amountsOnlyDetail();
    raw['hdhhdvu'] = [
      { stt: 1, tchat: 1, ten: 'Sách', thtien: 15671, tsuat: 0, ltsuat: 'KCT', tthue: null },
      { stt: 2, tchat: 1, ten: 'Phí', thtien: 'mười', tsuat: 0.1, ltsuat: '10%' },
    ];
    const detail = normaliseDetail(raw, { nbmst: 'X', khmshdon: 1, khhdon: 'K25THA', shdon: 1 });
    expect(detail.lines[0]!.vatRate!.kind).toBe('not-subject');
    expect(detail.lines[0]!.vatAmount!.toString()).toBe('0');
    expect(detail.complete).toBe(false);
    expect(detail.warnings[0]).toMatchObject({
      code: 'invalid-number',
      field: 'hdhhdvu[1].thtien',
      invoiceKey: 'X/1/K25THA/1',
    });
  });

  it('does not throw on a body that is not an object', () => {
    const detail = normaliseDetail('<html>Request Rejected</html>');
    expect(detail.complete).toBe(false);
    expect(detail.problems[0]).toContain('not a JSON object');
  });
});
