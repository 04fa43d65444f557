import type { EffectRecord } from '../../engine/contract/index.ts';
import type { RunEvent } from '../../engine/events.ts';
import type {
  ApprovalRecord,
  Checkpoint,
  RunRecord,
  RunStatus,
  RunStore,
  StepCommit,
} from '../../engine/store.ts';
import { num, type Row, type SqlClient, type SqlQueryable } from '../sql/client.ts';
import { announce, changesOf } from './changes.ts';
import { Fences } from './fence.ts';

const json = (value: unknown) => JSON.stringify(value);

/**
 * A stored JSON column, as the engine wrote it. The engine is this table's only writer, so its
 * own types describe it; node-postgres and PGlite both parse `json` columns.
 */
function column<T>(row: Row, name: string): T {
  const value = row[name];
  if (value === undefined || value === null) throw new Error(`column ${name} is missing`);
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Whether a database error is a primary-key clash (two writers of one seq). */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

/**
 * A `RunStore` in PostgreSQL (a server, or PGlite in this process). Behaves like `MemoryStore`;
 * each method's promise resolves once its transaction has committed, and every write of events
 * or a record is announced on `runChanges` as it commits (see `changes.ts`). Writes for runs this process
 * holds (see `Fences`) are refused once another runner has taken the run over.
 */
export class PgRunStore implements RunStore {
  readonly fences = new Fences();

  constructor(readonly db: SqlClient) {}

  /** Runs `work` in a transaction after checking the fences of `runIds`. */
  private fenced<T>(runIds: Iterable<string>, work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await this.fences.check(tx, runIds);
      return work(tx);
    });
  }

  async putRun(run: RunRecord): Promise<void> {
    await this.fenced([run.id], async (tx) => {
      await writeRun(tx, run);
      await announce(tx, changesOf([], run));
    });
  }
  async getRun(id: string): Promise<RunRecord | undefined> {
    const { rows } = await this.db.query('SELECT record FROM aios_runs WHERE id = $1', [id]);
    return rows[0] && column<RunRecord>(rows[0], 'record');
  }
  async listRuns(filter: { flowId?: string; status?: readonly RunStatus[] } = {}) {
    const { rows } = await this.db.query(
      `SELECT record FROM aios_runs
       WHERE ($1::text IS NULL OR flow_id = $1) AND ($2::text[] IS NULL OR status = ANY($2))
       ORDER BY started_at DESC, id`,
      [filter.flowId ?? null, filter.status ? [...filter.status] : null],
    );
    return rows.map((r) => column<RunRecord>(r, 'record'));
  }

  async appendEvents(events: readonly RunEvent[]): Promise<void> {
    if (events.length === 0) return;
    const runIds = [...new Set(events.map((e) => e.runId))];
    await named(
      runIds,
      this.fenced(runIds, async (tx) => {
        await writeEvents(tx, events, runIds);
        await announce(tx, changesOf(events));
      }),
    );
  }
  async events(runId: string, range: { from?: number; to?: number } = {}): Promise<RunEvent[]> {
    const { rows } = await this.db.query(
      `SELECT event FROM aios_events WHERE run_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq`,
      [runId, range.from ?? 1, range.to ?? 2 ** 31 - 1],
    );
    return rows.map((r) => column<RunEvent>(r, 'event'));
  }
  lastSeq(runId: string): Promise<number> {
    return lastSeqIn(this.db, runId);
  }

  async putCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await this.fenced([checkpoint.runId], (tx) => writeCheckpoint(tx, checkpoint));
  }
  /**
   * A step's events, checkpoints and record in one fenced transaction: all of them or none, with
   * whatever `also` writes in it (a fork's job).
   */
  async commit(step: StepCommit, also?: (tx: SqlQueryable) => Promise<void>): Promise<void> {
    const runIds = [
      ...new Set([
        ...step.events.map((e) => e.runId),
        ...step.checkpoints.map((c) => c.runId),
        ...(step.run ? [step.run.id] : []),
      ]),
    ];
    if (runIds.length === 0) return;
    await named(
      runIds,
      this.fenced(runIds, async (tx) => {
        if (step.events.length > 0) await writeEvents(tx, step.events, runIds);
        for (const checkpoint of step.checkpoints) await writeCheckpoint(tx, checkpoint);
        if (step.run) await writeRun(tx, step.run);
        await also?.(tx);
        await announce(tx, changesOf(step.events, step.run));
      }),
    );
  }
  async checkpoint(runId: string, atOrBefore?: number): Promise<Checkpoint | undefined> {
    const { rows } = await this.db.query(
      `SELECT checkpoint FROM aios_checkpoints WHERE run_id = $1 AND seq <= $2
       ORDER BY seq DESC LIMIT 1`,
      [runId, atOrBefore ?? 2 ** 31 - 1],
    );
    return rows[0] && column<Checkpoint>(rows[0], 'checkpoint');
  }
  async checkpoints(runId: string, range: { from: number; to: number }): Promise<Checkpoint[]> {
    const { rows } = await this.db.query(
      `SELECT checkpoint FROM aios_checkpoints WHERE run_id = $1 AND seq >= $2 AND seq <= $3
       ORDER BY seq`,
      [runId, range.from, range.to],
    );
    return rows.map((r) => column<Checkpoint>(r, 'checkpoint'));
  }

  async getEffect(key: string): Promise<EffectRecord | undefined> {
    const { rows } = await this.db.query('SELECT effect FROM aios_effects WHERE key = $1', [key]);
    return rows[0] && column<EffectRecord>(rows[0], 'effect');
  }
  async putEffect(effect: EffectRecord): Promise<void> {
    // The identity column is set on insert only, so an update keeps the effect's place.
    await this.fenced([effect.runId], (tx) =>
      tx.query(
        `INSERT INTO aios_effects (key, run_id, effect) VALUES ($1, $2, $3::json)
         ON CONFLICT (key) DO UPDATE SET run_id = excluded.run_id, effect = excluded.effect`,
        [effect.key, effect.runId, json(effect)],
      ),
    );
  }
  async effects(runId: string): Promise<EffectRecord[]> {
    const { rows } = await this.db.query(
      'SELECT effect FROM aios_effects WHERE run_id = $1 ORDER BY put_order',
      [runId],
    );
    return rows.map((r) => column<EffectRecord>(r, 'effect'));
  }

  async getApproval(key: string): Promise<ApprovalRecord | undefined> {
    const { rows } = await this.db.query('SELECT approval FROM aios_approvals WHERE key = $1', [
      key,
    ]);
    return rows[0] && column<ApprovalRecord>(rows[0], 'approval');
  }
  async putApproval(approval: ApprovalRecord): Promise<void> {
    await this.fenced([approval.runId], (tx) =>
      tx.query(
        `INSERT INTO aios_approvals (key, run_id, status, created_at, approval)
         VALUES ($1, $2, $3, $4, $5::json)
         ON CONFLICT (key) DO UPDATE SET run_id = excluded.run_id, status = excluded.status,
           created_at = excluded.created_at, approval = excluded.approval`,
        [approval.key, approval.runId, approval.status, approval.createdAt, json(approval)],
      ),
    );
  }
  async approvals(
    filter: { runId?: string; status?: ApprovalRecord['status'] } = {},
  ): Promise<ApprovalRecord[]> {
    const { rows } = await this.db.query(
      `SELECT approval FROM aios_approvals
       WHERE ($1::text IS NULL OR run_id = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, key`,
      [filter.runId ?? null, filter.status ?? null],
    );
    return rows.map((r) => column<ApprovalRecord>(r, 'approval'));
  }
}

