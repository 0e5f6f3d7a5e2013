/**
 * The little SQL surface the store needs, over PGlite (embedded) or node-postgres (a server), so one set
 * of SQL and migrations serves both.
 */
export interface QueryResult<Row> {
  rows: Row[];
  affectedRows: number;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

export interface SqlDriver extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * True when no other process can be writing to this database (an embedded folder this process just
   * locked, or memory): runs still marked `running` in it were left by a process that ended.
   */
  readonly soleWriter?: boolean;
}

/** A schema name safe to splice into SQL (we never quote user text into statements otherwise). */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lower-case letters, digits and _ (at most 63)`);
  }
  return schema;
}
