/**
 * Warnings: findings that do not stop parsing (inconsistent totals, unreadable numbers, header vs XML
 * differences). Each names the invoice and, where there is one, the element path.
 */
import type { Language, Params } from '#engine/i18n';
import { einvoiceTranslator, type EInvoiceMessageKey } from './messages.js';

export type InvoiceWarningCode =
  | 'invalid-number'
  | 'missing-field'
  | 'unknown-vat-rate'
  | 'unknown-line-nature'
  | 'repeated-element'
  | 'lines-total-mismatch'
  | 'rate-total-mismatch'
  | 'rate-tax-mismatch'
  | 'tax-total-mismatch'
  | 'lines-tax-mismatch'
  | 'incomplete'
  | 'signature-unreadable'
  | 'signature-invalid'
  | 'payable-mismatch'
  | 'header-mismatch'
  | 'detail-no-lines'
  | 'detail-line-without-name'
  | 'detail-not-an-object';

const MESSAGE_KEYS: Record<InvoiceWarningCode, EInvoiceMessageKey> = {
  'invalid-number': 'warn.invalidNumber',
  'missing-field': 'warn.missingField',
  'unknown-vat-rate': 'warn.unknownVatRate',
  'unknown-line-nature': 'warn.unknownLineNature',
  'repeated-element': 'warn.repeatedElement',
  'lines-total-mismatch': 'warn.linesTotalMismatch',
  'rate-total-mismatch': 'warn.rateTotalMismatch',
  'rate-tax-mismatch': 'warn.rateTaxMismatch',
  'tax-total-mismatch': 'warn.taxTotalMismatch',
  'lines-tax-mismatch': 'warn.linesTaxMismatch',
  incomplete: 'warn.incomplete',
  'signature-unreadable': 'warn.signatureUnreadable',
  'signature-invalid': 'warn.signatureInvalid',
  'payable-mismatch': 'warn.payableMismatch',
  'header-mismatch': 'warn.headerMismatch',
  'detail-no-lines': 'detail.noLines',
  'detail-line-without-name': 'detail.lineWithoutName',
  'detail-not-an-object': 'detail.notAnObject',
};

export interface InvoiceWarning {
  code: InvoiceWarningCode;
  /** `nbmst/khmshdon/khhdon/shdon`, or `(unknown key)`. */
  invoiceKey: string;
  /** Element path (`DSHHDVu/HHDVu[2]/ThTien`) or JSON field, when the warning is about one. */
  field: string | null;
  params: Params;
  /** English text; `describeWarning` gives it in another language. */
  message: string;
}

export const UNKNOWN_INVOICE = '(unknown key)';

export function makeWarning(
  code: InvoiceWarningCode,
  invoiceKey: string,
  field: string | null,
  params: Params = {},
): InvoiceWarning {
  const all = field === null ? params : { field, ...params };
  return {
    code,
    invoiceKey,
    field,
    params: all,
    message: einvoiceTranslator('en')(MESSAGE_KEYS[code], { ...all, key: invoiceKey }),
  };
}

export function describeWarning(warning: InvoiceWarning, language: Language): string {
  return einvoiceTranslator(language)(MESSAGE_KEYS[warning.code], {
    ...warning.params,
    key: warning.invoiceKey,
  });
}
