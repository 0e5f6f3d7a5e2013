/**
 * Batch children started with bounded concurrency: the parent hands over a batch and forgets its keys;
 * only the running children's promises are kept. A batch that fails (bad credentials, cancellation)
 * stops the parent where it next waits.
 */
import { executeChild, workflowInfo } from '@temporalio/workflow';
import { batchWorkflowId } from '../sync/batch.js';
import { addBatchResult, type BatchItem, type PortalCallOptions, type SyncProgress } from './definitions.js';
import { syncBatchWorkflow } from './sync-batch.js';

export interface ChildBatches {
  /** Starts a batch once fewer than `maxConcurrent` run; resolves when it has started. */
  start(items: BatchItem[]): Promise<void>;
  /** Waits for every running batch (before continue-as-new or the end). */
  drain(): Promise<void>;
  readonly running: number;
  /** The number of the last batch started (carried over continue-as-new so ids never repeat). */
  readonly batchNumber: number;
}

/** Batches that count themselves into `progress` and publish what is still outstanding. */
export function childBatches(options: {
  maxConcurrent: number;
  firstBatchNumber: number;
  call: PortalCallOptions;
  progress: SyncProgress;
  publishOutstanding(outstanding: number): void;
}): ChildBatches {
  const { progress } = options;
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let batchNumber = options.firstBatchNumber;

  function throwIfFailed(): void {
    if (failure) throw failure.error;
  }

  return {
    get running() {
      return running.size;
    },
    get batchNumber() {
      return batchNumber;
    },
    async start(items) {
      while (running.size >= options.maxConcurrent) await Promise.race(running);
      throwIfFailed();
      batchNumber++;
      progress.batchesStarted++;
      const child = executeChild(syncBatchWorkflow, {
        workflowId: batchWorkflowId(workflowInfo().workflowId, batchNumber),
        args: [
          {
            items,
            ...(options.call.portalTaskQueue ? { portalTaskQueue: options.call.portalTaskQueue } : {}),
            ...(options.call.portalRetry ? { portalRetry: options.call.portalRetry } : {}),
          },
        ],
      }).then((result) => {
        progress.batchesDone++;
        progress.outstanding -= items.length;
        addBatchResult(progress, result);
        options.publishOutstanding(progress.outstanding);
      });
      const tracked: Promise<void> = child
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => running.delete(tracked));
      running.add(tracked);
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
      throwIfFailed();
    },
  };
}
