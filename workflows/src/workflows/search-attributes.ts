/**
 * Search attributes for ops. Upserted only when the starter set them (which proves the namespace has
 * them registered): upserting an unknown attribute would fail every workflow task.
 */
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../temporal-config.js';

export function searchAttributesEnabled(): boolean {
  return workflowInfo().typedSearchAttributes.get(SEARCH_ATTRIBUTES.syncKind) !== undefined;
}

/** Returns a function that upserts `OutstandingCount` when it changed (each upsert is a history event). */
export function outstandingPublisher(): (outstanding: number) => void {
  const enabled = searchAttributesEnabled();
  let last: number | null = null;
  return (outstanding) => {
    if (!enabled || outstanding === last) return;
    last = outstanding;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.outstandingCount, value: outstanding }]);
  };
}
