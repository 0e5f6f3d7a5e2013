/**
 * Manual bulk re-sync ("sync these invoices now"), one workflow per tax code. Requests come by the
 * `addInvoices` update (update-with-start, so the first request starts it) or the `addInvoicesSignal`
 * fallback; they go to a work queue in the store, one row per invoice and part, so a request for parts
 * already queued, running or done in this workflow joins them and nothing is synced twice. Batches are
 * claimed from the queue; the workflow holds counters only, whatever the selection's size.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { InvoiceKey } from '../portal/types.js';
import type { SyncPart } from '../store/types.js';
import { DEFAULT_BATCH_SIZE, normaliseParts } from '../sync/batch.js';
import { storeActivities } from './activity-proxies.js';
import { childBatches } from './child-batches.js';
import {
  addInvoicesSignal,
  addInvoicesUpdate,
  emptyProgress,
  getProgressQuery,
  MAX_KEYS_PER_UPDATE,
  type AddInvoicesRequest,
  type AddInvoicesResult,
  type ResyncInput,
  type SyncProgress,
} from './definitions.js';
import { checkedBatchSize } from './failure-kind.js';
import { outstandingPublisher } from './search-attributes.js';

const DEFAULT_LINGER_MS = 5_000;
const DEFAULT_MAX_BATCHES_PER_RUN = 100;
const DEFAULT_MAX_CONCURRENT_BATCHES = 4;
const PARTS: readonly SyncPart[] = ['details', 'xml'];

/** The rejection a client retries: this run is about to end or continue as new. */
export const RESYNC_CLOSING = 'resync_closing';

function isInvoiceKey(value: unknown): value is InvoiceKey {
  if (!value || typeof value !== 'object') return false;
  const key = value as Record<string, unknown>;
  return (
    typeof key.nbmst === 'string' &&
    key.nbmst !== '' &&
    typeof key.khhdon === 'string' &&
    key.khhdon !== '' &&
    Number.isSafeInteger(key.khmshdon) &&
    Number.isSafeInteger(key.shdon)
  );
}

/** Why a request is refused, or null. Deterministic: it runs as the update's validator. */
export function requestProblem(request: AddInvoicesRequest | undefined): string | null {
  if (!request || typeof request !== 'object') return 'addInvoices expects { keys } or { selection }';
  const { keys, selection, parts } = request;
  if ((keys === undefined) === (selection === undefined)) return 'addInvoices expects keys or a selection';
  if (keys !== undefined) {
    if (!Array.isArray(keys) || keys.length > MAX_KEYS_PER_UPDATE)
      return `addInvoices takes 0..${MAX_KEYS_PER_UPDATE} keys per request (send more in several)`;
    const bad = keys.findIndex((key) => !isInvoiceKey(key));
    if (bad >= 0) return `addInvoices: key ${bad + 1} is not {nbmst, khmshdon, khhdon, shdon}`;
  }
  if (parts !== undefined && (!Array.isArray(parts) || !parts.every((part) => PARTS.includes(part))))
    return 'addInvoices: parts must be details and/or xml';
  return null;
}

/**
 * The queue-driven sync both the re-sync and the scheduled re-check run. `continueWith` continues the
 * calling workflow as new with the state it is given.
 */
