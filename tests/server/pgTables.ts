import type { SqlClient } from '../../src/server/sql/client.ts';

/** Empties every table of the run store, so tests can share one database. */
export async function emptyTables(db: SqlClient): Promise<void> {
  await db.script(
    'TRUNCATE aios_runs, aios_events, aios_checkpoints, aios_effects, aios_approvals, aios_fences, aios_decisions, aios_flows, aios_deliveries, aios_tokens, aios_secrets, aios_schedules, aios_queued_runs',
  );
}
