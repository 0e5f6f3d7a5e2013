/** The embedded driver: PGlite in this process, in memory (`memory://`) or in a data directory. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import { checkSchemaName, type QueryResult, type SqlDriver, type SqlExecutor } from './driver.js';

async function run<Row>(
  target: PGlite | Transaction,
  sql: string,
  params: unknown[] = [],
): Promise<QueryResult<Row>> {
  const result = await target.query<Row>(sql, params);
  return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
}

/**
 * PGlite is a 9 MB WebAssembly build of PostgreSQL. V8's optimising tier for it costs about 500 MB of
 * memory and gains nothing a sync paced by the portal can use, so it stays on the baseline compiler.
 * Set once, before the first module is compiled (flags set later do not apply to it).
 */
let wasmTiersSet = false;
function keepWasmOnBaselineCompiler(): void {
  if (wasmTiersSet || process.env['SYNC_PGLITE_WASM_TIER_UP'] === '1') return;
  wasmTiersSet = true;
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
}

/**
 * PostgreSQL's default 128 MB of shared buffers lives inside PGlite's WebAssembly memory, which grows
 * and never shrinks: a sync would carry it as RSS for its whole life. PGlite's file system is the real
 * one, so the OS page cache keeps the data files warm anyway; 16 MB of buffers cut the in-process
 * sync's peak RSS by about 80 MB at no measured cost in wall time (`npm run bench:sync`).
 */
const SETTINGS = ['shared_buffers=16MB'];

/**
 * A new data directory is made (initdb) in a short-lived child process: initdb runs a second PGlite
 * instance and holds about 700 MB at its peak, which a long sync would otherwise carry as RSS for its
 * whole life. If the child cannot run, the directory is made here as before.
 */
async function initialiseInChild(dataDir: string): Promise<void> {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)}); const db = await PGlite.create(${JSON.stringify(dataDir)}); await db.close();`;
  await promisify(execFile)(
    process.execPath,
    ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering', '--input-type=module', '-e', script],
    { timeout: 120_000 },
  ).catch(() => undefined);
}

export async function openPgliteDriver(dataDir: string, schema?: string): Promise<SqlDriver> {
  keepWasmOnBaselineCompiler();
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const lock = onDisk ? lockDataDir(dataDir) : null;
  let db: PGlite;
  try {
    if (onDisk && !existsSync(join(dataDir, 'PG_VERSION'))) await initialiseInChild(dataDir);
    db = await PGlite.create(dataDir, {
      startParams: [...PGlite.defaultStartParams, ...SETTINGS.flatMap((setting) => ['-c', setting])],
    });
    if (schema !== undefined) {
      const name = checkSchemaName(schema);
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${name}; SET search_path TO ${name};`);
    }
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    kind: 'pglite',
    soleWriter: lock?.firstHolder ?? false,
    query: (sql, params) => run(db, sql, params),
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) =>
      db.transaction((tx) => work({ query: (sql, params) => run(tx, sql, params) } satisfies SqlExecutor)),
    close: async () => {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
