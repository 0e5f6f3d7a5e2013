/**
 * Temporal activities over the sync operations. Activities that call the portal run on the
 * `tax-portal` task queue (rate-limited across workers); `selectInvoices` only reads the store and runs
 * on `invoice-sync`. Each heartbeats with its progress and passes Temporal's cancellation to the portal.
 */
import { Context } from '@temporalio/activity';
import { createSyncOperations, type SyncDependencies } from './operations.js';
import type {
  ListPageInput,
  ListPageResult,
  PartSyncInput,
  PartSyncResult,
  SelectedInvoice,
  SelectInput,
} from './operations.js';
import { asActivity } from './failures.js';
import { formatInvoiceKey } from '../portal/types.js';

export interface PortalActivities {
  listHeadersPage(input: ListPageInput): Promise<ListPageResult>;
  syncDetails(input: PartSyncInput): Promise<PartSyncResult>;
  syncXml(input: PartSyncInput): Promise<PartSyncResult>;
}

export interface StoreActivities {
  selectInvoices(input: SelectInput): Promise<SelectedInvoice[]>;
}

export type SyncActivities = PortalActivities & StoreActivities;

export const PORTAL_ACTIVITY_NAMES = ['listHeadersPage', 'syncDetails', 'syncXml'] as const;
export const STORE_ACTIVITY_NAMES = ['selectInvoices'] as const;

function heartbeat(details: unknown): AbortSignal {
  const context = Context.current();
  context.heartbeat(details);
  return context.cancellationSignal;
}

export function createActivities(dependencies: SyncDependencies): SyncActivities {
  const operations = createSyncOperations(dependencies);
  return {
    listHeadersPage: (input) =>
      asActivity(() => {
        const signal = heartbeat({ slice: input.slice, state: input.state });
        return operations.listHeadersPage(input, signal);
      }),
    syncDetails: (input) =>
      asActivity(() =>
        operations.syncDetails(input, heartbeat({ key: formatInvoiceKey(input.key), part: 'details' })),
      ),
    syncXml: (input) =>
      asActivity(() =>
        operations.syncXml(input, heartbeat({ key: formatInvoiceKey(input.key), part: 'xml' })),
      ),
    selectInvoices: (input) =>
      asActivity(() => {
        heartbeat({ selected: 0 });
        return operations.selectInvoices(input, (selected) => Context.current().heartbeat({ selected }));
      }),
  };
}

/** The activities a worker on one task queue registers. */
export function portalActivitiesOf(activities: SyncActivities): PortalActivities {
  const { listHeadersPage, syncDetails, syncXml } = activities;
  return { listHeadersPage, syncDetails, syncXml };
}

export function storeActivitiesOf(activities: SyncActivities): StoreActivities {
  return { selectInvoices: activities.selectInvoices };
}
