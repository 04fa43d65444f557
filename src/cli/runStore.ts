import { MemoryStore, type RunStore } from '../engine/index.ts';
import type { CliIo } from './io.ts';
import { openPostgres } from '../server/sql/pg.ts';
import { openPglite } from '../server/sql/pglite.ts';
import { migrate } from '../server/store/migrations.ts';
import { PgRunStore } from '../server/store/pgStore.ts';

/** Where headless runs are kept: `--data DIR` (embedded PGlite), `--database URL`, or memory. */
export const storeOptions = {
  data: { type: 'string' },
  database: { type: 'string' },
} as const;

export const storeUsage = `  --data DIR           keep runs in an embedded PostgreSQL (PGlite) in DIR, to resume and inspect later
  --database URL       keep runs in a PostgreSQL server (postgres://…), the workspace server's too`;

interface OpenedStore {
  readonly store: RunStore;
  /** Where the runs are, for a hint, or undefined for memory. */
  readonly where?: string;
  close(): Promise<void>;
}

/** Opens the store the flags name (migrated to this version's schema), or memory. */
async function openRunStore(values: {
  data?: string | undefined;
  database?: string | undefined;
}): Promise<OpenedStore> {
  if (values.data && values.database)
    throw new Error('--data and --database name two stores: give one of them');
  const where = values.data
    ? `--data ${values.data}`
    : values.database
      ? '--database …'
      : undefined;
  if (!where) return { store: new MemoryStore(), close: () => Promise.resolve() };
  const db = values.data ? await openPglite(values.data) : openPostgres(values.database ?? '');
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return { store: new PgRunStore(db), where, close: () => db.close() };
}

/**
 * Runs a command's `work` over the store the flags name, and closes it after, whatever happens;
 * a store that cannot be opened is said, with exit code 2.
 */
export async function withRunStore(
  values: { data?: string | undefined; database?: string | undefined },
  io: CliIo,
  work: (opened: OpenedStore) => Promise<number>,
): Promise<number> {
  let opened;
  try {
    opened = await openRunStore(values);
  } catch (error) {
    io.err(`cannot open the run store: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}
