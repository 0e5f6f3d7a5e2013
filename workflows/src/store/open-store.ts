/**
 * `openStore`: PostgreSQL when a database URL is given (or DATABASE_URL is set), else embedded PGlite
 * in `dataDir` (default `.data/pglite`; `memory://` for tests). Migrations run before it is returned.
 */
import type { SqlDriver } from './driver.js';
import { openPgDriver } from './pg-driver.js';
import { openPgliteDriver } from './pglite-driver.js';
import { SqlInvoiceStore } from './sql-store.js';

export interface OpenStoreOptions {
  /** `postgres://...`; default: the DATABASE_URL environment variable; empty string forces PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; default `.data/pglite`. */
  dataDir?: string;
  /** A schema to create and use (e.g. one per test run); default the connection's own (`public`). */
  schema?: string;
}

export const DEFAULT_DATA_DIR = '.data/pglite';

export async function openStore(options: OpenStoreOptions = {}): Promise<SqlInvoiceStore> {
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? '';
  const driver: SqlDriver =
    databaseUrl !== ''
      ? await openPgDriver(databaseUrl, options.schema)
      : await openPgliteDriver(options.dataDir ?? DEFAULT_DATA_DIR, options.schema);
  const store = new SqlInvoiceStore(driver);
  try {
    await store.migrate();
    // Runs left `running` by a killed process: all of them when no other process can write here, else
    // those whose heartbeat has gone stale.
    if (driver.soleWriter) await store.closeInterruptedRuns();
    else await store.markStaleRuns();
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
  return store;
}
