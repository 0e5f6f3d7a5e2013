import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchInvoiceSpec, generateBenchCorpus } from './bench-corpus.js';
import { parseInvoiceXml } from './parse-invoice.js';
import { buildInvoiceXml } from './xml-builder.js';

describe('bench corpus and XML builder', () => {
  it('is deterministic per seed and varied', () => {
    expect(generateBenchCorpus(5, 7)).toEqual(generateBenchCorpus(5, 7));
    expect(generateBenchCorpus(5, 7)).not.toEqual(generateBenchCorpus(5, 8));
    expect(new Set(generateBenchCorpus(20).map((xml) => xml.length)).size).toBeGreaterThan(10);
  });

  it('builds documents the parser reads back consistently', () => {
    generateBenchCorpus(60, 3).forEach((xml, i) => {
      const spec = benchInvoiceSpec(i, 3);
      const { invoice, warnings } = parseInvoiceXml(xml);
      expect(warnings).toEqual([]);
      expect(invoice.key).toEqual({ nbmst: spec.nbmst, khmshdon: 1, khhdon: spec.khhdon, shdon: spec.shdon });
      expect(invoice.lines.map((l) => l.amount?.toString())).toEqual(spec.lines.map((l) => l.amount));
      expect(invoice.hasAuthorityCode).toBe(spec.authorityCode !== undefined);
    });
  });

  it('round-trips any amounts with up to 6 decimals exactly (property)', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
      .map(([units, places]) => {
        const text = (units < 0n ? -units : units).toString().padStart(places + 1, '0');
        const body = places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
        return units < 0n ? `-${body}` : body;
      });
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 6 }), (amounts) => {
        const xml = buildInvoiceXml({
          nbmst: '0100000001',
          khmshdon: 1,
          khhdon: 'C25TAA',
          shdon: 1,
          issueDate: '2025-01-01',
          currency: 'USD',
          lines: amounts.map((value) => ({ name: 'x', amount: value, rate: 'KCT' })),
        });
        const { invoice, warnings } = parseInvoiceXml(xml);
        expect(warnings).toEqual([]);
        invoice.lines.forEach((line, i) => expect(line.amount!.equals(amounts[i]!)).toBe(true));
      }),
      { numRuns: 60 },
    );
  });
});
