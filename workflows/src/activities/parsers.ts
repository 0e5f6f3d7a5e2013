/** The parsing the activities need, injected so tests can substitute it; the engine's parsers by default. */
import { normaliseDetail, parseInvoiceXml, XmlRefusedError } from '#einvoice';
import type { InvoiceKey } from '../portal/types.js';

export interface SyncParsers {
  /** Throws on XML that is hostile (refused) or unreadable; returns its warnings otherwise. */
  parseInvoiceXml(xml: string, options: { invoiceKey: string }): { warnings: readonly unknown[] };
  normaliseDetail(
    detailJson: unknown,
    key: InvoiceKey,
  ): { lines: unknown[]; complete: boolean; problems: string[] };
  /** True when the parser refused the input as hostile or too big (the raw text is then not stored). */
  isRefusal(error: unknown): boolean;
}

export const engineParsers: SyncParsers = {
  parseInvoiceXml: (xml, options) => parseInvoiceXml(xml, options),
  normaliseDetail: (detailJson, key) => normaliseDetail(detailJson, key),
  isRefusal: (error) => error instanceof XmlRefusedError,
};
