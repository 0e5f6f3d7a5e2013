/** The workflow bundle's entry: every workflow the `invoice-sync` worker runs. */
export { syncPeriodWorkflow } from './sync-period.js';
export { syncBatchWorkflow } from './sync-batch.js';
export { resyncInvoicesWorkflow } from './resync-invoices.js';
export { recheckWorkflow } from './recheck.js';
