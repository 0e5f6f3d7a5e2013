/** A stored consistency warning in the page's language (the e-invoice model's own texts). */
import { describeWarning, type InvoiceWarning } from '#einvoice';
import type { Language } from '#engine/i18n';

export function warningText(
  warning: { code: string; message: string },
  key: string,
  language: Language,
): string {
  try {
    // Stored warnings keep their parameters, not the key: it is the invoice shown.
    return describeWarning(
      { invoiceKey: key, field: null, params: {}, ...warning } as InvoiceWarning,
      language,
    );
  } catch {
    return warning.message;
  }
}