async function lastSeqIn(db: SqlQueryable, runId: string): Promise<number> {
  const { rows } = await db.query(
    'SELECT coalesce(max(seq), 0) AS seq FROM aios_events WHERE run_id = $1',
    [runId],
  );
  return rows[0] ? num(rows[0], 'seq') : 0;
}

function writeRun(tx: SqlQueryable, run: RunRecord) {
  return tx.query(
    `INSERT INTO aios_runs (id, flow_id, status, started_at, record)
     VALUES ($1, $2, $3, $4, $5::json)
     ON CONFLICT (id) DO UPDATE SET flow_id = excluded.flow_id, status = excluded.status,
       started_at = excluded.started_at, record = excluded.record`,
    [run.id, run.flowId, run.status, run.startedAt, json(run)],
  );
}

/** Appends events that continue each run's log without a gap; anything else writes nothing. */
async function writeEvents(
  tx: SqlQueryable,
  events: readonly RunEvent[],
  runIds: readonly string[],
): Promise<void> {
  const last = new Map<string, number>();
  for (const runId of runIds) last.set(runId, await lastSeqIn(tx, runId));
  for (const event of events) {
    const expected = (last.get(event.runId) ?? 0) + 1;
    if (event.seq !== expected)
      throw new Error(
        `event ${event.seq} of run ${event.runId} would leave a gap after ${expected - 1}`,
      );
    last.set(event.runId, event.seq);
  }
  await tx.query(
    `INSERT INTO aios_events (run_id, seq, event)
     SELECT * FROM unnest($1::text[], $2::integer[], $3::json[])`,
    [events.map((e) => e.runId), events.map((e) => e.seq), events.map(json)],
  );
}

function writeCheckpoint(tx: SqlQueryable, checkpoint: Checkpoint) {
  return tx.query(
    `INSERT INTO aios_checkpoints (run_id, seq, checkpoint) VALUES ($1, $2, $3::json)
     ON CONFLICT (run_id, seq) DO UPDATE SET checkpoint = excluded.checkpoint`,
    [checkpoint.runId, checkpoint.seq, json(checkpoint)],
  );
}

/** Says a unique violation on the events (two writers at once) in words, naming the runs. */
async function named<T>(runIds: readonly string[], write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new Error(
      `events of run ${runIds.join(', ')} were written by another writer at the same time (a gap or a repeat): ${String(error)}`,
      { cause: error },
    );
  }
}
