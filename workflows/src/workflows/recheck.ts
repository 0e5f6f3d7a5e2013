/**
 * Run by a Schedule: re-checks invoices whose XML or details were `unavailable` or `incomplete` once
 * their next check (backoff by age) is due, in child batches.
 */
import { executeChild, setHandler, workflowInfo } from '@temporalio/workflow';
import { ALL_PARTS, batchWorkflowId, chunk, DEFAULT_BATCH_SIZE } from '../sync/batch.js';
import { storeActivities } from './activity-proxies.js';
import {
  addBatchResult,
  emptyProgress,
  getProgressQuery,
  type RecheckInput,
  type SyncProgress,
} from './definitions.js';
import { checkedBatchSize } from './failure-kind.js';
import { syncBatchWorkflow } from './sync-batch.js';

const DEFAULT_LIMIT = 2_000;

export async function recheckWorkflow(input: RecheckInput = {}): Promise<SyncProgress> {
  const { selectInvoices } = storeActivities();
  const batchSize = checkedBatchSize(input.batchSize, DEFAULT_BATCH_SIZE);
  const progress = emptyProgress('listing');
  setHandler(getProgressQuery, () => progress);
  const due = await selectInvoices({
    ...(input.taxCode ? { taxCode: input.taxCode } : {}),
    parts: input.parts ?? [...ALL_PARTS],
    mode: 'due',
    limit: input.limit ?? DEFAULT_LIMIT,
  });
  progress.listed = due.length;
  progress.outstanding = due.length;
  progress.phase = 'syncing';
  let batchNumber = 0;
  for (const items of chunk(due, batchSize)) {
    batchNumber++;
    progress.batchesStarted++;
    const result = await executeChild(syncBatchWorkflow, {
      workflowId: batchWorkflowId(workflowInfo().workflowId, batchNumber),
      args: [{ items }],
    });
    progress.batchesDone++;
    progress.outstanding -= items.length;
    addBatchResult(progress, result);
  }
  progress.phase = 'done';
  return progress;
}
