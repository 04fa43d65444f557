import { createActor, type Actor } from 'xstate';
import type { Flow } from '../flow/index.ts';
import { contextOf, persistSnapshot, restoreSnapshot } from './checkpoint.ts';
import type { CompiledFlow } from './compile/compile.ts';
import { initialContext, type RunContext } from './context.ts';
import type { RunEvent, RunEventBody } from './events.ts';
import { executeNode, type NodeRunner } from './execute.ts';
import type { Executor, Services, TaskResult } from './executor.ts';
import { createRunMachine, type RunMachine } from './machine.ts';
import type { Checkpoint, RunRecord, RunStatus, RunStore } from './store.ts';

export interface RunDeps {
  readonly store: RunStore;
  readonly services: Services;
  readonly executors: Readonly<Record<string, Executor<never>>>;
  readonly random: () => number;
  /** Called for every event, after it is durable. */
  readonly onEvent: (event: RunEvent) => void;
  /** Undoes completed effects of a failed run; resolves to how it went. */
  readonly compensate: (run: Run) => Promise<'none' | 'compensated' | 'failed'>;
}

/**
 * One run in progress: drives its XState actor, writes every event and a checkpoint after every
 * step, in order, and settles the run record when the machine stops. A store write that fails
 * halts the run on the spot, as a crash would; `resume` picks it up from its last checkpoint.
 */
export class Run implements NodeRunner {
  readonly done: Promise<RunRecord>;
  private settle!: { resolve: (run: RunRecord) => void; reject: (error: unknown) => void };
  private actor: Actor<RunMachine> | undefined;
  private seq: number;
  private writes: Promise<void> = Promise.resolve();
  private halted = false;
  private readonly started = new Map<string, number>();
  private readonly finished = new Map<string, number>();
  private runStartSeq: number | null = null;
  private status: RunStatus;
  private readonly machine: RunMachine;

