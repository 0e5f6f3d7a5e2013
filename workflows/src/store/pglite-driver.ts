/** The embedded driver: PGlite in this process, in memory (`memory://`) or in a data directory. */
import { mkdirSync } from 'node:fs';
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

export async function openPgliteDriver(dataDir: string, schema?: string): Promise<SqlDriver> {
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const lock = onDisk ? lockDataDir(dataDir) : null;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
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
