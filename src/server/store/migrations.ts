import { num, type SqlClient } from '../sql/client.ts';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The schema, as steps applied in order and never edited once released: a change is a new step.
 * JSON is `json`, not `jsonb`: it keeps text as written (key order, `\u0000`), and nothing here
 * queries inside it.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, events, checkpoints, effects, approvals',
    sql: `
      CREATE TABLE aios_runs (
        id text PRIMARY KEY,
        flow_id text NOT NULL,
        status text NOT NULL,
        started_at double precision NOT NULL,
        record json NOT NULL
      );
      CREATE INDEX aios_runs_flow ON aios_runs (flow_id, started_at DESC);
      CREATE INDEX aios_runs_status ON aios_runs (status, started_at DESC);
      CREATE TABLE aios_events (
        run_id text NOT NULL,
        seq integer NOT NULL,
        event json NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
      CREATE TABLE aios_checkpoints (
        run_id text NOT NULL,
        seq integer NOT NULL,
        checkpoint json NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
      CREATE TABLE aios_effects (
        key text PRIMARY KEY,
        run_id text NOT NULL,
        put_order bigint GENERATED ALWAYS AS IDENTITY,
        effect json NOT NULL
      );
      CREATE INDEX aios_effects_run ON aios_effects (run_id, put_order);
      CREATE TABLE aios_approvals (
        key text PRIMARY KEY,
        run_id text NOT NULL,
        status text NOT NULL,
        created_at double precision NOT NULL,
        approval json NOT NULL
      );
      CREATE INDEX aios_approvals_run ON aios_approvals (run_id, created_at DESC);
      CREATE INDEX aios_approvals_status ON aios_approvals (status, created_at DESC);`,
  },
  {
    version: 2,
    name: 'fencing epochs and first-decision-wins',
    sql: `
      -- Bumped by each runner that takes a run over; a write carrying an older epoch is refused.
      -- Its own table: the lock is taken before a new run's row exists.
      CREATE TABLE aios_fences (
        run_id text PRIMARY KEY,
        epoch bigint NOT NULL
      );
      -- A person's decision as it arrives, before a runner applies it: the first one per key wins.
      CREATE TABLE aios_decisions (
        key text PRIMARY KEY,
        answer json NOT NULL,
        decided_at double precision NOT NULL
      );`,
  },
  {
    version: 3,
    name: 'deployed flows, webhook deliveries, access tokens, secrets',
    sql: `
      CREATE TABLE aios_flows (
        id text PRIMARY KEY,
        name text NOT NULL,
        version integer NOT NULL,
        deployed_at double precision NOT NULL,
        flow json NOT NULL
      );
      -- One run per delivery, however often a sender retries it.
      CREATE TABLE aios_deliveries (
        flow_id text NOT NULL,
        delivery_id text NOT NULL,
        run_id text NOT NULL,
        received_at double precision NOT NULL,
        PRIMARY KEY (flow_id, delivery_id)
      );
      CREATE TABLE aios_tokens (
        id text PRIMARY KEY,
        sha256 text NOT NULL UNIQUE,
        created_at double precision NOT NULL
      );
      -- The server's vault: values sealed with the server key (AES-256-GCM), never returned.
      CREATE TABLE aios_secrets (
        name text PRIMARY KEY,
        sealed text NOT NULL,
        updated_at double precision NOT NULL
      );`,
  },
  {
    version: 4,
    name: 'schedule state',
    sql: `
      -- Up to when each schedule trigger has been dealt with (fired, skipped or run once).
      CREATE TABLE aios_schedules (
        flow_id text NOT NULL,
        trigger_index integer NOT NULL,
        done_until double precision NOT NULL,
        PRIMARY KEY (flow_id, trigger_index)
      );`,
  },
  {
    version: 5,
    name: 'MCP tool schema pins',
    sql: `
      -- The schema hash each MCP tool had when first listed (or last approved), by capability id.
      CREATE TABLE aios_mcp_pins (
        id text PRIMARY KEY,
        hash text NOT NULL,
        pinned_at double precision NOT NULL
      );`,
  },
  {
    version: 6,
    name: 'queued runs',
    sql: `
      -- Runs asked for whose job no worker has taken yet (they have no aios_runs row until then).
      CREATE TABLE aios_queued_runs (
        run_id text PRIMARY KEY,
        flow_id text NOT NULL,
        flow_name text NOT NULL,
        reason text NOT NULL,
        queued_at double precision NOT NULL
      );`,
  },
  {
    version: 7,
    name: 'MCP pins keep the schemas they were taken of',
    sql: `
      -- What each pin's hash was taken of (input and output schemas, annotations), so a changed
      -- tool can be shown against what was accepted; null for pins made before version 7.
      ALTER TABLE aios_mcp_pins ADD COLUMN schemas json;`,
  },
  {
    version: 8,
    name: 'start requests keep a hash of their input',
    sql: `
      -- The SHA-256 of a keyed start request's input (canonical JSON), so the same key sent with
      -- another input is refused; null for webhook deliveries and claims made before version 8.
      ALTER TABLE aios_deliveries ADD COLUMN input_sha256 text;`,
  },
];

const schemaVersion = migrations.at(-1)?.version ?? 0;

/** Any number, as one key of the advisory lock that serializes migrations across processes. */
const migrationLock = 0x41_49_4f_53;

/**
 * Brings the database up to `upTo` (the latest by default), each step in its own transaction with
 * its version recorded, so an interrupted upgrade continues where it stopped. Processes starting
 * together wait on one lock instead of racing.
 */
export async function migrate(db: SqlClient, upTo = schemaVersion): Promise<number> {
  // Under the lock too: two processes creating one table at once can clash in the catalog.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await tx.query(`CREATE TABLE IF NOT EXISTS aios_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  let current = 0;
  for (const step of migrations) {
    if (step.version > upTo) break;
    current = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      const { rows } = await tx.query('SELECT coalesce(max(version), 0) AS v FROM aios_migrations');
      const at = rows[0] ? num(rows[0], 'v') : 0;
      if (at > schemaVersion)
        throw new Error(
          `the database schema is version ${at}, newer than this aios (${schemaVersion}): upgrade aios`,
        );
      if (at >= step.version) return at;
      for (const statement of splitStatements(step.sql)) await tx.query(statement);
      await tx.query('INSERT INTO aios_migrations (version, name) VALUES ($1, $2)', [
        step.version,
        step.name,
      ]);
      return step.version;
    });
  }
  return current;
}

/** The migration's statements (no `;` inside literals), comment lines dropped first. */
function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The versions applied, oldest first. */
export async function appliedVersions(db: SqlClient): Promise<number[]> {
  const { rows } = await db.query('SELECT version FROM aios_migrations ORDER BY version');
  return rows.map((r) => num(r, 'version'));
}
