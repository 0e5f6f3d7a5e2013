export * from './types.js';
export { openStore, DEFAULT_DATA_DIR, type OpenStoreOptions } from './open-store.js';
export { SqlInvoiceStore } from './sql-store.js';
export { StoreError, storeMessages, type StoreMessageKey } from './messages.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export type { SqlDriver, SqlExecutor } from './driver.js';
export { openWorkspaceStore, type WorkspaceStore } from './open-workspace-store.js';
export * from './workspace-queries.js';
