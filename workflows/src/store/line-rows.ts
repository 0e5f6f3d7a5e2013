/**
 * Lines as `saveDetails` receives them (the engine's `InvoiceLine` with Decimals, or plain objects with
 * decimal strings) -> rows for `invoice_lines`. JS floats are refused for amounts: they may already have
 * lost digits, and the store promises exact values.
 */
import { InvoiceDecimal } from '#einvoice';
import { StoreError } from './messages.js';
import type { StoredLine } from './types.js';

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface LineRow {
  line_index: number;
  line_no: number | null;
  nature: number | null;
  code: string | null;
  name: string | null;
  unit: string | null;
  quantity: string | null;
  unit_price: string | null;
  discount_rate: string | null;
  discount_amount: string | null;
  amount: string | null;
  vat_rate_code: string | null;
  vat_rate: string | null;
  vat_amount: string | null;
  vat_amount_source: string | null;
  extra: Record<string, string | null>;
}

type Loose = Record<string, unknown>;

function decimalText(value: unknown, field: string, key: string): string | null {
  if (value === null || value === undefined) return null;
  if (InvoiceDecimal.isDecimal(value)) return (value as InstanceType<typeof InvoiceDecimal>).toFixed();
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim()))
    return new InvoiceDecimal(value.trim()).toFixed();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new StoreError('store.notDecimal', { key, field, value: JSON.stringify(value) ?? String(value) });
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

export function toLineRow(input: unknown, position: number, key: string): LineRow {
  const line = (typeof input === 'object' && input !== null ? input : {}) as Loose;
  const where = (field: string) => `line ${position + 1} ${field}`;
  const rate = line['vatRate'];
  const rateObject =
    typeof rate === 'object' && rate !== null && !InvoiceDecimal.isDecimal(rate) ? (rate as Loose) : null;
  const extra =
    typeof line['extra'] === 'object' && line['extra'] !== null ? (line['extra'] as StoredLine['extra']) : {};
  return {
    line_index: integerOrNull(line['index']) ?? position,
    line_no: integerOrNull(line['lineNo']),
    nature: integerOrNull(line['natureCode']) ?? integerOrNull(line['nature']),
    code: textOrNull(line['code']),
    name: textOrNull(line['name']),
    unit: textOrNull(line['unit']),
    quantity: decimalText(line['quantity'], where('quantity'), key),
    unit_price: decimalText(line['unitPrice'], where('unitPrice'), key),
    discount_rate: decimalText(line['discountRate'], where('discountRate'), key),
    discount_amount: decimalText(line['discountAmount'], where('discountAmount'), key),
    amount: decimalText(line['amount'], where('amount'), key),
    vat_rate_code: rateObject ? textOrNull(rateObject['code']) : textOrNull(line['vatRateCode']),
    vat_rate: rateObject
      ? decimalText(rateObject['rate'], where('vatRate'), key)
      : decimalText(rate, where('vatRate'), key),
    vat_amount: decimalText(line['vatAmount'], where('vatAmount'), key),
    vat_amount_source: textOrNull(line['vatAmountSource']),
    extra,
  };
}

export function fromLineRow(row: LineRow): StoredLine {
  return {
    index: row.line_index,
    lineNo: row.line_no,
    nature: row.nature,
    code: row.code,
    name: row.name,
    unit: row.unit,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    discountRate: row.discount_rate,
    discountAmount: row.discount_amount,
    amount: row.amount,
    vatRateCode: row.vat_rate_code,
    vatRate: row.vat_rate,
    vatAmount: row.vat_amount,
    vatAmountSource: row.vat_amount_source,
    extra: row.extra,
  };
}
