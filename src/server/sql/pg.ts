import pg from 'pg';
import type { SqlClient, SqlQueryable, SqlSession } from './client.ts';
import { listenOn } from './pgListen.ts';

function queryOn(db: Pick<pg.Pool, 'query'> | pg.PoolClient | pg.Client): SqlQueryable['query'] {
  return async (text, params = []) => {
    const result = await db.query(text, [...params]);
    return { rows: result.rows as Record<string, unknown>[], affected: result.rowCount ?? 0 };
  };
}

/** A pool of connections to a PostgreSQL server, e.g. `postgres://user:pw@host:5432/aios`. */
export function openPostgres(
  connectionString: string,
  options: { max?: number; applicationName?: string } = {},
): SqlClient & { readonly pool: pg.Pool } {
  // The name shows in pg_stat_activity, so an operator sees which process holds which run.
  const application_name = options.applicationName ?? `aios-${process.pid}`;
  const pool = new pg.Pool({ connectionString, max: options.max ?? 8, application_name });
  // An idle connection the server closed (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    pool,
    query: queryOn(pool),
    async script(text) {
      await pool.query(text);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: queryOn(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async session() {
      // Not from the pool: session state (advisory locks) must end with this connection only.
      const client = new pg.Client({ connectionString, application_name });
      client.on('error', () => undefined);
      await client.connect();
      return {
        dedicated: true,
        query: queryOn(client),
        release: () => client.end(),
      } satisfies SqlSession;
    },
    close: () => pool.end(),
    listen: (channel, onPayload, onMissed) =>
      listenOn({ connectionString, application_name }, channel, onPayload, onMissed),
    executeSql: (text, values) => pool.query(text, values),
  };
}
