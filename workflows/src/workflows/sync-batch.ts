/**
 * Child workflow: details and/or XML of a batch of invoices. A store-only activity first plans the
 * batch (what is already done, what the listing settles), then one portal activity per real call, so
 * the rate-limited queue only ever carries calls to the portal. Outcomes are stored by the activities;
 * this returns counts only. A call the portal refused with 429 is waited out here, on a timer, and sent
 * again (at most `maximumRateLimitWaits` times): waiting inside the activity would hold a worker slot,
 * and letting Temporal retry it would spend an attempt kept for real faults.
 */
import { isCancellation, setHandler, sleep } from '@temporalio/workflow';
import { isRateLimitedCall, type PartCallResult } from '../activities/part-call-result.js';
import { formatInvoiceKey } from '../portal/types.js';
import { rateLimitWaitsOf } from '../sync/retry-policy.js';
import { RETRYABLE_KINDS } from '../sync/status.js';
import { portalActivities, storeActivities } from './activity-proxies.js';
import { emptyProgress, getProgressQuery, type BatchResult, type SyncBatchInput } from './definitions.js';
import { failureType, isFatal, messageOf } from './failure-kind.js';

const DEFAULT_CONCURRENCY = 8;

export async function syncBatchWorkflow(input: SyncBatchInput): Promise<BatchResult> {
  const { syncDetails, syncXml } = portalActivities(input);
  const { planParts } = storeActivities(input);
  const progress = emptyProgress('syncing');
  progress.outstanding = input.items.length;
  const plan = await planParts({ items: input.items });
  const result: BatchResult = {
    counts: plan.settled,
    skipped: plan.skipped,
    retriesExhausted: 0,
    errors: [...plan.errors],
    portalCalls: 0,
  };
  setHandler(getProgressQuery, () => ({
    ...progress,
    counts: result.counts,
    portalCalls: result.portalCalls,
  }));

  const rateLimitWaits = rateLimitWaitsOf(input.portalRetry);
  let waited = 0;
  let next = 0;
  async function lane(): Promise<void> {
    while (next < plan.calls.length) {
      const { key, part, force } = plan.calls[next++]!;
      const call = part === 'details' ? syncDetails : syncXml;
      const send = (): Promise<PartCallResult> => {
        result.portalCalls++;
        return call({ key, ...(force ? { force: true } : {}) });
      };
      try {
        let outcome = await send();
        for (let waits = 0; isRateLimitedCall(outcome); waits++) {
          if (waits >= rateLimitWaits) break;
          waited++;
          await sleep(outcome.retryAfterMs);
          outcome = await send();
        }
        if (isRateLimitedCall(outcome)) result.retriesExhausted++;
        else if (outcome.skipped) result.skipped++;
        else result.counts[part][outcome.status] = (result.counts[part][outcome.status] ?? 0) + 1;
      } catch (error) {
        // The account cannot log in, or the run was cancelled: this batch stops, and so does its parent.
        if (isFatal(error) || isCancellation(error)) throw error;
        if (failureTypeIsRetryable(error)) result.retriesExhausted++;
        else result.errors.push({ key: formatInvoiceKey(key), error: messageOf(error) });
      }
    }
  }
  const wanted =
    Number.isInteger(input.concurrency) && input.concurrency! > 0 ? input.concurrency! : DEFAULT_CONCURRENCY;
  const lanes = Math.max(1, Math.min(wanted, plan.calls.length));
  await Promise.all(Array.from({ length: lanes }, () => lane()));
  result.rateLimitWaits = waited;
  progress.outstanding = 0;
  progress.phase = 'done';
  return result;
}

function failureTypeIsRetryable(error: unknown): boolean {
  const type = failureType(error);
  return type !== null && (RETRYABLE_KINDS as ReadonlySet<string>).has(type);
}
