/**
 * A deterministic corpus of varied e-invoice XML documents for benchmarks: 1-40 lines, every VAT rate
 * form, empty elements, reordered `TTKhac`, envelopes, adjustments with negative amounts, replacements,
 * with and without tax-authority code, most with a signature block like real exports.
 */
import { buildInvoiceXml, type InvoiceSpec, type LineSpec } from './xml-builder.js';

const RATES = ['10%', '8%', '5%', '0%', 'KCT', 'KKKNT', 'KHAC:5.26%'];
const NAMES = ['Phí quản lý tháng', 'Dịch vụ tư vấn', 'Thiết bị mạng', 'Giấy in A4', 'Phần mềm kế toán'];

/** mulberry32: small, fast, seedable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchInvoiceSpec(index: number, seed = 1): InvoiceSpec {
  const next = random(seed * 100_003 + index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const adjustment = next() < 0.1;
  const sign = adjustment && next() < 0.7 ? '-' : '';
  const lineCount = 1 + Math.floor(next() * (next() < 0.8 ? 8 : 40));
  const lines: LineSpec[] = Array.from({ length: lineCount }, (_, i) => {
    const quantity = String(1 + Math.floor(next() * 50));
    const unitPrice = String(1000 * (1 + Math.floor(next() * 5000)));
    const nature = i > 0 && next() < 0.05 ? 3 : next() < 0.05 ? 2 : 1;
    return {
      nature,
      name: `${pick(NAMES)} ${i + 1}`,
      unit: next() < 0.5 ? 'cái' : undefined,
      quantity: nature === 2 ? undefined : `${sign}${quantity}`,
      unitPrice,
      amount: nature === 2 ? '0' : `${sign}${BigInt(quantity) * BigInt(unitPrice)}`,
      rate: pick(RATES),
      vatIn: pick(['ttkhac', 'ttkhac', 'line', 'none'] as const),
    };
  });
  const series = `${next() < 0.5 ? 'C' : 'K'}25T${String.fromCharCode(65 + Math.floor(next() * 26))}${String.fromCharCode(65 + Math.floor(next() * 26))}`;
  return {
    nbmst: `0${String(100000000 + Math.floor(next() * 899999999))}`,
    khmshdon: 1,
    khhdon: series,
    shdon: index + 1,
    issueDate: `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
    buyerTaxCode: '0109744141',
    lines,
    related:
      adjustment || next() < 0.05
        ? { tchdon: adjustment ? 2 : 1, template: '1', series, number: String(index), date: '2025-01-15' }
        : undefined,
    authorityCode: series.startsWith('C')
      ? `00${index.toString(16).toUpperCase().padStart(32, 'A')}`
      : undefined,
    envelope: next() < 0.1,
    extraFirst: next() < 0.2,
    emptyElements: next() < 0.5,
    signature: next() < 0.9,
  };
}

/** `count` XML documents, the same for the same seed. */
export function generateBenchCorpus(count: number, seed = 1): string[] {
  return Array.from({ length: count }, (_, i) => buildInvoiceXml(benchInvoiceSpec(i, seed)));
}
