/**
 * The store as `openStore` opens it, with the invoice workspace's queries over the same connection
 * (one PGlite instance per data folder: the app cannot open a second one beside the store).
 */
import type { SqlDriver, SqlExecutor } from './driver.js';
import type { OpenStoreOptions } from './open-store.js';
import { DEFAULT_DATA_DIR } from './open-store.js';
import { openPgDriver } from './pg-driver.js';
import { openPgliteDriver } from './pglite-driver.js';
import { SqlInvoiceStore } from './sql-store.js';
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
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? '';
  const driver: SqlDriver =
    databaseUrl !== ''
      ? await openPgDriver(databaseUrl, options.schema)
      : await openPgliteDriver(options.dataDir ?? DEFAULT_DATA_DIR, options.schema);
  const store = new SqlInvoiceStore(driver);
  try {
    await store.migrate();
    if (driver.soleWriter) await store.closeInterruptedRuns();
    else await store.markStaleRuns();
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
  return {
    store,
    workspace: new WorkspaceQueries(driver),
    kind: driver.kind,
    sql: driver,
    close: () => store.close(),
  };
}