export async function runQueuedSync(
  input: ResyncInput,
  continueWith: (next: ResyncInput) => Promise<never>,
): Promise<SyncProgress> {
  const { enqueue, claimQueued, dropQueue } = storeActivities(input);
  const batchSize = checkedBatchSize(input.batchSize, DEFAULT_BATCH_SIZE);
  const info = workflowInfo();
  const queueId = input.resume?.queueId ?? `${info.workflowId}/${info.firstExecutionRunId}`;
  const progress: SyncProgress = input.resume?.progress ?? emptyProgress('syncing');
  const publishOutstanding = outstandingPublisher();
  /** Invoices accepted so far: a change means there may be new rows to claim. */
  let acceptedTotal = 0;
  /** Set while the run ends or continues as new: updates are refused (the client retries), signals wait. */
  let closing = false;
  const heldSignals: AddInvoicesRequest[] = [];

  async function add(request: AddInvoicesRequest): Promise<AddInvoicesResult> {
    const parts = normaliseParts(request.parts ?? input.parts);
    const force = request.force ?? input.force ?? true;
    const result = await enqueue({
      queueId,
      force,
      ...(request.keys
        ? { items: request.keys.map((key) => ({ key, parts })) }
        : {
            selection: {
              taxCode: input.taxCode,
              parts,
              mode: request.selection?.due ? 'due' : 'missing',
              ...(request.selection?.period ? { period: request.selection.period } : {}),
              ...(request.selection?.direction ? { direction: request.selection.direction } : {}),
              ...(request.selection?.limit !== undefined ? { limit: request.selection.limit } : {}),
            },
          }),
    });
    acceptedTotal += result.accepted;
    progress.listed += result.accepted;
    progress.outstanding += result.accepted;
    return result;
  }

  setHandler(getProgressQuery, () => progress);
  setHandler(addInvoicesUpdate, add, {
    validator: (request) => {
      if (closing)
        throw ApplicationFailure.create({
          message: 'the re-sync is ending: send again',
          type: RESYNC_CLOSING,
        });
      const problem = requestProblem(request);
      if (problem)
        throw ApplicationFailure.create({ message: problem, type: 'invalid_input', nonRetryable: true });
    },
  });
  setHandler(addInvoicesSignal, async (request) => {
    // Signals cannot be refused: a bad one is dropped here, one arriving while the run ends is held.
    if (requestProblem(request) !== null) return;
    if (closing) heldSignals.push(request);
    else await add(request);
  });

  const batches = childBatches({
    maxConcurrent: input.maxConcurrentBatches ?? DEFAULT_MAX_CONCURRENT_BATCHES,
    firstBatchNumber: input.resume?.batchNumber ?? 0,
    call: input,
    progress,
    publishOutstanding,
  });
  const maxBatches = input.maxBatchesPerRun ?? DEFAULT_MAX_BATCHES_PER_RUN;
  let batchesThisRun = 0;

  /** Everything queued so far goes to batches; continues as new when the history grows long. */
  async function drainQueue(): Promise<void> {
    for (;;) {
      if (workflowInfo().continueAsNewSuggested || batchesThisRun >= maxBatches) {
        await batches.drain();
        await condition(allHandlersFinished);
        closing = true;
        progress.continuedAsNew++;
        // Signals held meanwhile go with the new run as its first requests.
        await continueWith({
          ...input,
          initial: heldSignals.splice(0),
          resume: { queueId, batchNumber: batches.batchNumber, progress },
        });
      }
      const items = await claimQueued({ queueId, batch: batches.batchNumber + 1, limit: batchSize });
      if (items.length === 0) return;
      batchesThisRun++;
      await batches.start(items);
    }
  }

  for (const request of input.initial ?? []) await add(request);
  for (;;) {
    // Taken before the queue is claimed dry: a request accepted after the last claim shows as a change.
    const seen = acceptedTotal;
    await drainQueue();
    await batches.drain();
    if (acceptedTotal !== seen) continue;
    // Linger a little so requests arriving just after the queue ran dry join this run.
    if (await condition(() => acceptedTotal !== seen, input.lingerMs ?? DEFAULT_LINGER_MS)) continue;
    await condition(allHandlersFinished);
    if (acceptedTotal !== seen) continue;
    // From here on updates are refused (the client sends them again to the next run), so none is
    // accepted and then lost with this run.
    closing = true;
    await dropQueue({ queueId });
    if (heldSignals.length === 0) break;
    closing = false;
    for (const request of heldSignals.splice(0)) await add(request);
  }
  progress.phase = 'done';
  publishOutstanding(progress.outstanding);
  return progress;
}

export async function resyncInvoicesWorkflow(input: ResyncInput): Promise<SyncProgress> {
  return runQueuedSync(input, (next) => continueAsNew<typeof resyncInvoicesWorkflow>(next));
}
