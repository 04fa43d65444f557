import { createActor, type Actor } from 'xstate';
import type { Flow, FlowNode } from '../flow/index.ts';
import { contextOf, fitToMachine, runningNodes, shellOf, type ContextMap } from './checkpoint.ts';
import { CheckpointWriter } from './checkpointWriter.ts';
import type { CompiledFlow } from './compile/compile.ts';
import { initialContext, type RunContext } from './context.ts';
import { logged, type DebugCommand, type RunEvent, type RunEventBody } from './events.ts';
import { executeNode, type NodeRunner } from './execute.ts';
import {
  addUsage,
  noUsage,
  type Executor,
  type NodeProgress,
  type Scope,
  type Services,
  type Usage,
} from './contract/index.ts';
import { abortReason } from './clock.ts';
import { evaluate } from './expressions.ts';
import type { RunMachine, TaskEvent } from './machine.ts';
import { Cancel } from './cancel.ts';
import { seal, sealed } from './immutable.ts';
import { taskEvent } from './compile/names.ts';
import { EngineError } from './errors.ts';
import {
  finalStatuses,
  type Breakpoint,
  type Checkpoint,
  type DebugState,
  type RunRecord,
  type RunStatus,
  type RunStore,
  commitStep,
} from './store.ts';

interface RunDeps {
  readonly store: RunStore;
  readonly services: Services;
  readonly executors: Readonly<Record<string, Executor<never>>>;
  readonly random: () => number;
  /** Called for every event, after it is durable. */
  readonly onEvent: (event: RunEvent) => void;
  /** Called when the run's record (status, result, usage) is durable, after its events. */
  readonly onRecord?: (record: RunRecord) => void;
  /** Called with a running node's progress (an agent's text so far); never stored. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Whether anyone listens to progress (without listeners, agents need not stream). */
  readonly watched?: () => boolean;
  /** Undoes completed effects of a failed run; resolves to how it went. */
  readonly compensate: (run: Run) => Promise<'none' | 'compensated' | 'failed'>;
  /** Settles effects whose outcome is unknown; the run ends only after. */
  readonly settle: (run: Run) => Promise<void>;
}

/** A running node's progress as watchers get it: ephemeral, not part of the run's log. */
export interface RunProgress {
  readonly runId: string;
  readonly node: string;
  /** Everything so far (an agent's answer as it arrives), not a delta. */
  readonly text: string;
}

