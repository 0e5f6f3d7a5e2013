/** Inputs, results, queries and updates of the sync workflows; shared with the client. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { InvoiceDirection, InvoiceFamily, InvoiceKey } from '../portal/types.js';
import type { SyncPart, SyncStatus } from '../store/types.js';
import type { ListingState } from '../sync/listing.js';
import type { WindowSize } from '../sync/plan.js';
import type { PortalRetryPolicy } from '../sync/retry-policy.js';

export type PartCounts = Record<SyncPart, Partial<Record<SyncStatus, number>>>;

export interface BatchResult {
  counts: PartCounts;
  /** Parts not fetched because they were already done. */
  skipped: number;
  /** Parts whose retries ran out on passing faults: still `not_synced`, picked up by the next run. */
  retriesExhausted: number;
  /** 429s waited out on a timer and sent again (absent in results of batches run before it existed). */
  rateLimitWaits?: number;
  /** Invoices the batch could not work on (e.g. not in the store), with the reason. */
  errors: { key: string; error: string }[];
  /** Portal activities the batch started. */
  portalCalls: number;
}

/** One invoice's parts for a batch; `force` re-fetches parts already `synced` or `failed`. */
export interface BatchItem {
  key: InvoiceKey;
  parts: SyncPart[];
  force?: boolean;
}

/** Where portal activities go and how they retry: set by the starter, carried to children. */
export interface PortalCallOptions {
  /** The rate-limited task queue of portal activities (default `tax-portal`). */
  portalTaskQueue?: string;
  /** Overrides the shared retry schedule (tests, or ops slowing retries down). */
  portalRetry?: PortalRetryPolicy;
}

export interface SyncBatchInput extends PortalCallOptions {
  items: BatchItem[];
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
  /** 429s the batches waited out and sent again. */
  rateLimitWaits: number;
  errors: number;
  continuedAsNew: number;
  /** Single-day windows the portal capped below their total: rows beyond the cap could not be listed. */
  cappedWindows: number;
  /** Portal activities started (real portal calls; store-only work is not counted). */
  portalCalls: number;
}

export interface SyncPeriodInput extends PortalCallOptions {
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
  /** Carried over continue-as-new: a cursor and counters, never invoice keys. */
  resume?: { listing: ListingState; batchNumber: number; progress: SyncProgress };
}

/** What to add to a re-sync: explicit keys (at most `MAX_KEYS_PER_UPDATE`), or a selection from the store. */
export interface AddInvoicesRequest {
  keys?: InvoiceKey[];
  selection?: { period?: string; direction?: InvoiceDirection; due?: boolean; limit?: number };
  parts?: SyncPart[];
  force?: boolean;
}

export interface ResyncInput extends PortalCallOptions {
  taxCode: string;
  /** Parts of requests that name none. */
  parts: SyncPart[];
  /** Re-fetch even parts already `synced` or `failed` (default true: the user asked for these). */
  force?: boolean;
  batchSize?: number;
  maxConcurrentBatches?: number;
  /** How long to wait for more "add these invoices" requests after the queue runs dry. */
  lingerMs?: number;
  maxBatchesPerRun?: number;
  /** Queued at start (the schedule's re-check, held signals); requests usually come by update or signal. */
  initial?: AddInvoicesRequest[];
  /** Carried over continue-as-new. */
  resume?: { queueId: string; batchNumber: number; progress: SyncProgress };
}

export interface AddInvoicesResult {
  /** Invoices with a part newly queued. */
  accepted: number;
  /** Already queued, running or done in this workflow: joined, not repeated. */
  joined: number;
  /** Requested invoices not in the store: nothing queued for them. */
  unknownCount: number;
  unknown: string[];
}

export interface RecheckInput extends PortalCallOptions {
  taxCode: string;
  parts?: SyncPart[];
  batchSize?: number;
  /** At most this many invoices per scheduled run (the rest wait for the next one). */
  limit?: number;
  /** Carried over continue-as-new. */
  resume?: ResyncInput['resume'];
}

/** Keys per `addInvoices` update: about 100 KB, far below the 2 MB payload limit. */
export const MAX_KEYS_PER_UPDATE = 1_000;

export const getProgressQuery = defineQuery<SyncProgress>('getProgress');
export const addInvoicesUpdate = defineUpdate<AddInvoicesResult, [AddInvoicesRequest]>('addInvoices');
export const addInvoicesSignal = defineSignal<[AddInvoicesRequest]>('addInvoicesSignal');

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
    rateLimitWaits: 0,
    errors: 0,
    continuedAsNew: 0,
    cappedWindows: 0,
    portalCalls: 0,
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
  progress.rateLimitWaits = (progress.rateLimitWaits ?? 0) + (result.rateLimitWaits ?? 0);
  progress.errors += result.errors.length;
  progress.portalCalls += result.portalCalls;
}
