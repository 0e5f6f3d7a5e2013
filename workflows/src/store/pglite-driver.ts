/** The embedded driver: PGlite in this process, in memory (`memory://`) or in a data directory. */
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
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
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  if (schema !== undefined) {
    const name = checkSchemaName(schema);
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${name}; SET search_path TO ${name};`);
  }
  return {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) =>
      db.transaction((tx) => work({ query: (sql, params) => run(tx, sql, params) } satisfies SqlExecutor)),
    close: () => db.close(),
  };
}
