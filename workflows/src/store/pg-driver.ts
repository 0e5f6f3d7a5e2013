/** The server driver: a node-postgres pool. Every connection gets the schema on its search path. */
import pg from 'pg';
import { checkSchemaName, type QueryResult, type SqlDriver, type SqlExecutor } from './driver.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

async function run<Row>(target: Queryable, sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
  const result = await target.query(sql, params);
  return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
}

const DUPLICATE_SCHEMA = '42P06';
const UNIQUE_VIOLATION = '23505';

export async function openPgDriver(connectionString: string, schema?: string): Promise<SqlDriver> {
  if (schema !== undefined) {
    const name = checkSchemaName(schema);
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
    } catch (error) {
      // Two processes creating the same schema at once: the loser sees one of these; the schema exists.
      const code = (error as { code?: string }).code;
      if (code !== DUPLICATE_SCHEMA && code !== UNIQUE_VIOLATION) throw error;
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: 8,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => run(client, sql, params) } satisfies SqlExecutor);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
