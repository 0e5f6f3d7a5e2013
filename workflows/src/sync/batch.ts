/**
 * Batching of invoice keys and workflow ids derived from what a workflow works on, so a second request
 * for the same invoices (or period) finds and joins the first one.
 */
import { formatInvoiceKey, type InvoiceDirection, type InvoiceKey } from '../portal/types.js';
import type { SyncPart } from '../store/types.js';

export const ALL_PARTS: readonly SyncPart[] = ['details', 'xml'];
export const DEFAULT_BATCH_SIZE = 50;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Keys without repeats, first occurrence kept. */
export function uniqueKeys(keys: readonly InvoiceKey[]): InvoiceKey[] {
  const seen = new Set<string>();
  const unique: InvoiceKey[] = [];
  for (const key of keys) {
    const text = formatInvoiceKey(key);
    if (!seen.has(text)) {
      seen.add(text);
      unique.push({ nbmst: key.nbmst, khmshdon: key.khmshdon, khhdon: key.khhdon, shdon: key.shdon });
    }
  }
  return unique;
}

/** Sorted, deduplicated parts: `['xml', 'details']` and `['details', 'xml']` are the same selection. */
export function normaliseParts(parts: readonly SyncPart[]): SyncPart[] {
  const wanted = new Set(parts);
  return ALL_PARTS.filter((part) => wanted.has(part));
}

/** One re-sync workflow per tax code: overlapping requests meet in it and join. */
export function resyncWorkflowId(taxCode: string): string {
  return `resync-${taxCode}`;
}

/** Scheduled re-checks per tax code. */
export function recheckScheduleId(taxCode: string): string {
  return `invoice-recheck-${taxCode}`;
}

/** One coordinator per (tax code, direction, period). */
export function periodWorkflowId(taxCode: string, direction: InvoiceDirection, period: string): string {
  return `sync-${taxCode}-${direction}-${period}`;
}

export function batchWorkflowId(parentId: string, batchNumber: number): string {
  return `${parentId}-batch-${batchNumber}`;
}
