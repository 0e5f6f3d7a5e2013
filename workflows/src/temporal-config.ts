/**
 * Names shared by workflows, workers and clients: task queues and custom search attributes.
 * Register the search attributes once per namespace (dev server or cloud):
 *
 *   temporal operator search-attribute create --namespace default --name TaxCode --type Keyword
 *   temporal operator search-attribute create --namespace default --name Direction --type Keyword
 *   temporal operator search-attribute create --namespace default --name Period --type Keyword
 *   temporal operator search-attribute create --namespace default --name SyncKind --type Keyword
 *   temporal operator search-attribute create --namespace default --name OutstandingCount --type Int
 *
 * (or start a dev server with `temporal server start-dev --search-attribute TaxCode=Keyword ...`).
 * Workflows only upsert them when the starter set them, so an unprepared namespace still works.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUES = {
  /** Workflows and store-only activities. */
  sync: 'invoice-sync',
  /** Activities that call the tax portal; rate-limited across all workers. */
  portal: 'tax-portal',
} as const;

/** The demo's own queues: on a shared server, production workers never pick up its simulator work. */
export const DEMO_TASK_QUEUES = { sync: 'demo-invoice-sync', portal: 'demo-tax-portal' } as const;

export const SEARCH_ATTRIBUTES = {
  taxCode: defineSearchAttributeKey('TaxCode', SearchAttributeType.KEYWORD),
  direction: defineSearchAttributeKey('Direction', SearchAttributeType.KEYWORD),
  period: defineSearchAttributeKey('Period', SearchAttributeType.KEYWORD),
  syncKind: defineSearchAttributeKey('SyncKind', SearchAttributeType.KEYWORD),
  outstandingCount: defineSearchAttributeKey('OutstandingCount', SearchAttributeType.INT),
} as const;

export type SyncKind = 'period' | 'resync' | 'recheck';

/** `temporal operator search-attribute create` lines for the attributes above. */
export function searchAttributeCommands(namespace = 'default'): string[] {
  return Object.values(SEARCH_ATTRIBUTES).map(
    (key) =>
      `temporal operator search-attribute create --namespace ${namespace} --name ${key.name} --type ${key.type === 'INT' ? 'Int' : 'Keyword'}`,
  );
}
