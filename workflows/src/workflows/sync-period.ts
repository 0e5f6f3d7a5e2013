/**
 * Coordinator per (tax code, direction, period): walks the listing plan page by page through the
 * shared listing state machine (headers are upserted by the activity; only the page's keys come back),
 * hands each page's keys straight to a child batch for details and XML, and continues as new before its
 * history grows long. Its state is a cursor and counters: no invoice key outlives the page it came in.
 */
import { ApplicationFailure, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { ALL_PARTS, chunk, DEFAULT_BATCH_SIZE } from '../sync/batch.js';
import { listingDone, nextPage, onPage, startListing, type ListingState } from '../sync/listing.js';
import { planListing, type ListingSlice } from '../sync/plan.js';
import { portalActivities } from './activity-proxies.js';
import { childBatches } from './child-batches.js';
import { emptyProgress, getProgressQuery, type SyncPeriodInput, type SyncProgress } from './definitions.js';
import { checkedBatchSize } from './failure-kind.js';
import { outstandingPublisher } from './search-attributes.js';

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
  const { listHeadersPage } = portalActivities(input);
  const parts = input.parts ?? [...ALL_PARTS];
  const batchSize = checkedBatchSize(input.batchSize, DEFAULT_BATCH_SIZE);
  let listing: ListingState =
    input.resume?.listing ??
    startListing(
      planOrFail(() =>
        planListing({
          period: input.period,
          directions: [input.direction],
          ...(input.families ? { families: input.families } : {}),
          ...(input.window ? { window: input.window } : {}),
        }),
      ),
    );
  const progress: SyncProgress = input.resume?.progress ?? emptyProgress();
  const publishOutstanding = outstandingPublisher();
  setHandler(getProgressQuery, () => ({
    ...progress,
    slicesTotal: listing.slices.length,
    slicesDone: listing.slicesDone,
    cappedWindows: listing.cappedWindows,
  }));

  const batches = childBatches({
    maxConcurrent: input.maxConcurrentBatches ?? DEFAULT_MAX_CONCURRENT_BATCHES,
    firstBatchNumber: input.resume?.batchNumber ?? 0,
    call: input,
    progress,
    publishOutstanding,
  });

  const maxPages = input.maxPagesPerRun ?? DEFAULT_MAX_PAGES_PER_RUN;
  let pagesThisRun = 0;
  const historyLong = () => workflowInfo().continueAsNewSuggested || pagesThisRun >= maxPages;

  for (let request = nextPage(listing); request; request = nextPage(listing)) {
    const page = await listHeadersPage({ taxCode: input.taxCode, ...request });
    pagesThisRun++;
    progress.portalCalls++;
    const seen = onPage(listing, { rows: page.keys.length, nextState: page.nextState, total: page.total });
    listing = seen.state;
    progress.listed = listing.listed + listing.sliceRows;
    // A page is at most the portal's page size, so handing it over whole keeps state bounded.
    for (const keys of chunk(page.keys, batchSize)) {
      progress.outstanding += keys.length;
      await batches.start(keys.map((key) => ({ key, parts })));
    }
    publishOutstanding(progress.outstanding);
    // A capped window's rows come back with its halves: once the batches already started on them are
    // done, the halves' batches find those parts synced and skip them without a portal call.
    if (seen.event === 'slice-halved') await batches.drain();
    if (historyLong() && !listingDone(listing)) {
      // Children must finish first: their results would otherwise be lost with this run's history.
      await batches.drain();
      progress.continuedAsNew++;
      await continueAsNew<typeof syncPeriodWorkflow>({
        ...input,
        resume: { listing, batchNumber: batches.batchNumber, progress },
      });
    }
  }

  progress.phase = 'syncing';
  await batches.drain();
  progress.phase = 'done';
  publishOutstanding(progress.outstanding);
  return {
    ...progress,
    slicesTotal: listing.slices.length,
    slicesDone: listing.slicesDone,
    cappedWindows: listing.cappedWindows,
  };
}
