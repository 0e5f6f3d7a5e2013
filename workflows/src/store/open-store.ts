/**
 * `openStore`: PostgreSQL when a database URL is given (or DATABASE_URL is set), else embedded PGlite
 * in `dataDir` (default `.data/pglite`; `memory://` for tests). Migrations run before it is returned.
 * A PGlite folder on disk publishes its runs for `status` in other processes (`run-snapshot.ts`).
 */
import type { SqlDriver } from './driver.js';
import { StoreError } from './messages.js';
import { openPgDriver } from './pg-driver.js';
import { openPgliteDriver } from './pglite-driver.js';
import { publishRunSnapshots } from './run-snapshot.js';
import { SqlInvoiceStore } from './sql-store.js';

export { readRunSnapshot, RUN_SNAPSHOT_FILE, type RunSnapshot } from './run-snapshot.js';

export interface OpenStoreOptions {
  /** `postgres://...`; default: the DATABASE_URL environment variable; empty string forces PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; default `.data/pglite`. */
  dataDir?: string;
  /** A schema to create and use (e.g. one per test run); default the connection's own (`public`). */
  schema?: string;
}

export const DEFAULT_DATA_DIR = '.data/pglite';

/** A database URL fit to print: the password replaced by `***`. */
export function maskDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * node-postgres reads anything as a connection string: `not-a-url` becomes a host named `base` and
 * fails as "getaddrinfo ENOTFOUND base". Only a postgres:// or postgresql:// URL is accepted.
 */
function checkDatabaseUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')) {
    throw new StoreError('store.badDatabaseUrl', { value: maskDatabaseUrl(url) });
  }
  return parsed;
}

/** Socket errors meaning nothing answers at the URL's host and port, in words. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

function unreachableReason(error: unknown): string | null {
  const codes = [error, ...((error as { errors?: unknown[] } | null)?.errors ?? [])].map(
    (each) => (each as { code?: unknown } | null)?.code,
  );
  const code = codes.find((each): each is string => typeof each === 'string' && each in UNREACHABLE);
  return code ? `${UNREACHABLE[code]} (${code})` : null;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<SqlInvoiceStore> {
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? '';
  const url = databaseUrl !== '' ? checkDatabaseUrl(databaseUrl) : null;
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const driver: SqlDriver = url
    ? await openPgDriver(databaseUrl, options.schema).catch((error: unknown) => {
        throw unreachable(url, error) ?? error;
      })
    : await openPgliteDriver(dataDir, options.schema);
  let store = new SqlInvoiceStore(driver);
  try {
    await store.migrate();
    // Runs left `running` by a killed process: all of them when no other process can write here, else
    // those whose heartbeat has gone stale.
    if (driver.soleWriter) await store.closeInterruptedRuns();
    else await store.markStaleRuns();
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw (url && unreachable(url, error)) || error;
  }
  if (!url && !dataDir.includes('://')) store = publishRunSnapshots(store, dataDir);
  return store;
}

function unreachable(url: URL, error: unknown): StoreError | null {
  const reason = unreachableReason(error);
  if (!reason) return null;
  return new StoreError('store.databaseUnreachable', {
    place: `${url.hostname || 'localhost'}:${url.port || '5432'}`,
    reason,
  });
}
