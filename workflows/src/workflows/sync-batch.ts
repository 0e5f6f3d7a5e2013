/**
 * Child workflow: details and/or XML of a batch of invoices, one activity per invoice and part (so the
 * portal queue's rate limit counts real calls). Outcomes are stored by the activities; this returns
 * counts only.
 */
import { setHandler } from '@temporalio/workflow';
import { formatInvoiceKey } from '../portal/types.js';
import { portalActivities } from './activity-proxies.js';
import {
  emptyCounts,
  emptyProgress,
  getProgressQuery,
  type BatchResult,
  type SyncBatchInput,
} from './definitions.js';
import { failureType, isFatal, messageOf } from './failure-kind.js';
import { RETRYABLE_KINDS } from '../sync/status.js';

const DEFAULT_CONCURRENCY = 8;

export async function syncBatchWorkflow(input: SyncBatchInput): Promise<BatchResult> {
  const { syncDetails, syncXml } = portalActivities();
  const result: BatchResult = { counts: emptyCounts(), skipped: 0, retriesExhausted: 0, errors: [] };
  const progress = emptyProgress('syncing');
  progress.outstanding = input.items.length;
  setHandler(getProgressQuery, () => ({ ...progress, counts: result.counts }));

  const work = input.items.flatMap((item) => item.parts.map((part) => ({ key: item.key, part })));
  let next = 0;
  async function lane(): Promise<void> {
    while (next < work.length) {
      const { key, part } = work[next++]!;
      const call = part === 'details' ? syncDetails : syncXml;
      try {
        const outcome = await call({ key, ...(input.force ? { force: true } : {}) });
        if (outcome.skipped) result.skipped++;
        else result.counts[part][outcome.status] = (result.counts[part][outcome.status] ?? 0) + 1;
      } catch (error) {
        if (isFatal(error)) throw error;
        if (failureTypeIsRetryable(error)) result.retriesExhausted++;
        else result.errors.push({ key: formatInvoiceKey(key), error: messageOf(error) });
      }
    }
  }
  const wanted =
    Number.isInteger(input.concurrency) && input.concurrency! > 0 ? input.concurrency! : DEFAULT_CONCURRENCY;
  const lanes = Math.max(1, Math.min(wanted, work.length));
  await Promise.all(Array.from({ length: lanes }, () => lane()));
  progress.outstanding = 0;
  progress.phase = 'done';
  return result;
}

function failureTypeIsRetryable(error: unknown): boolean {
  const type = failureType(error);
  return type !== null && (RETRYABLE_KINDS as ReadonlySet<string>).has(type);
}
