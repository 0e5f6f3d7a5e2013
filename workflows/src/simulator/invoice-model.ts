/**
 * The simulator's invoice model (what `generator.ts` draws and `variety.ts` enriches), and the exact
 * arithmetic both use: VAT rate fractions, rounding to the đồng, per-rate summaries and totals.
 */
import { Decimal } from 'decimal.js';
import type { InvoiceDirection, InvoiceFamily, InvoiceKey } from '../portal/types.js';
import type { SimVariety } from './variety.js';

export const VAT_RATES = ['0%', '5%', '8%', '10%', 'KCT', 'KKKNT'] as const;
export type VatRate = (typeof VAT_RATES)[number];

export interface SimParty {
  taxCode: string;
  name: string;
  address: string;
}

export interface SimExtra {
  ttruong: string;
  kdlieu: string;
  dlieu: string | null;
}

export interface SimLine {
  stt: number;
  /** 1 goods/service, 2 promotion (zero amount), 4 note (text only: no amounts, no rate). */
  tchat: 1 | 2 | 4;
  code: string | null;
  name: string;
  unit: string | null;
  quantity: Decimal | null;
  unitPrice: Decimal | null;
  /** Discount rate in percent (`tlckhau`) and amount (`stckhau`), when the line has one. */
  discountRate: Decimal | null;
  discountAmount: Decimal | null;
  /** Amount before tax: quantity x unit price rounded to the currency, less the discount (0 on notes). */
  amount: Decimal;
  rate: VatRate | null;
  tax: Decimal;
  /** The line's vendor `ttkhac` entries (2 to 11). */
  extra: SimExtra[];
}

export interface RateSummary {
  rate: VatRate;
  amount: Decimal;
  tax: Decimal;
}

export interface SimRelation {
  kind: 'replacement' | 'adjustment';
  original: InvoiceKey;
  originalIssueDate: string;
}

export interface SimInvoice extends InvoiceKey {
  id: string;
  family: InvoiceFamily;
  direction: InvoiceDirection;
  /** Vietnam-local issue date, `YYYY-MM-DD`. */
  issueDate: string;
  /** UTC instant of local midnight, as the portal sends it. */
  tdlap: string;
  /** 1 new, 2 replacement, 3 adjustment, 4 replaced, 5 adjusted. */
  tthai: number;
  ttxly: 5 | 6 | 8;
  hsgoc: string | null;
  mhdon: string | null;
  seller: SimParty;
  buyer: SimParty;
  /** `VND`, `VNĐ` (as some vendors write it) or a foreign currency with its `exchangeRate`. */
  currency: string;
  /** `tgia`: 1 or null for đồng, the rate for a foreign currency. */
  exchangeRate: Decimal | null;
  lines: SimLine[];
  rateSummary: RateSummary[];
  totalBeforeTax: Decimal;
  totalTax: Decimal;
  totalPayable: Decimal;
  relation: SimRelation | null;
  /** Keys of every other invoice in the same replacement/adjustment chain. */
  chain: InvoiceKey[];
  /** K series without original record: the portal never exports XML and its details lack names. */
  permanentlyWithoutXml: boolean;
  /** The export ZIP puts its files in a sub-folder. */
  zipInSubfolder: boolean;
  /** The rest of what real invoices carry: signatures, provider, vendor fields, XML form (`variety.ts`). */
  variety: SimVariety;
}

const RATE_FRACTION: Record<VatRate, Decimal> = {
  '0%': new Decimal(0),
  '5%': new Decimal('0.05'),
  '8%': new Decimal('0.08'),
  '10%': new Decimal('0.1'),
  KCT: new Decimal(0),
  KKKNT: new Decimal(0),
};

export function rateFraction(rate: VatRate): Decimal {
  return RATE_FRACTION[rate];
}

export function roundDong(value: Decimal): Decimal {
  return value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

export function summarise(
  lines: SimLine[],
): Pick<SimInvoice, 'rateSummary' | 'totalBeforeTax' | 'totalTax' | 'totalPayable'> {
  const byRate = new Map<VatRate, RateSummary>();
  for (const line of lines) {
    if (line.rate === null) continue;
    const entry = byRate.get(line.rate) ?? { rate: line.rate, amount: new Decimal(0), tax: new Decimal(0) };
    entry.amount = entry.amount.plus(line.amount);
    entry.tax = entry.tax.plus(line.tax);
    byRate.set(line.rate, entry);
  }
  const rateSummary = [...byRate.values()];
  const totalBeforeTax = rateSummary.reduce((sum, r) => sum.plus(r.amount), new Decimal(0));
  const totalTax = rateSummary.reduce((sum, r) => sum.plus(r.tax), new Decimal(0));
  return { rateSummary, totalBeforeTax, totalTax, totalPayable: totalBeforeTax.plus(totalTax) };
}
