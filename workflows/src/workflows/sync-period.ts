/**
 * Coordinator per (tax code, direction, period): walks the listing plan page by page (headers are
 * upserted by the activity, only keys come back), starts a child workflow per batch of keys for details
 * and XML, and continues as new before history grows too long, carrying its cursor and progress.
 */
import {
  ApplicationFailure,
  continueAsNew,
  executeChild,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { InvoiceKey } from '../portal/types.js';
import { ALL_PARTS, batchWorkflowId, chunk, DEFAULT_BATCH_SIZE } from '../sync/batch.js';
import { halveSlice, planListing, type ListingSlice } from '../sync/plan.js';
import { portalActivities } from './activity-proxies.js';
import {
  addBatchResult,
  emptyProgress,
  getProgressQuery,
  type SyncPeriodInput,
  type SyncProgress,
} from './definitions.js';
import { checkedBatchSize } from './failure-kind.js';
import { outstandingPublisher } from './search-attributes.js';
import { syncBatchWorkflow } from './sync-batch.js';

const DEFAULT_MAX_PAGES_PER_RUN = 200;
const DEFAULT_MAX_CONCURRENT_BATCHES = 4;

/** A bad period is the caller's mistake: fail the workflow, do not retry its task forever. */
function planOrFail(plan: () => ListingSlice[]): ListingSlice[] {
  try {
    return plan();
  } catch (error) {
    throw ApplicationFailure.nonRetryable(
      error instanceof Error ? error.message : String(error),
      'invalid_input',
    );
  }
}

export async function syncPeriodWorkflow(input: SyncPeriodInput): Promise<SyncProgress> {
  const { listHeadersPage } = portalActivities();
  const parts = input.parts ?? [...ALL_PARTS];
  const batchSize = checkedBatchSize(input.batchSize, DEFAULT_BATCH_SIZE);
  const slices = planOrFail(() =>
    planListing({
      period: input.period,
      directions: [input.direction],
      ...(input.families ? { families: input.families } : {}),
      ...(input.window ? { window: input.window } : {}),
    }),
  );
  const progress: SyncProgress = input.resume?.progress ?? { ...emptyProgress(), slicesTotal: slices.length };
  let sliceIndex = input.resume?.sliceIndex ?? 0;
  let state = input.resume?.state ?? null;
  let batchNumber = input.resume?.batchNumber ?? 0;
  const pending: InvoiceKey[] = [...(input.resume?.pending ?? [])];
  // Keys of the slice being paged: released to batches only once the slice proves complete.
  const sliceKeys: InvoiceKey[] = [...(input.resume?.sliceKeys ?? [])];
  if (input.resume?.slices) slices.splice(0, slices.length, ...input.resume.slices);
  setHandler(getProgressQuery, () => progress);
  const publishOutstanding = outstandingPublisher();

  const running = new Set<Promise<void>>();
  // A failed batch (bad credentials) stops the sync; kept here so it is raised where we are waiting.
  let batchFailure: { error: unknown } | null = null;
  async function startBatch(keys: InvoiceKey[]): Promise<void> {
    while (running.size >= (input.maxConcurrentBatches ?? DEFAULT_MAX_CONCURRENT_BATCHES)) {
      await Promise.race(running);
    }
    throwIfBatchFailed();
    batchNumber++;
    progress.batchesStarted++;
    const batch = executeChild(syncBatchWorkflow, {
      workflowId: batchWorkflowId(workflowInfo().workflowId, batchNumber),
      args: [{ items: keys.map((key) => ({ key, parts })) }],
    }).then((result) => {
      progress.batchesDone++;
      progress.outstanding -= keys.length;
      addBatchResult(progress, result);
      publishOutstanding(progress.outstanding);
    });
    const tracked: Promise<void> = batch
      .catch((error: unknown) => {
        batchFailure ??= { error };
      })
      .finally(() => running.delete(tracked));
    running.add(tracked);
  }

  function throwIfBatchFailed(): void {
    if (batchFailure) throw batchFailure.error;
  }

  let pagesThisRun = 0;
  while (sliceIndex < slices.length) {
    const page = await listHeadersPage({ taxCode: input.taxCode, slice: slices[sliceIndex]!, state });
    pagesThisRun++;
    throwIfBatchFailed();
    sliceKeys.push(...page.keys);
    state = page.nextState;
    if (state === null) {
      const halves = sliceKeys.length < page.total ? halveSlice(slices[sliceIndex]!) : null;
      if (halves) {
        // The portal capped this window: list its halves instead (their rows replace these).
        slices.splice(sliceIndex, 1, ...halves);
        progress.slicesTotal++;
      } else {
        if (sliceKeys.length < page.total) progress.cappedWindows++;
        progress.listed += sliceKeys.length;
        progress.outstanding += sliceKeys.length;
        pending.push(...sliceKeys);
        sliceIndex++;
        progress.slicesDone++;
      }
      sliceKeys.length = 0;
    }
    while (pending.length >= batchSize) await startBatch(pending.splice(0, batchSize));
    publishOutstanding(progress.outstanding);

    const tooLong =
      workflowInfo().continueAsNewSuggested ||
      pagesThisRun >= (input.maxPagesPerRun ?? DEFAULT_MAX_PAGES_PER_RUN);
    if (tooLong && sliceIndex < slices.length) {
      // Children must finish first: their results would otherwise be lost with this run's history.
      await Promise.all(running);
      throwIfBatchFailed();
      progress.continuedAsNew++;
      await continueAsNew<typeof syncPeriodWorkflow>({
        ...input,
        resume: { sliceIndex, state, batchNumber, pending, sliceKeys, slices, progress },
      });
    }
  }

  progress.phase = 'syncing';
  for (const keys of chunk(pending.splice(0), batchSize)) await startBatch(keys);
  await Promise.all(running);
  throwIfBatchFailed();
  progress.phase = 'done';
  publishOutstanding(progress.outstanding);
  return progress;
}
