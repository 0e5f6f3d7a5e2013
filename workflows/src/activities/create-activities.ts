/**
 * Temporal activities over the sync operations. Activities that call the portal run on the
 * `tax-portal` task queue (rate-limited across workers); store-only activities (planning a batch, the
 * re-sync queue, selections) run on the workflows' queue and never spend the portal's rate limit. Every
 * activity heartbeats while it runs, so a slow login or export is not timed out while it still works,
 * and a cancellation reaches the portal call through the abort signal.
 *
 * A detail or XML call the portal refuses with 429 is returned as `{ rateLimited }`, not thrown: the batch
 * workflow waits it out on a timer (holding no worker slot) and sends it again, so refusals never spend
 * the retry attempts kept for real faults.
 */
import { Context } from '@temporalio/activity';
import type { EnqueueResult, QueuedItem, QueueItem, QueueSelection } from '../store/types.js';
import { createSyncOperations, type SyncDependencies } from './operations.js';
import type {
  ListPageInput,
  ListPageResult,
  PartPlan,
  PartSyncInput,
  PartSyncResult,
  PlanPartsInput,
  SelectedInvoice,
  SelectInput,
} from './operations.js';
import { asActivity } from './failures.js';
import type { PartCallResult } from './part-call-result.js';
import { isRateLimited } from '../portal/errors.js';
import { formatInvoiceKey } from '../portal/types.js';
import { rateLimitWaitMs } from '../sync/retry-policy.js';

export interface PortalActivities {
  listHeadersPage(input: ListPageInput): Promise<ListPageResult>;
  syncDetails(input: PartSyncInput): Promise<PartCallResult>;
  syncXml(input: PartSyncInput): Promise<PartCallResult>;
}

export interface EnqueueInput {
  queueId: string;
  items?: QueueItem[];
  selection?: Omit<QueueSelection, 'now'>;
  force: boolean;
}

export interface ClaimInput {
  queueId: string;
  batch: number;
  limit: number;
}

export interface StoreActivities {
  selectInvoices(input: SelectInput): Promise<SelectedInvoice[]>;
  planParts(input: PlanPartsInput): Promise<PartPlan>;
  enqueue(input: EnqueueInput): Promise<EnqueueResult>;
  claimQueued(input: ClaimInput): Promise<QueuedItem[]>;
  dropQueue(input: { queueId: string }): Promise<number>;
}

export type SyncActivities = PortalActivities & StoreActivities;

export const PORTAL_ACTIVITY_NAMES = ['listHeadersPage', 'syncDetails', 'syncXml'] as const;
export const STORE_ACTIVITY_NAMES = [
  'selectInvoices',
  'planParts',
  'enqueue',
  'claimQueued',
  'dropQueue',
] as const;

/** Heartbeat period while an activity runs; the worker throttles what it sends to the server. */
export const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Runs `work` with the activity's cancellation signal, heartbeating `details` until it settles. The
 * heartbeat is what tells the server the attempt is alive, and what brings a cancellation back.
 */
async function heartbeating<T>(details: unknown, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat(details);
  const timer = setInterval(() => context.heartbeat(details), HEARTBEAT_EVERY_MS);
  try {
    return await asActivity(() => work(context.cancellationSignal));
  } finally {
    clearInterval(timer);
  }
}

async function refusalAsResult(work: () => Promise<PartSyncResult>): Promise<PartCallResult> {
  try {
    return await work();
  } catch (error) {
    if (isRateLimited(error)) return { rateLimited: true, retryAfterMs: rateLimitWaitMs(error.retryAfterMs) };
    throw error;
  }
}

export function createActivities(dependencies: SyncDependencies): SyncActivities {
  const operations = createSyncOperations(dependencies);
  const { store } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  return {
    listHeadersPage: (input) =>
      heartbeating({ slice: input.slice, state: input.state }, (signal) =>
        operations.listHeadersPage(input, signal),
      ),
    syncDetails: (input) =>
      heartbeating({ key: formatInvoiceKey(input.key), part: 'details' }, (signal) =>
        refusalAsResult(() => operations.syncDetails(input, signal)),
      ),
    syncXml: (input) =>
      heartbeating({ key: formatInvoiceKey(input.key), part: 'xml' }, (signal) =>
        refusalAsResult(() => operations.syncXml(input, signal)),
      ),
    selectInvoices: (input) =>
      heartbeating({ selecting: input.mode }, () => operations.selectInvoices(input)),
    planParts: (input) => heartbeating({ planning: input.items.length }, () => operations.planParts(input)),
    enqueue: (input) =>
      heartbeating({ queueId: input.queueId }, () =>
        input.selection
          ? store.enqueueSelection(input.queueId, { ...input.selection, now: now() }, { force: input.force })
          : store.enqueueParts(input.queueId, input.items ?? [], { force: input.force }),
      ),
    claimQueued: (input) =>
      heartbeating({ queueId: input.queueId, batch: input.batch }, () =>
        store.claimQueued(input.queueId, input.batch, input.limit),
      ),
    dropQueue: (input) => heartbeating({ queueId: input.queueId }, () => store.dropQueue(input.queueId)),
  };
}

/** The activities a worker on one task queue registers. */
export function portalActivitiesOf(activities: SyncActivities): PortalActivities {
  const { listHeadersPage, syncDetails, syncXml } = activities;
  return { listHeadersPage, syncDetails, syncXml };
}

export function storeActivitiesOf(activities: SyncActivities): StoreActivities {
  const { selectInvoices, planParts, enqueue, claimQueued, dropQueue } = activities;
  return { selectInvoices, planParts, enqueue, claimQueued, dropQueue };
}