/**
 * One run in progress: runs the nodes its XState actor asks for (the machine's `run` action) and
 * sends each result back as an event, writes every event and a checkpoint after every step, in
 * order, and settles the run record when the machine stops. A store write that fails halts the
 * run on the spot, as a crash would; `resume` picks it up from its last checkpoint.
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
  private readonly nodesById: ReadonlyMap<string, FlowNode>;
  private readonly checkpoints: CheckpointWriter;
  /** The next commit: what was emitted, checkpointed and recorded since the last one began. */
  private pendingEvents: RunEvent[] = [];
  private pendingCheckpoints: Checkpoint[] = [];
  private pendingRecord: RunRecord | undefined;
  /** The machine moved since its last checkpoint, which is built before the next seq or commit. */
  private snapshotDirty = false;
  private commitQueued = false;
  /** Nodes waiting at a pause, and how to let each go. */
  private readonly gates = new Map<string, () => void>();
  /** Nodes running now, each with its own cancellation (a stale result is dropped by identity). */
  private readonly running = new Map<string, Cancel>();
  /** Nodes the machine asked to run in the step being taken; started once it is taken. */
  private requested: string[] = [];

  constructor(
    private record: RunRecord,
    readonly compiled: CompiledFlow,
    private readonly machine: RunMachine,
    private readonly deps: RunDeps,
    lastSeq: number,
  ) {
    this.nodesById = new Map(record.flow.nodes.map((n) => [n.id, n]));
    this.checkpoints = new CheckpointWriter(record.id);
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
  get usage(): Usage {
    return this.record.usage ?? noUsage;
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
      [],
    );
  }

  /** Continues from a stored checkpoint; in-flight nodes start again (the ledger keeps effects single). */
  continueFrom(checkpoint: Checkpoint, stored: unknown, reason: string): void {
    this.checkpoints.resumeFrom(checkpoint);
    const { snapshot, branches } = fitToMachine(stored, this.compiled.machine);
    for (const key of branches) this.checkpoints.touch('branches', key);
    this.runStartSeq = this.emit(
      { type: 'run.resumed', fromSeq: checkpoint.seq, reason },
      checkpoint.seq,
    );
    // Entry actions do not run again on restore: the nodes that were running start again here.
    this.launch(
      createActor(this.machine, { snapshot: snapshot as never, input: contextOf(snapshot) }),
      runningNodes(snapshot),
    );
  }

  emit(body: RunEventBody, causedBy: number | null): number {
    if (this.halted) return this.seq;
    // The checkpoint after the last seq is taken before the seq moves on.
    this.takeCheckpoint();
    const event = logged(body, this.runId, ++this.seq, this.deps.services.clock.now(), causedBy);
    if (body.type === 'node.started') this.started.set(body.node, event.seq);
    if (body.type === 'node.succeeded' || body.type === 'node.failed')
      this.finished.set(body.node, event.seq);
    if (body.type === 'llm.called' || body.type === 'effect.completed') {
      const usage = addUsage(this.usage, body);
      if (usage !== this.usage) this.saveRecord({ usage });
    }
    this.pendingEvents.push(event);
    this.queueCommit();
    return event.seq;
  }

  /**
   * Everything emitted, checkpointed or recorded before the queue reaches this commit goes to the
   * store together, in one transaction where the store has `commit`.
   */
  private queueCommit(): void {
    if (this.commitQueued) return;
    this.commitQueued = true;
    this.write(() => this.commit());
  }

  private async commit(): Promise<void> {
    this.commitQueued = false;
    this.takeCheckpoint();
    const events = this.pendingEvents;
    const checkpoints = this.pendingCheckpoints;
    const run = this.pendingRecord;
    this.pendingEvents = [];
    this.pendingCheckpoints = [];
    this.pendingRecord = undefined;
    if (events.length === 0 && checkpoints.length === 0 && !run) return;
    // Each event and checkpoint is frozen; marking the lists tells a store all are immutable.
    sealed(Object.freeze(events));
    sealed(Object.freeze(checkpoints));
    await commitStep(this.deps.store, { events, checkpoints, ...(run ? { run } : {}) });
    for (const e of events) this.deps.onEvent(e);
    if (run) this.deps.onRecord?.(run);
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
    if (this.halted || this.status === status || finalStatuses.has(this.status)) return;
    this.status = status;
    this.saveRecord({ status });
  }

  /** Records how a finished run ended after the fact (a roll-back). */
  conclude(status: RunStatus): void {
    this.status = status;
    this.saveRecord({ status });
  }

  /** Passes a running node's progress on to watchers; a halted run has none. */
  progress(node: string, update: NodeProgress): void {
    if (this.halted) return;
    this.deps.onProgress?.({ runId: this.runId, node, text: update.text });
  }

  watched(): boolean {
    return this.deps.onProgress !== undefined && (this.deps.watched?.() ?? true);
  }

  /** Stops the run where it is, as a crash would: nothing more is written. */
  halt(reason: unknown = new Error('halted')): void {
    if (this.halted) return;
    this.halted = true;
    this.actor?.stop();
    this.cancelAll(reason);
    this.settle.reject(reason);
  }

  /** Stops the run on purpose and records it as stopped. */
  async stop(reason: string): Promise<RunRecord> {
    // The checkpoint of the machine as it ran, not as it is once stopped.
    this.takeCheckpoint();
    this.actor?.stop();
    this.cancelAll(new EngineError('stopped', reason));
    this.emit({ type: 'run.stopped', reason }, null);
    this.status = 'stopped';
    this.saveRecord({ status: 'stopped', finishedAt: this.deps.services.clock.now() });
    await this.flushed();
    this.settle.resolve(this.record);
    return this.record;
  }

  /**
   * Waits before a node while the run is paused there, or pauses it when a breakpoint (or stepping)
   * says so. The pause is in the run record, so after a reload the restarted node pauses again.
   */
  gate(node: string, context: RunContext, scope: Scope, cancel: Cancel): Promise<void> | undefined {
    const debug = this.record.debug;
    // Not being debugged: nothing to wait for, not even a tick.
    return debug ? this.pause(debug, node, context, scope, cancel) : undefined;
  }

  private async pause(
    debug: DebugState,
    node: string,
    context: RunContext,
    scope: Scope,
    cancel: Cancel,
  ): Promise<void> {
    const already = debug.pausedAt === node;
    if (!already && debug.mode !== 'step' && !(await this.breaksAt(debug.breakpoints, node, scope)))
      return;
    if (!already) {
      this.emit(
        { type: 'debug.paused', node, reason: debug.mode === 'step' ? 'step' : 'breakpoint' },
        this.causeOfStart(node, context),
      );
      this.status = 'paused';
      this.saveRecord({ status: 'paused', debug: { ...debug, pausedAt: node } });
    }
    const signal = cancel.signal;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      this.gates.set(node, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Continue, step (pause before the next node) or pause (at the next node). */
  command(command: DebugCommand): void {
    const debug = this.record.debug ?? { breakpoints: [], mode: 'run' as const };
    const next: DebugState = {
      breakpoints: debug.breakpoints,
      mode: command === 'continue' ? 'run' : 'step',
    };
    const released = [...this.gates];
    this.gates.clear();
    if (this.status === 'paused') this.status = 'running';
    this.saveRecord({
      debug: next,
      ...(this.record.status === 'paused' ? { status: 'running' as const } : {}),
    });
    for (const [node, release] of released) {
      this.emit({ type: 'debug.resumed', node, command }, null);
      release();
    }
  }

  setBreakpoints(breakpoints: readonly Breakpoint[]): void {
    const debug = this.record.debug ?? { mode: 'run' as const, breakpoints: [] };
    this.saveRecord({ debug: { ...debug, breakpoints } });
  }

  private async breaksAt(
    breakpoints: readonly Breakpoint[],
    node: string,
    scope: Scope,
  ): Promise<boolean> {
    for (const b of breakpoints) {
      if (b.node !== node) continue;
      if (!b.condition) return true;
      const value = await evaluate(b.condition, scope, `breakpoint on ${node}`).catch(() => true);
      if (value !== undefined && value !== null && value !== false && value !== 0 && value !== '')
        return true;
    }
    return false;
  }

  /** Resolves when everything emitted so far is durable. */
  flushed(): Promise<void> {
    return this.writes;
  }

  node(id: string): FlowNode | undefined {
    return this.nodesById.get(id);
  }

  /** Asks for `node` to run once the machine's current step is taken (its `run` action). */
  request(node: string): void {
    this.requested.push(node);
  }

  /** Stops the nodes still running in the branches of `fork`: the machine left it. */
  cancel(fork: string): void {
    for (const [node, cancel] of this.running) {
      if (!this.compiled.nodes[node]?.within?.includes(fork)) continue;
      this.running.delete(node);
      cancel.abort(new EngineError('cancelled', `the branches of "${fork}" were left`));
    }
  }

  private cancelAll(reason: unknown): void {
    for (const cancel of this.running.values()) cancel.abort(reason);
    this.running.clear();
  }

  /** Notes a context key a step wrote (called by the machine's actions). */
  touch(map: ContextMap, key: string): void {
    this.checkpoints.touch(map, key);
  }

  touchEnd(): void {
    this.checkpoints.touchEnd();
  }

  /**
   * The checkpoint after event `seq` of the machine as it is now, if it moved since the last one;
   * the snapshot is persisted without its context (XState would walk all of it). Steps that end
   * at one seq (a fan-out's branches finishing together) share one checkpoint, built once.
   */
  private takeCheckpoint(): void {
    if (!this.snapshotDirty || !this.actor) return;
    this.snapshotDirty = false;
    const snapshot = this.actor.getSnapshot();
    const shell = shellOf(snapshot);
    const checkpoint = this.checkpoints.next(
      this.seq,
      this.deps.services.clock.now(),
      shell,
      snapshot.context,
    );
    // A later checkpoint at the same seq replaces the earlier (it carries both steps' changes).
    if (this.pendingCheckpoints.at(-1)?.seq === checkpoint.seq) this.pendingCheckpoints.pop();
    this.pendingCheckpoints.push(checkpoint);
  }

  private launch(actor: Actor<RunMachine>, running: readonly string[]): void {
    this.actor = actor;
    actor.subscribe({ error: (error) => this.halt(error) });
    actor.start();
    this.requested.push(...running);
    this.stepped();
  }

  /** After the machine took a step: its checkpoint is due, and the nodes it asked for start. */
  private stepped(): void {
    if (this.halted || !this.actor) return;
    this.snapshotDirty = true;
    this.queueCommit();
    const snapshot = this.actor.getSnapshot();
    const requested = this.requested;
    this.requested = [];
    if (snapshot.status === 'done') {
      void this.finish(snapshot.context);
      return;
    }
    if (snapshot.status !== 'active') return;
    for (const node of requested) this.start(node, snapshot.context);
  }

  private start(node: string, context: RunContext): void {
    const cancel = new Cancel();
    this.running.get(node)?.abort();
    this.running.set(node, cancel);
    executeNode(this, node, context, cancel).then(
      (output) => this.answer(node, cancel, { type: taskEvent.done(node), output }),
      (error: unknown) => this.answer(node, cancel, { type: taskEvent.failed(node), error }),
    );
  }

  /** Sends a node's result to the machine, unless the machine stopped waiting for it. */
  private answer(node: string, cancel: Cancel, event: TaskEvent): void {
    if (this.halted || this.running.get(node) !== cancel) return;
    this.running.delete(node);
    this.actor?.send(event);
    this.stepped();
  }

  private async finish(context: RunContext): Promise<void> {
    const now = () => this.deps.services.clock.now();
    try {
      await this.deps.settle(this);
    } catch (error) {
      // A store that fails here fails like anywhere else: the run halts and resumes later.
      return this.halt(error);
    }
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
    const record: { -readonly [K in keyof RunRecord]: RunRecord[K] } = Object.assign(
      {},
      this.record,
      patch,
    );
    record.updatedAt = this.deps.services.clock.now();
    this.record = seal(record);
    this.pendingRecord = this.record;
    this.queueCommit();
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
