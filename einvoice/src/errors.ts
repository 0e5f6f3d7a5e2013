/**
 * Errors the e-invoice parser throws. Each carries a message key and its parameters, so the CLI can show
 * it in English or Vietnamese (`describeEInvoiceError`); `message` is the English text.
 */
import type { Language, Params } from '#engine/i18n';
import { einvoiceTranslator, type EInvoiceMessageKey } from './messages.js';

export class EInvoiceError extends Error {
  constructor(
    readonly messageKey: EInvoiceMessageKey,
    readonly params: Params,
    /** The invoice key as text, or `(unknown key)` when it could not be known. */
    readonly invoiceKey: string,
  ) {
    super(einvoiceTranslator('en')(messageKey, { ...params, key: invoiceKey }));
    this.name = new.target.name;
  }

  describe(language: Language): string {
    return einvoiceTranslator(language)(this.messageKey, { ...this.params, key: this.invoiceKey });
  }
}

export type XmlRefusalReason = 'doctype' | 'entity' | 'too-large' | 'too-deep';

const REFUSAL_KEYS: Record<XmlRefusalReason, EInvoiceMessageKey> = {
  doctype: 'refused.doctype',
  entity: 'refused.entity',
  'too-large': 'refused.tooLarge',
  'too-deep': 'refused.tooDeep',
};

/** Input refused before or while parsing because it is hostile or too big; never retried. */
export class XmlRefusedError extends EInvoiceError {
  constructor(
    readonly reason: XmlRefusalReason,
    invoiceKey: string,
    params: Params = {},
  ) {
    super(REFUSAL_KEYS[reason], params, invoiceKey);
  }
}

/** The text is not well-formed XML, or not an e-invoice. `line`/`column` are 1-based when known. */
export class XmlParseError extends EInvoiceError {
  constructor(
    messageKey: EInvoiceMessageKey,
    invoiceKey: string,
    params: Params,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(messageKey, params, invoiceKey);
  }
}

/** The localised message of an e-invoice error, or the plain message of any other error. */
export function describeEInvoiceError(error: unknown, language: Language): string {
  if (error instanceof EInvoiceError) return error.describe(language);
  return error instanceof Error ? error.message : String(error);
}
