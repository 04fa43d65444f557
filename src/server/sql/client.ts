/** One row as the database returned it; columns are read through zod or checked helpers. */
export type Row = Readonly<Record<string, unknown>>;

/** What a statement returned: its rows and, for writes, how many rows it touched. */
export interface SqlResult {
  readonly rows: readonly Row[];
  readonly affected: number;
}

/** The statements a store needs, the same over PGlite and node-postgres. */
export interface SqlQueryable {
  /** One statement with `$1…` parameters. */
  query(text: string, params?: readonly unknown[]): Promise<SqlResult>;
}

/**
 * A PostgreSQL connection pool (or PGlite's one session). Values go in as parameters only; JSON
 * is passed as text and cast in SQL, because node-postgres would turn a JS array into a
 * PostgreSQL array.
 */
export interface SqlClient extends SqlQueryable {
  /** Several statements without parameters (migrations). */
  script(text: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * A connection of its own for session state (advisory locks); PGlite has one session, so there
   * it is the client itself and `dedicated` says so.
   */
  session(): Promise<SqlSession>;
  close(): Promise<void>;
  /**
   * Calls `onPayload` with each notification on `channel` (a plain lower-case identifier), which
   * another session (any process) sent with `pg_notify`; a notification sent in a transaction
   * arrives once it commits. On a server the connection may drop: it is opened again, and
   * `onMissed` says notifications may have been lost meanwhile. Resolves, once listening, to
   * the function that stops.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onMissed: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * pg-boss's `Db`: one statement with parameters, or (without) several, answering the last one's
   * rows. pg-boss runs its queue in this same database through it.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** `pglite` (one process, one session) or `postgres` (a server shared by processes). */
  readonly kind: 'pglite' | 'postgres';
}

export interface SqlSession extends SqlQueryable {
  readonly dedicated: boolean;
  release(): Promise<void>;
}

/** A column that must be text. */
export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string')
    throw new Error(`column ${column} is ${typeof value}, expected text: is the schema current?`);
  return value;
}

/** A numeric column (bigint columns come back as strings from node-postgres). */
export function num(row: Row, column: string): number {
  const value = row[column];
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new Error(`column ${column} is ${String(value)}, expected a number`);
  return n;
}

/** A channel name safe to write into `LISTEN` (it cannot be a parameter). */
export function channelName(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel))
    throw new Error(`"${channel}" is not a channel name: use lower-case letters, digits and _`);
  return channel;
}
