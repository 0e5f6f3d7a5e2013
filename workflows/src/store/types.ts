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
  /**
   * The portal's id of the original XML record at the last listing; null = the portal had no XML to
   * export then (invoices without a tax-authority code). Only as fresh as that listing.
   */
  hsgoc?: string | null;
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
  /** (Added) Only invoices whose `part` is due for a try at `at`: no next check set, or one at or before it. */
  dueBy?: { part: SyncPart; at: Date };
  limit?: number;
  offset?: number;
}

export interface PartResult {
  status: SyncStatus;
  error?: string | null;
  nextCheckAt?: Date | null;
}

export interface InvoiceStore extends SyncRunStore {
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
  /** (Added) The lines saved by the last `saveDetails` that carried a detail, in document order. */
  getLines(key: InvoiceKey): Promise<StoredLine[]>;
  /** (Added) The raw detail JSON saved last, or null. */
  getRawDetail(key: InvoiceKey): Promise<unknown>;
  /**
   * (Added) Queues parts of chosen invoices in the re-sync queue `queueId`. One row per (queue, invoice,
   * part): a part already in this queue (queued, claimed or done) is joined, never queued twice, also
   * under concurrent callers. `force` is recorded on the rows this call adds (a joined row keeps its own).
   */
  enqueueParts(
    queueId: string,
    items: readonly QueueItem[],
    options: { force: boolean },
  ): Promise<EnqueueResult>;
  /** (Added) Queues the parts a selection finds, in one statement (the keys never pass through the caller). */
  enqueueSelection(
    queueId: string,
    selection: QueueSelection,
    options: { force: boolean },
  ): Promise<EnqueueResult>;
  /**
   * (Added) Claims up to `limit` invoices' unclaimed rows (in the order they were queued) for batch number
   * `batch`. Idempotent: if rows are already claimed by `batch`, returns exactly those (an activity retried
   * after a crash gets the same batch). An invoice's parts come as one item; `force` if any of them is.
   */
  claimQueued(queueId: string, batch: number, limit: number): Promise<QueuedItem[]>;
  /** (Added) Invoices with unclaimed rows, and with claimed rows, in the queue. */
  queueCounts(queueId: string): Promise<{ unclaimed: number; claimed: number }>;
  /** (Added) Removes the queue's rows (the workflow calls it when it ends). Returns rows removed. */
  dropQueue(queueId: string): Promise<number>;
  close(): Promise<void>;
}

/** One invoice and the parts to queue for it. */
export interface QueueItem {
  key: InvoiceKey;
  parts: SyncPart[];
}

export interface QueuedItem extends QueueItem {
  force: boolean;
}

export interface EnqueueResult {
  /** Invoices with at least one part newly queued. */
  accepted: number;
  /** Invoices all of whose requested parts were already in this queue (queued, claimed or done): joined, not repeated. */
  joined: number;
  /** Requested invoices that are not in the store (nothing queued for them). */
  unknownCount: number;
  /** The first (up to 20) of those, formatted `nbmst/khmshdon/khhdon/shdon`. */
  unknown: string[];
}

export interface QueueSelection {
  taxCode: string;
  /** `YYYY-MM` or `YYYY-MM..YYYY-MM`, by issue date. */
  period?: string;
  direction?: InvoiceDirection;
  parts: SyncPart[];
  /**
   * `missing`: parts in NEEDS_WORK statuses; `due`: parts in RECHECKABLE statuses whose next check is at
   * or before `now` (or not set) (see workflows/src/sync/status.ts).
   */
  mode: 'missing' | 'due';
  now: Date;
  /** At most this many invoices (the first by store order). */
  limit?: number;
}

/*
 * Additions (additive only): stored lines and raw detail read-back, and sync runs for the CLI `status`.
 */

/** A stored detail line: decimal values as strings, exactly as saved. */
export interface StoredLine {
  index: number;
  lineNo: number | null;
  /** `TChat` 1..5. */
  nature: number | null;
  code: string | null;
  name: string | null;
  unit: string | null;
  quantity: string | null;
  unitPrice: string | null;
  discountRate: string | null;
  discountAmount: string | null;
  amount: string | null;
  /** `8%`, `KCT`, `KKKNT`, `KHAC:5.26%`. */
  vatRateCode: string | null;
  /** The rate as a fraction (`0.08`), null for KCT/KKKNT. */
  vatRate: string | null;
  vatAmount: string | null;
  vatAmountSource: string | null;
  extra: Record<string, string | null>;
}

/**
 * `incomplete`: the run ended, but some parts failed or ran out of retries (see its counts);
 * `interrupted`: its process stopped heartbeating (killed, machine lost) before the run finished.
 */
export const RUN_STATUSES = [
  'running',
  'succeeded',
  'incomplete',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface SyncRun {
  id: number;
  /** What ran, e.g. `headers`, `details`, `xml`, `resync`. */
  kind: string;
  /** What it ran on, e.g. `{ taxCode, direction, period }` or the keys of a manual re-sync. */
  scope: Record<string, unknown>;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** (Added) The process running it, `host:pid`; null for runs recorded before owners were. */
  owner: string | null;
  /** (Added) When its process last said it is alive; a `running` run silent too long is `interrupted`. */
  heartbeatAt: Date | null;
  /** Progress or outcome counts, e.g. `{ listed: 83, synced: 30, unavailable: 50 }`. */
  counts: Record<string, number>;
  error: string | null;
}

export interface RunFilter {
  kind?: string;
  status?: RunStatus[];
  /** Newest first; default 20. */
  limit?: number;
  /**
   * (Added) The time to judge heartbeats by (default: the database's clock). Before listing, `running`
   * runs whose heartbeat is older than `staleAfterMs` (default `RUN_STALE_AFTER_MS`) are marked `interrupted`.
   */
  now?: Date;
  staleAfterMs?: number;
}

/** A running run whose heartbeat is older than this is taken to be interrupted. */
export const RUN_STALE_AFTER_MS = 60_000;
/** How often a running process heartbeats its run. */
export const RUN_HEARTBEAT_MS = 5_000;

export interface SyncRunStore {
  /** Records a run as `running`, owned by this process (`host:pid`), with a first heartbeat. */
  startRun(kind: string, scope: Record<string, unknown>): Promise<SyncRun>;
  /**
   * (Added) The run's process is alive: sets `heartbeat_at`. A run wrongly marked `interrupted` (its process
   * paused longer than the stale threshold) is `running` again.
   */
  heartbeatRun(id: number): Promise<void>;
  /** Replace the counts of a running run (progress). */
  updateRunCounts(id: number, counts: Record<string, number>): Promise<void>;
  finishRun(
    id: number,
    outcome: {
      status: Exclude<RunStatus, 'running'>;
      counts?: Record<string, number>;
      error?: string | null;
    },
  ): Promise<SyncRun>;
  listRuns(filter?: RunFilter): Promise<SyncRun[]>;
}
