/** Inputs, results, queries and updates of the sync workflows; shared with the client. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SelectedInvoice } from '../activities/operations.js';
import type { InvoiceDirection, InvoiceFamily, InvoiceKey } from '../portal/types.js';
import type { SyncPart, SyncStatus } from '../store/types.js';
import type { ListingSlice, WindowSize } from '../sync/plan.js';

export type PartCounts = Record<SyncPart, Partial<Record<SyncStatus, number>>>;

export interface BatchResult {
  counts: PartCounts;
  /** Parts not fetched because they were already done. */
  skipped: number;
  /** Parts whose retries ran out on passing faults: still `not_synced`, picked up by the next run. */
  retriesExhausted: number;
  /** Invoices the batch could not work on (e.g. not in the store), with the reason. */
  errors: { key: string; error: string }[];
}

export interface SyncBatchInput {
  items: SelectedInvoice[];
  force?: boolean;
  /** Activities of one batch in flight at once (the task queue's rate limit still applies). */
  concurrency?: number;
}

export interface SyncProgress {
  phase: 'listing' | 'syncing' | 'done';
  slicesTotal: number;
  slicesDone: number;
  listed: number;
  batchesStarted: number;
  batchesDone: number;
  /** Invoices listed or queued whose batch has not finished. */
  outstanding: number;
  counts: PartCounts;
  skipped: number;
  retriesExhausted: number;
  errors: number;
  continuedAsNew: number;
  /** Single-day windows the portal capped below their total: rows beyond the cap could not be listed. */
  cappedWindows: number;
}

export interface SyncPeriodInput {
  taxCode: string;
  direction: InvoiceDirection;
  /** `YYYY-MM` or `YYYY-MM..YYYY-MM`. */
  period: string;
  parts?: SyncPart[];
  families?: InvoiceFamily[];
  window?: WindowSize;
  batchSize?: number;
  maxConcurrentBatches?: number;
  /** List pages per run before continuing as new even if the server does not suggest it yet. */
  maxPagesPerRun?: number;
  /** Carried over continue-as-new. */
  resume?: {
    sliceIndex: number;
    state: string | null;
    batchNumber: number;
    pending: InvoiceKey[];
    sliceKeys?: InvoiceKey[];
    /** The plan as amended by window splits. */
    slices?: ListingSlice[];
    progress: SyncProgress;
  };
}

export interface ResyncInput {
  taxCode: string;
  parts: SyncPart[];
  keys?: InvoiceKey[];
  /** Re-fetch even parts already `synced` or `failed` (default true: the user asked for these). */
  force?: boolean;
  batchSize?: number;
  /** How long to wait for more "add these invoices" requests after the queue runs dry. */
  lingerMs?: number;
  maxBatchesPerRun?: number;
  /** Carried over continue-as-new. */
  resume?: { queued: InvoiceKey[]; seen: string[]; batchNumber: number; progress: SyncProgress };
}

export interface AddInvoicesResult {
  accepted: number;
  /** Already queued, running or done in this workflow: joined, not repeated. */
  joined: number;
  queued: number;
}

export interface RecheckInput {
  taxCode?: string;
  parts?: SyncPart[];
  batchSize?: number;
  /** At most this many invoices per scheduled run (the rest wait for the next one). */
  limit?: number;
}

export const getProgressQuery = defineQuery<SyncProgress>('getProgress');
export const addInvoicesUpdate = defineUpdate<AddInvoicesResult, [InvoiceKey[]]>('addInvoices');
export const addInvoicesSignal = defineSignal<[InvoiceKey[]]>('addInvoicesSignal');

export function emptyCounts(): PartCounts {
  return { details: {}, xml: {} };
}

export function emptyProgress(phase: SyncProgress['phase'] = 'listing'): SyncProgress {
  return {
    phase,
    slicesTotal: 0,
    slicesDone: 0,
    listed: 0,
    batchesStarted: 0,
    batchesDone: 0,
    outstanding: 0,
    counts: emptyCounts(),
    skipped: 0,
    retriesExhausted: 0,
    errors: 0,
    continuedAsNew: 0,
    cappedWindows: 0,
  };
}

export function addBatchResult(progress: SyncProgress, result: BatchResult): void {
  for (const part of ['details', 'xml'] as const) {
    for (const [status, count] of Object.entries(result.counts[part]) as [SyncStatus, number][]) {
      progress.counts[part][status] = (progress.counts[part][status] ?? 0) + count;
    }
  }
  progress.skipped += result.skipped;
  progress.retriesExhausted += result.retriesExhausted;
  progress.errors += result.errors.length;
}
