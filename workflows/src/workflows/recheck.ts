/**
 * Run by the Schedule `invoice-recheck-<taxCode>`: re-checks the invoices whose XML or details were
 * `unavailable` or `incomplete` once their next check (backoff by age) is due. The same queue-driven
 * sync as the manual re-sync, with the selection made in the store and nothing forced.
 */
import { continueAsNew } from '@temporalio/workflow';
import { ALL_PARTS } from '../sync/batch.js';
import type { RecheckInput, SyncProgress } from './definitions.js';
import { runQueuedSync } from './resync-invoices.js';

const DEFAULT_LIMIT = 2_000;

export async function recheckWorkflow(input: RecheckInput): Promise<SyncProgress> {
  const parts = input.parts ?? [...ALL_PARTS];
  return runQueuedSync(
    {
      taxCode: input.taxCode,
      parts,
      force: false,
      lingerMs: 0,
      ...(input.batchSize !== undefined ? { batchSize: input.batchSize } : {}),
      ...(input.portalTaskQueue ? { portalTaskQueue: input.portalTaskQueue } : {}),
      ...(input.portalRetry ? { portalRetry: input.portalRetry } : {}),
      ...(input.resume
        ? { resume: input.resume }
        : { initial: [{ selection: { due: true, limit: input.limit ?? DEFAULT_LIMIT } }] }),
    },
    (next) =>
      continueAsNew<typeof recheckWorkflow>({
        ...input,
        ...(next.resume ? { resume: next.resume } : {}),
      }),
  );
}
