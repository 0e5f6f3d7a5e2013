/**
 * The invoice store as activities and the CLI see it. One implementation over a SQL driver
 * (PGlite embedded by default, PostgreSQL when DATABASE_URL is set), one set of migrations.
 */
import type { InvoiceDirection, InvoiceFamily, InvoiceKey, PortalHeader } from '../portal/types.js';

export const SYNC_STATUSES = ['not_synced', 'synced', 'unavailable', 'incomplete', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export type SyncPart = 'details' | 'xml';

export interface PartState {
  status: SyncStatus;
  attempts: number;
  lastError: string | null;
  lastTriedAt: Date | null;
  nextCheckAt: Date | null;
}

export interface StoredInvoice extends InvoiceKey {
  /** Owner of the sync: the tax code whose portal account sees this invoice. */
  taxCode: string;
  direction: InvoiceDirection;
  family: InvoiceFamily;
  portalId: string;
  issueDate: string;
  sellerName: string | null;
  buyerTaxCode: string | null;
  buyerName: string | null;
  /** Decimal strings. */
  totalBeforeTax: string | null;
  totalTax: string | null;
  totalPayable: string | null;
  currency: string | null;
  details: PartState;
  xml: PartState;
}

export interface InvoiceFilter {
  taxCode?: string;
  direction?: InvoiceDirection;
  /** `YYYY-MM`. */
  period?: string;
  detailsStatus?: SyncStatus[];
  xmlStatus?: SyncStatus[];
  keys?: InvoiceKey[];
  limit?: number;
  offset?: number;
}

export interface PartResult {
  status: SyncStatus;
  error?: string | null;
  nextCheckAt?: Date | null;
}

export interface InvoiceStore {
  migrate(): Promise<void>;
  /** Idempotent upsert of headers on the natural key; keeps existing statuses. Returns rows written. */
  upsertHeaders(taxCode: string, headers: PortalHeader[]): Promise<number>;
  /** Store detail JSON and its normalised lines (replacing earlier lines) and set the details status. */
  saveDetails(key: InvoiceKey, rawJson: unknown, lines: unknown[], result: PartResult): Promise<void>;
  /** Store the raw XML and set the XML status. */
  saveXml(key: InvoiceKey, rawXml: string | null, result: PartResult): Promise<void>;
  /** Record a failed attempt without changing stored data. */
  recordAttempt(key: InvoiceKey, part: SyncPart, result: PartResult): Promise<void>;
  getInvoice(key: InvoiceKey): Promise<StoredInvoice | null>;
  listInvoices(filter: InvoiceFilter): Promise<StoredInvoice[]>;
  countByStatus(filter: InvoiceFilter): Promise<Record<SyncPart, Record<SyncStatus, number>>>;
  getRawXml(key: InvoiceKey): Promise<string | null>;
  close(): Promise<void>;
}
