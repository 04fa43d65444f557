import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { SqlClient, SqlQueryable } from '../sql/client.ts';
import { noteQueued } from '../store/queuedRuns.ts';

/** The queues, and what their jobs carry. */
export const queues = {
  /** Drive a run until it parks or ends; starts it first when it has no record yet. */
  run: 'aios-run',
  /** Apply a person's decision (stored first in `aios_decisions`), then drive the run. */
  decide: 'aios-decide',
  /** Wake a parked run when an approval's deadline passes. */
  wake: 'aios-wake',
} as const;

export const runJob = z.object({
  runId: z.string().min(1),
  reason: z.string().default('dispatched'),
  /** Present for a run not started yet: the deployed flow and the input. */
  start: z.object({ flowId: z.string().min(1), input: z.unknown() }).optional(),
});
export type RunJob = z.input<typeof runJob>;
export const decideJob = z.object({ key: z.string().min(1) });
export const wakeJob = z.object({ runId: z.string().min(1), key: z.string().min(1) });

/** How fast a dead worker's job comes back: it expires, then is retried on another worker. */
export interface QueueTiming {
  /** A job active longer than this is taken as its worker's death and retried. */
  readonly expireInSeconds: number;
  /** How often expired jobs are looked for. */
  readonly maintenanceIntervalSeconds: number;
  readonly pollingIntervalSeconds: number;
  /** Wait before retrying a job (e.g. its run is held by a live worker). */
  readonly retryDelaySeconds: number;
}

export const defaultTiming: QueueTiming = {
  expireInSeconds: 60,
  maintenanceIntervalSeconds: 15,
  pollingIntervalSeconds: 1,
  retryDelaySeconds: 2,
};

/**
 * pg-boss in the run store's own database, through our client (the same code over PGlite and a
 * server). Queues use the `short` policy: one queued job per key (a run id), however many
 * sends; a second active job of the same run meets the run's lock and is retried later.
 */
export async function startQueue(db: SqlClient, timing: QueueTiming): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => db.executeSql(text, values) },
    schema: 'aios_queue',
    maintenanceIntervalSeconds: timing.maintenanceIntervalSeconds,
    monitorStateIntervalSeconds: Math.max(timing.maintenanceIntervalSeconds, 1),
    // Schedules come later; pg-boss's cron timekeeper stays off until then.
    schedule: false,
  });
  boss.on('error', (error: unknown) => {
    // A failed poll (the database restarting) is retried by pg-boss; say it once, keep going.
    process.stderr.write(
      `aios: queue: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  });
  await boss.start();
  const options = {
    policy: 'short' as const,
    expireInSeconds: timing.expireInSeconds,
    retryLimit: 10_000,
    retryDelay: timing.retryDelaySeconds,
  };
  for (const name of Object.values(queues)) {
    // The last process started sets the queue's timing (start them all with the same flags).
    if (await boss.getQueue(name)) {
      await boss.updateQueue(name, { name, ...options });
      continue;
    }
    // Workers starting together race to create it; whoever lost finds it made.
    await boss.createQueue(name, { name, ...options }).catch(async (error: unknown) => {
      if (!(await boss.getQueue(name))) throw error;
    });
  }
  return boss;
}

/** pg-boss's `Db` over a transaction: a job sent through it exists only if the transaction commits. */
export const jobsIn = (tx: SqlQueryable) => ({
  executeSql: async (text: string, values?: unknown[]) => ({
    rows: [...(await tx.query(text, values)).rows],
  }),
});

/**
 * Queues a new run in `tx`: its job, and the note that lets its id be looked up (as `queued`)
 * before a worker takes it; both exist only if `tx` commits.
 */
export async function queueStart(
  boss: PgBoss,
  tx: SqlQueryable,
  run: { runId: string; reason: string; flowId: string; flowName: string; input: unknown },
  at: number,
): Promise<void> {
  const { runId, reason, flowId, flowName, input } = run;
  await noteQueued(tx, { id: runId, flowId, flowName, reason, queuedAt: at });
  const job: RunJob = { runId, reason, start: { flowId, input } };
  await boss.send(queues.run, job, { singletonKey: runId, db: jobsIn(tx) });
}
