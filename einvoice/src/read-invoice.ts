/**
 * One entry for "whatever the user has": invoice XML or the portal's detail JSON, told apart by their
 * first character, both normalised to the model with their warnings.
 */
import { EInvoiceError } from './errors.js';
import type { EInvoice, EInvoiceKey } from './model.js';
import { normaliseDetail } from './normalise-detail.js';
import { parseInvoiceXml, type ParseInvoiceOptions } from './parse-invoice.js';
import { UNKNOWN_INVOICE, type InvoiceWarning } from './warnings.js';
import { MAX_ERROR_DETAIL } from './xml-tree.js';

export interface ReadInvoice {
  invoice: EInvoice;
  warnings: InvoiceWarning[];
}

export function isJsonText(text: string): boolean {
  return /^\s*[{[]/.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Throws `EInvoiceError` when the text cannot be read as either (with its position when known). */
export function readInvoice(text: string, options: ParseInvoiceOptions = {}): ReadInvoice {
  if (!isJsonText(text)) return parseInvoiceXml(text, options);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_DETAIL);
    const key = typeof options.invoiceKey === 'string' ? options.invoiceKey : UNKNOWN_INVOICE;
    throw new EInvoiceError('parse.json', { detail }, key);
  }
  const key = typeof options.invoiceKey === 'object' ? (options.invoiceKey as EInvoiceKey) : undefined;
  const { invoice, warnings } = normaliseDetail(json, key);
  return { invoice, warnings };
}
