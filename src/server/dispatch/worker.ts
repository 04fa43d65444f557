import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import { EngineError, type Engine, type Run } from '../../engine/index.ts';
import type { Flow } from '../../flow/index.ts';
import type { PgRunStore } from '../store/pgStore.ts';
import { decisionOf } from '../store/decisions.ts';
import { forgetQueued } from '../store/queuedRuns.ts';
import { driveUntilParked, isOver, outermostCaller, type Outcome } from './park.ts';
import { decideJob, queues, runJob, wakeJob } from './queue.ts';

interface WorkerDeps {
  readonly boss: PgBoss;
  readonly store: PgRunStore;
  readonly engine: Engine;
  /** The deployed flow a new run starts from. */
  readonly loadFlow: (flowId: string) => Promise<Flow | undefined>;
  /** Runs this process drives at once. */
  readonly concurrency: number;
  readonly pollingIntervalSeconds: number;
  /** How soon a job whose run another live worker holds looks again. */
  readonly heldRetrySeconds: number;
  readonly log?: (line: string) => void;
}

/** A job whose data does not parse is a bug or tampering: fail it with the reason, never retry. */
function parse<S extends z.ZodType>(schema: S, data: unknown, queue: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new Error(`a ${queue} job with bad data: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * Takes run, decision and wake-up jobs from the queue and drives each run here until it parks or
 * ends. The queue is at-least-once; every handler may run again after a crash, so each first
 * looks at what is stored (the run's record, the approval's status) and does only what is left.
 */
export class RunWorker {
  private readonly workIds: string[] = [];

  constructor(private readonly deps: WorkerDeps) {}

  async start(): Promise<void> {
    const { boss, concurrency, pollingIntervalSeconds } = this.deps;
    const options = { batchSize: 1, pollingIntervalSeconds };
    for (let i = 0; i < concurrency; i++) {
      this.workIds.push(
        await boss.work(queues.run, options, ([job]) => this.logged(() => this.onRun(job?.data))),
        await boss.work(queues.decide, options, ([job]) =>
          this.logged(() => this.onDecide(job?.data)),
        ),
        await boss.work(queues.wake, options, ([job]) => this.logged(() => this.onWake(job?.data))),
      );
    }
  }

  async stop(): Promise<void> {
    for (const id of this.workIds.splice(0)) await this.deps.boss.offWork({ id });
  }

  /** pg-boss stores a failed job's error; the log says it too, as it happens. */
  private async logged(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.log?.(
        `job failed, to be retried: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    }
  }

  async onRun(data: unknown): Promise<void> {
    const job = parse(runJob, data, queues.run);
    const { store, engine } = this.deps;
    const record = await store.getRun(job.runId);
    if (isOver(record)) return;
    if (record?.caller) {
      // A subflow's run goes on inside its caller's step: drive the run that called it all.
      const top = await outermostCaller(store, job.runId);
      if (top !== job.runId) return this.onRun({ runId: top, reason: job.reason });
    }
    if (!record && !job.start)
      throw new Error(`run ${job.runId} has no record and its job does not say how to start it`);
    const again = () => this.later(queues.run, job, job.runId);
    await this.drive(job.runId, again, async () => {
      if (record || !job.start) return engine.resume(job.runId, job.reason);
      const flow = await this.deps.loadFlow(job.start.flowId);
      if (!flow) throw new Error(`flow ${job.start.flowId} of run ${job.runId} is not deployed`);
      const run = await engine.start(flow, job.start.input, { runId: job.runId });
      // Its record says everything from here on; a note left behind is hidden by the record.
      await forgetQueued(store.db, job.runId).catch((error: unknown) =>
        this.deps.log?.(`run ${job.runId}: its queued note stays: ${String(error)}`),
      );
      return run;
    });
  }

  async onDecide(data: unknown): Promise<void> {
    const { key } = parse(decideJob, data, queues.decide);
    const { store, engine } = this.deps;
    const [approval, answer] = await Promise.all([
      store.getApproval(key),
      decisionOf(store.db, key),
    ]);
    if (!approval || !answer || approval.status !== 'pending') {
      // Decided already (this job ran before a crash), or closed by a stop: the run may still
      // need driving (`onRun` does nothing for a stopped one).
      if (approval) await this.onRun({ runId: approval.runId, reason: 'decision' });
      return;
    }
    if (isOver(await store.getRun(approval.runId))) {
      // The run ended after the decision was taken and before it was applied: the end wins, and
      // the engine closes what it left pending instead of deciding it.
      await engine.decide(key, answer).catch((error: unknown) => {
        if (!(error instanceof EngineError && error.code === 'approval-closed')) throw error;
        this.deps.log?.(`decision for ${key} not applied: ${error.message}`);
      });
      return;
    }
    // An approval in a subflow's run: decided there, then the run that called it all is driven
    // (its subflow step takes up the run the decision resumed).
    const top = await outermostCaller(store, approval.runId);
    await this.drive(
      top,
      () => this.later(queues.decide, { key }, key),
      async () => {
        await engine.decide(key, answer);
        const run = top === approval.runId ? engine.run(top) : await engine.resume(top, 'decision');
        if (!run) throw new Error(`run ${top} stopped while its decision was applied`);
        return run;
      },
    );
  }

  /** The same work as a new job, after `heldRetrySeconds` (one waiting per key). */
  private async later(queue: string, data: object, key: string): Promise<void> {
    await this.deps.boss.send(queue, data, {
      singletonKey: key,
      startAfter: this.deps.heldRetrySeconds,
    });
  }

  async onWake(data: unknown): Promise<void> {
    const { runId, key } = parse(wakeJob, data, queues.wake);
    const approval = await this.deps.store.getApproval(key);
    if (approval?.status !== 'pending') return;
    await this.onRun({ runId, reason: 'deadline' });
  }

  /**
   * Drives `runId` here; when a live worker holds it, `again` queues this job to look later
   * (and take the run over if that worker has died meanwhile) and this one completes: a run
   * driven for days uses up no retries.
   */
  private async drive(
    runId: string,
    again: () => Promise<void>,
    open: () => Promise<Run>,
  ): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await driveUntilParked(this.deps.engine, this.deps.store, runId, open);
    } catch (error) {
      if (!(error instanceof EngineError && error.code === 'run-elsewhere')) throw error;
      await again();
      return;
    }
    if (outcome.kind === 'ended') {
      this.deps.log?.(`run ${runId} ${outcome.record.status}`);
      return;
    }
    this.deps.log?.(`run ${runId} parked on ${outcome.waitingOn.join(', ')}`);
    for (const deadline of outcome.deadlines)
      await this.deps.boss.send(
        queues.wake,
        { runId, key: deadline.key },
        { singletonKey: deadline.key, startAfter: new Date(deadline.at) },
      );
  }
}
