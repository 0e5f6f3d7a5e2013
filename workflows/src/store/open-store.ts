/**
 * `openStore`: PostgreSQL when a database URL is given (or DATABASE_URL is set), else embedded PGlite
 * in `dataDir` (default `.data/pglite`; `memory://` for tests). Migrations run before it is returned.
 * A PGlite folder on disk publishes its runs for `status` in other processes (`run-snapshot.ts`).
 */
import type { SqlDriver } from './driver.js';
import { lockBriefly } from './data-dir-lock.js';
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
  /**
   * The caller holds a PGlite folder for a moment only (`status`): its lock says so, and it publishes
   * no run snapshot. Default false.
   */
  brief?: boolean;
  /** How long to wait for a folder another process holds briefly (default 30 s). */
  briefHolderWaitMs?: number;
  /** Told once when the folder is held briefly by process `pid` and the open waits for it. */
  onBriefHolder?: (pid: number) => void;
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
  if (code) return `${UNREACHABLE[code]} (${code})`;
  // node-postgres's own connection failures ("Connection terminated unexpectedly", a connect timeout)
  // carry no code; errors of the server itself carry a severity.
  const message = error instanceof Error ? error.message : '';
  const fromServer = typeof (error as { severity?: unknown } | null)?.severity === 'string';
  return !fromServer && /connection|connect|timeout|terminated|socket/i.test(message) ? message : null;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<SqlInvoiceStore> {
  return openStoreOn(await openStoreDriver(options), options);
}

function databaseUrlOf(options: OpenStoreOptions): URL | null {
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? '';
  return databaseUrl !== '' ? checkDatabaseUrl(databaseUrl) : null;
}

/**
 * The driver `openStore` uses, for callers that share its connection (the app's workspace queries):
 * the URL checked, an unreachable server named by host:port, a PGlite folder held briefly waited for.
 */
export async function openStoreDriver(options: OpenStoreOptions = {}): Promise<SqlDriver> {
  const url = databaseUrlOf(options);
  if (!url) return openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options);
  // The URL as given (a URL object may re-encode parts of it).
  const text = options.databaseUrl ?? process.env['DATABASE_URL'] ?? '';
  return openPgDriver(text, options.schema).catch((error: unknown) => {
    throw unreachable(url, error) ?? error;
  });
}

/**
 * The store over a driver from `openStoreDriver` (the same `options`): migrated, runs of killed
 * processes closed, and on a PGlite folder its runs published for `status` in other processes.
 * Closes the driver when it fails.
 */
export async function openStoreOn(
  driver: SqlDriver,
  options: OpenStoreOptions = {},
): Promise<SqlInvoiceStore> {
  const url = databaseUrlOf(options);
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
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
  if (!url && !dataDir.includes('://') && !options.brief) store = publishRunSnapshots(store, dataDir);
  return store;
}

const BRIEF_HOLDER_POLL_MS = 100;

/**
 * PGlite in `dataDir`. A folder held by a process that said it holds it for a moment only (another
 * `status`) is waited for, so a sync started beside `status --watch` is not refused; a folder held
 * by a sync is refused at once (`store.inUse`).
 */
async function openPglite(dataDir: string, options: OpenStoreOptions): Promise<SqlDriver> {
  const open = () =>
    options.brief
      ? lockBriefly(dataDir, () => openPgliteDriver(dataDir, options.schema))
      : openPgliteDriver(dataDir, options.schema);
  const deadline = Date.now() + (options.briefHolderWaitMs ?? 30_000);
  let told = false;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      const briefHolder =
        error instanceof StoreError && error.messageKey === 'store.inUse' && error.params['brief'] === 1;
      if (!briefHolder || Date.now() >= deadline) throw error;
      if (!told) options.onBriefHolder?.(Number(error.params['pid']));
      told = true;
      await new Promise((resolve) => setTimeout(resolve, BRIEF_HOLDER_POLL_MS));
    }
  }
}

function unreachable(url: URL, error: unknown): StoreError | null {
  const reason = unreachableReason(error);
  if (!reason) return null;
  return new StoreError('store.databaseUnreachable', {
    place: `${url.hostname || 'localhost'}:${url.port || '5432'}`,
    reason,
  });
}
