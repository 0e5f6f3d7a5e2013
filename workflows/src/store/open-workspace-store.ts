/**
 * The store as `openStore` opens it (its two halves: the same URL check, messages, PGlite folder
 * handling and run snapshots), with the invoice workspace's queries over the same connection (one
 * PGlite instance per data folder: the app cannot open a second one beside the store).
 */
import type { SqlDriver, SqlExecutor } from './driver.js';
import { openStoreDriver, openStoreOn, type OpenStoreOptions } from './open-store.js';
import type { SqlInvoiceStore } from './sql-store.js';
import { WorkspaceQueries } from './workspace-queries.js';

export interface WorkspaceStore {
  store: SqlInvoiceStore;
  workspace: WorkspaceQueries;
  kind: SqlDriver['kind'];
  /** The same connection, for tools that load data in bulk (the app's bench). */
  sql: SqlExecutor;
  close(): Promise<void>;
}

export async function openWorkspaceStore(options: OpenStoreOptions = {}): Promise<WorkspaceStore> {
  const driver = await openStoreDriver(options);
  const store = await openStoreOn(driver, options);
  return {
    store,
    workspace: new WorkspaceQueries(driver),
    kind: driver.kind,
    sql: driver,
    close: () => store.close(),
  };
}
