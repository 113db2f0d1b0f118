import pg from 'pg';

/** One pool per process; ten connections is plenty for one orders-api replica (see docs/runbooks/postgres-connections.md). */
export function connectPool(databaseUrl: string): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 30_000, statement_timeout: 5_000 });
}