  constructor(
    private record: RunRecord,
    readonly compiled: CompiledFlow,
    private readonly deps: RunDeps,
    lastSeq: number,
  ) {
    this.machine = machineFor(compiled, record.flow, (node, context, signal) =>
      executeNode(this, node, context, signal),
    );
    this.seq = lastSeq;
    this.status = record.status;
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined);
  }

  get runId(): string {
    return this.record.id;
  }
  get flow(): Flow {
    return this.record.flow;
  }
  get services(): Services {
    return this.deps.services;
  }
  get executors(): Readonly<Record<string, Executor<never>>> {
    return this.deps.executors;
  }
  get random(): () => number {
    return this.deps.random;
  }
  get current(): RunRecord {
    return this.record;
  }
  /** The live context (read only: the engine changes it in place). */
  get context(): RunContext | undefined {
    return this.actor?.getSnapshot().context;
  }

  /** Starts the machine from the beginning. */
  begin(): void {
    this.runStartSeq = this.emit(
      {
        type: 'run.started',
        flowId: this.flow.id,
        flowName: this.flow.name,
        input: this.record.input,
      },
      null,
    );
    this.launch(
      createActor(this.machine, { input: initialContext(this.runId, this.record.input) }),
    );
  }

  /** Continues from a stored checkpoint; in-flight nodes start again (the ledger keeps effects single). */
  continueFrom(checkpoint: Checkpoint, reason: string): void {
    const snapshot = restoreSnapshot(checkpoint.snapshot);
    this.runStartSeq = this.emit(
      { type: 'run.resumed', fromSeq: checkpoint.seq, reason },
      checkpoint.seq,
    );
    this.launch(
      createActor(this.machine, { snapshot: snapshot as never, input: contextOf(snapshot) }),
    );
  }

  emit(body: RunEventBody, causedBy: number | null): number {
    if (this.halted) return this.seq;
    const event = {
      ...body,
      runId: this.runId,
      seq: ++this.seq,
      at: this.deps.services.clock.now(),
      causedBy,
    } as RunEvent;
    if (body.type === 'node.started') this.started.set(body.node, event.seq);
    if (body.type === 'node.succeeded' || body.type === 'node.failed')
      this.finished.set(body.node, event.seq);
    this.write(async () => {
      await this.deps.store.appendEvents([event]);
      this.deps.onEvent(event);
    });
    return event.seq;
  }

  causeOfStart(node: string, context: RunContext): number | null {
    const from = context.from[node];
    return (from !== undefined ? this.finished.get(from) : undefined) ?? this.runStartSeq;
  }

  startedSeq(node: string): number | null {
    return this.started.get(node) ?? null;
  }

  /** Sets the run's status (e.g. waiting for a person) and stores it. */
  setStatus(status: RunStatus): void {
    if (this.halted || this.status === status || isFinal(this.status)) return;
    this.status = status;
    this.saveRecord({ status });
  }

  /** Stops the run where it is, as a crash would: nothing more is written. */
  halt(reason: unknown = new Error('halted')): void {
    if (this.halted) return;
    this.halted = true;
    this.actor?.stop();
    this.settle.reject(reason);
  }

  /** Stops the run on purpose and records it as stopped. */
  async stop(reason: string): Promise<RunRecord> {
    this.actor?.stop();
    this.emit({ type: 'run.stopped', reason }, null);
    this.status = 'stopped';
    this.saveRecord({ status: 'stopped', finishedAt: this.deps.services.clock.now() });
    await this.flushed();
    this.settle.resolve(this.record);
    return this.record;
  }

  flushed(): Promise<void> {
    return this.writes;
  }

  private launch(actor: Actor<RunMachine>): void {
    this.actor = actor;
    actor.subscribe({
      next: (snapshot) => {
        if (this.halted) return;
        const stored = persistSnapshot(actor.getPersistedSnapshot());
        const seq = this.seq;
        this.write(() =>
          this.deps.store.putCheckpoint({
            runId: this.runId,
            seq,
            at: this.deps.services.clock.now(),
            snapshot: stored,
          }),
        );
        if (snapshot.status === 'done') void this.finish(snapshot.context);
      },
      error: (error) => this.halt(error),
    });
    actor.start();
  }

  private async finish(context: RunContext): Promise<void> {
    const now = () => this.deps.services.clock.now();
    if (context.result) {
      const { node, status, value } = context.result;
      this.emit(
        { type: 'run.succeeded', node, status, output: value },
        this.finished.get(node) ?? null,
      );
      this.status = 'succeeded';
      this.saveRecord({ status: 'succeeded', result: { status, value, node }, finishedAt: now() });
    } else {
      const failure = context.failure ?? {
        node: null,
        error: { code: 'unknown', message: 'the run ended without a result' },
      };
      this.emit(
        { type: 'run.failed', node: failure.node, error: failure.error },
        failure.node ? (this.finished.get(failure.node) ?? null) : null,
      );
      const compensation = await this.deps.compensate(this);
      this.status =
        compensation === 'compensated'
          ? 'compensated'
          : compensation === 'failed'
            ? 'needs-attention'
            : 'failed';
      this.saveRecord({
        status: this.status,
        error: { code: failure.error.code, message: failure.error.message },
        finishedAt: now(),
      });
    }
    await this.flushed();
    if (!this.halted) this.settle.resolve(this.record);
  }

  private saveRecord(patch: Partial<RunRecord>): void {
    this.record = { ...this.record, ...patch, updatedAt: this.deps.services.clock.now() };
    const record = this.record;
    this.write(() => this.deps.store.putRun(record));
  }

  private write(work: () => Promise<void>): void {
    this.writes = this.writes.then(async () => {
      if (this.halted) return;
      try {
        await work();
      } catch (error) {
        this.halt(error);
      }
    });
  }
}

const isFinal = (status: RunStatus) =>
  status === 'succeeded' || status === 'failed' || status === 'compensated' || status === 'stopped';

function machineFor(
  compiled: CompiledFlow,
  flow: Flow,
  execute: (node: string, context: RunContext, signal: AbortSignal) => Promise<TaskResult>,
): RunMachine {
  const dataOf = (id: string) =>
    (flow.nodes.find((n) => n.id === id)?.data ?? {}) as {
      mode?: string;
      count?: number;
      maxIterations?: number;
    };
  return createRunMachine(
    compiled,
    execute,
    (join, branches) => {
      const data = dataOf(join);
      return data.mode === 'first'
        ? 1
        : data.mode === 'count'
          ? Math.min(data.count ?? branches, branches)
          : branches;
    },
    (loop) => dataOf(loop).maxIterations ?? 1,
  );
}
