import { num, text, type Row, type SqlQueryable } from '../sql/client.ts';
import { announce } from './changes.ts';

/**
 * A run asked for (through the API, a webhook or a schedule) that no worker has started yet: its
 * job is in the queue, and no run record exists until a worker takes it. Noted in the transaction
 * that queues it, so a run id handed out can always be looked up.
 */
export interface QueuedRun {
  readonly id: string;
  readonly flowId: string;
  readonly flowName: string;
  /** What asked for it: `api`, `webhook`, `schedule`. */
  readonly reason: string;
  readonly queuedAt: number;
}

/** Notes the run, and announces it (`queued`) to live streams once `tx` commits. */
export async function noteQueued(tx: SqlQueryable, run: QueuedRun): Promise<void> {
  const { affected } = await tx.query(
    `INSERT INTO aios_queued_runs (run_id, flow_id, flow_name, reason, queued_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (run_id) DO NOTHING`,
    [run.id, run.flowId, run.flowName, run.reason, run.queuedAt],
  );
  if (affected !== 0)
    await announce(tx, [{ runId: run.id, updatedAt: run.queuedAt, status: 'queued' }]);
}

/** Forgets the note once the run has a record (the record says everything from then on). */
export async function forgetQueued(db: SqlQueryable, runId: string): Promise<void> {
  await db.query('DELETE FROM aios_queued_runs WHERE run_id = $1', [runId]);
}

const fromRow = (row: Row): QueuedRun => ({
  id: text(row, 'run_id'),
  flowId: text(row, 'flow_id'),
  flowName: text(row, 'flow_name'),
  reason: text(row, 'reason'),
  queuedAt: num(row, 'queued_at'),
});

/** Runs still waiting for a worker, newest first: noted, and without a record yet. */
export async function queuedRuns(
  db: SqlQueryable,
  filter: { readonly runId?: string; readonly flowId?: string } = {},
): Promise<QueuedRun[]> {
  const { rows } = await db.query(
    `SELECT q.run_id, q.flow_id, q.flow_name, q.reason, q.queued_at FROM aios_queued_runs q
     WHERE ($1::text IS NULL OR q.run_id = $1) AND ($2::text IS NULL OR q.flow_id = $2)
       AND NOT EXISTS (SELECT 1 FROM aios_runs r WHERE r.id = q.run_id)
     ORDER BY q.queued_at DESC, q.run_id`,
    [filter.runId ?? null, filter.flowId ?? null],
  );
  return rows.map(fromRow);
}
