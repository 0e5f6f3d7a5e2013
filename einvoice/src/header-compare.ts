/**
 * `compareWithHeader`: does the portal's header JSON (a list row or a detail) agree with the XML?
 * Series, number, template, tax codes, currency and totals are compared; amounts numerically (the
 * portal writes `3447000.0` where the XML has `3447000`). Fields absent on either side are not compared.
 */
import { decimalFromJson, normaliseCurrency, type Decimal } from './decimal.js';
import { formatEInvoiceKey, type EInvoice } from './model.js';
import { UNKNOWN_INVOICE, makeWarning, type InvoiceWarning } from './warnings.js';

type Json = Record<string, unknown>;

/** A `PortalHeader` (its `raw` JSON is used) or the raw header JSON itself. */
export type HeaderInput = Json | { raw: Json };

function headerJson(input: HeaderInput): Json {
  const raw = (input as { raw?: unknown }).raw;
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? { ...(raw as Json), ...input }
    : input;
}

function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && 'source' in value) return jsonText((value as { source: unknown }).source);
  return null;
}

export function compareWithHeader(invoice: EInvoice, input: HeaderInput): InvoiceWarning[] {
  const header = headerJson(input);
  const warnings: InvoiceWarning[] = [];
  const invoiceKey = invoice.key ? formatEInvoiceKey(invoice.key) : UNKNOWN_INVOICE;
  const mismatch = (field: string, headerValue: string, xmlValue: string) =>
    warnings.push(makeWarning('header-mismatch', invoiceKey, field, { header: headerValue, xml: xmlValue }));

  const compareText = (field: string, xmlValue: string | null, normalise = (text: string) => text) => {
    const headerValue = jsonText(header[field]);
    if (headerValue === null || xmlValue === null) return;
    if (normalise(headerValue) !== normalise(xmlValue)) mismatch(field, headerValue, xmlValue);
  };
  const compareInteger = (field: string, xmlValue: number | null) => {
    const headerValue = jsonText(header[field]);
    if (headerValue === null || xmlValue === null) return;
    if (!/^\d+(\.0+)?$/.test(headerValue) || Number.parseInt(headerValue, 10) !== xmlValue) {
      mismatch(field, headerValue, String(xmlValue));
    }
  };
  const compareAmount = (field: string, xmlValue: Decimal | null) => {
    const headerValue = decimalFromJson(header[field]);
    if (headerValue === null || xmlValue === null) return;
    if (headerValue === undefined || !headerValue.equals(xmlValue)) {
      mismatch(field, jsonText(header[field]) ?? String(header[field]), xmlValue.toString());
    }
  };

  compareText('nbmst', invoice.seller.taxCode);
  compareInteger('khmshdon', invoice.header.template);
  compareText('khhdon', invoice.header.series, (text) => text.toUpperCase());
  compareInteger('shdon', invoice.header.number);
  compareText('nmmst', invoice.buyer.taxCode);
  compareText('dvtte', invoice.header.currency, (text) => normaliseCurrency(text) ?? text);
  compareText('mhdon', invoice.authorityCode);
  compareAmount('tgtcthue', invoice.totals.totalBeforeTax);
  compareAmount('tgtthue', invoice.totals.totalTax);
  compareAmount('tgtttbso', invoice.totals.totalPayable);
  return warnings;
}
