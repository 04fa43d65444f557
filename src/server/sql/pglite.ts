import type { PGlite } from '@electric-sql/pglite';
import {
  channelName,
  type SqlClient,
  type SqlQueryable,
  type SqlResult,
  type SqlSession,
} from './client.ts';
import { createPglite, defaultCacheDir } from './pgliteTemplate.ts';

type PgliteLike = Pick<PGlite, 'query'>;

function queryOn(db: PgliteLike): SqlQueryable['query'] {
  return async (text, params = []) => {
    const result = await db.query<Record<string, unknown>>(text, [...params]);
    return { rows: result.rows, affected: result.affectedRows ?? 0 } satisfies SqlResult;
  };
}

/**
 * PostgreSQL in this process (WebAssembly), keeping its files in `dataDir` (`memory://` for
 * none). One session: statements run one at a time, so a transaction holds the database.
 */
export async function openPglite(
  dataDir: string,
  cacheDir = defaultCacheDir(),
): Promise<SqlClient & { readonly db: PGlite }> {
  const db = await createPglite(dataDir, cacheDir);
  const query = queryOn(db);
  return {
    kind: 'pglite',
    db,
    query,
    async script(text) {
      await db.exec(text);
    },
    transaction: (work) => db.transaction((tx) => work({ query: queryOn(tx) })),
    session: () =>
      Promise.resolve({
        dedicated: false,
        query,
        release: () => Promise.resolve(),
      } satisfies SqlSession),
    close: () => db.close(),
    // One process owns the folder, so every notification is this process's own; it never drops.
    listen: (channel, onPayload) => db.listen(channelName(channel), onPayload),
    async executeSql(text, values) {
      if (values && values.length > 0) return db.query(text, values);
      const results = await db.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
