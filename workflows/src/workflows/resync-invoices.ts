/**
 * Manual bulk re-sync ("sync these invoices now"). Started with update-with-start (or signal-with-start)
 * under an id derived from the selection, so a second request for the same invoices joins this run; the
 * `addInvoices` update (or signal) queues more invoices while it runs. Each invoice is queued once.
 */
import {
  condition,
  continueAsNew,
  executeChild,
  setHandler,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import { formatInvoiceKey, type InvoiceKey } from '../portal/types.js';
import { batchWorkflowId, DEFAULT_BATCH_SIZE, uniqueKeys } from '../sync/batch.js';
import {
  addBatchResult,
  addInvoicesSignal,
  addInvoicesUpdate,
  emptyProgress,
  getProgressQuery,
  type AddInvoicesResult,
  type ResyncInput,
  type SyncProgress,
} from './definitions.js';
import { checkedBatchSize } from './failure-kind.js';
import { outstandingPublisher } from './search-attributes.js';
import { syncBatchWorkflow } from './sync-batch.js';

const DEFAULT_LINGER_MS = 5_000;
const DEFAULT_MAX_BATCHES_PER_RUN = 100;
const MAX_KEYS_PER_REQUEST = 10_000;

function isInvoiceKey(value: unknown): value is InvoiceKey {
  if (!value || typeof value !== 'object') return false;
  const key = value as Record<string, unknown>;
  return (
    typeof key.nbmst === 'string' &&
    key.nbmst !== '' &&
    typeof key.khhdon === 'string' &&
    key.khhdon !== '' &&
    Number.isInteger(key.khmshdon) &&
    Number.isInteger(key.shdon)
  );
}

export async function resyncInvoicesWorkflow(input: ResyncInput): Promise<SyncProgress> {
  const batchSize = checkedBatchSize(input.batchSize, DEFAULT_BATCH_SIZE);
  const progress: SyncProgress = input.resume?.progress ?? emptyProgress('syncing');
  const queued: InvoiceKey[] = [...(input.resume?.queued ?? [])];
  const seen = new Set<string>(input.resume?.seen ?? []);
  let batchNumber = input.resume?.batchNumber ?? 0;
  const publishOutstanding = outstandingPublisher();

  function enqueue(keys: InvoiceKey[]): AddInvoicesResult {
    let accepted = 0;
    for (const key of uniqueKeys(keys)) {
      const text = formatInvoiceKey(key);
      if (seen.has(text)) continue;
      seen.add(text);
      queued.push(key);
      accepted++;
    }
    progress.listed += accepted;
    progress.outstanding += accepted;
    return { accepted, joined: keys.length - accepted, queued: queued.length };
  }

  setHandler(getProgressQuery, () => progress);
  setHandler(addInvoicesUpdate, (keys) => enqueue(keys), {
    validator: (keys) => {
      if (!Array.isArray(keys) || keys.length > MAX_KEYS_PER_REQUEST || !keys.every(isInvoiceKey)) {
        throw new Error(
          `addInvoices expects 0..${MAX_KEYS_PER_REQUEST} invoice keys {nbmst, khmshdon, khhdon, shdon}`,
        );
      }
    },
  });
  setHandler(addInvoicesSignal, (keys) => {
    // Signals cannot be validated up front: bad entries are dropped here, never half-applied.
    if (Array.isArray(keys)) enqueue(keys.filter(isInvoiceKey));
  });
  if (!input.resume) enqueue(input.keys ?? []);

  let batchesThisRun = 0;
  for (;;) {
    while (queued.length > 0) {
      const keys = queued.splice(0, batchSize);
      batchNumber++;
      batchesThisRun++;
      progress.batchesStarted++;
      const result = await executeChild(syncBatchWorkflow, {
        workflowId: batchWorkflowId(workflowInfo().workflowId, batchNumber),
        args: [{ items: keys.map((key) => ({ key, parts: input.parts })), force: input.force ?? true }],
      });
      progress.batchesDone++;
      progress.outstanding -= keys.length;
      addBatchResult(progress, result);
      publishOutstanding(progress.outstanding);
      if (
        workflowInfo().continueAsNewSuggested ||
        batchesThisRun >= (input.maxBatchesPerRun ?? DEFAULT_MAX_BATCHES_PER_RUN)
      ) {
        await condition(allHandlersFinished);
        progress.continuedAsNew++;
        await continueAsNew<typeof resyncInvoicesWorkflow>({
          ...input,
          keys: [],
          resume: { queued, seen: [...seen], batchNumber, progress },
        });
      }
    }
    // Linger a little so requests arriving just after the queue ran dry join this run.
    const more = await condition(() => queued.length > 0, input.lingerMs ?? DEFAULT_LINGER_MS);
    if (!more) break;
  }
  await condition(allHandlersFinished);
  progress.phase = 'done';
  return progress;
}
