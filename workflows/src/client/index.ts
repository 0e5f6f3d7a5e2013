export * from './sync-client.js';
// The workflow contract the client speaks: what a sync is started with and what its progress query returns.
export { emptyProgress, type SyncPeriodInput, type SyncProgress } from '../workflows/definitions.js';
