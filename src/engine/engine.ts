import type { Flow } from '../flow/index.ts';
import { Desk, type Answer } from './approvals.ts';
import { loadSnapshot } from './checkpoint.ts';
import { compensateRun, settleRun, type Compensator, type Settler } from './compensation.ts';
import type { EngineKinds } from './compile/graph.ts';
import { EngineError } from './errors.ts';
import type { DebugCommand, RunEvent } from './events.ts';
import type { ApprovalDecision, Executor, Services } from './contract/index.ts';
import { FlowMachines } from './flowMachines.ts';
import { immutable } from './immutable.ts';
import { Run, type RunProgress } from './run.ts';
import {
  finalStatuses,
  type ApprovalRecord,
  type Breakpoint,
  type DebugState,
  type RunRecord,
  type RunStore,
} from './store.ts';
import { RUN_RECORD_VERSION } from './records.ts';
import { runSubflow } from './subflows.ts';
import { stateAt, writeFork, writeRewind, type ForkEdits, type StateAt } from './timeTravel.ts';

export type { Compensator, Settler } from './compensation.ts';

export interface RunLocks {
  tryAcquire(runId: string): Promise<(() => void) | null>;
  acquireWhenFree?(runId: string, signal: AbortSignal): Promise<() => void>;
}

export interface EngineOptions {
  readonly store: RunStore;
  readonly kinds: EngineKinds;
  readonly executors: Readonly<Record<string, Executor<never>>>;
  /** The outside world; the engine adds the ledger, the approval desk and subflows. */
  readonly services: Omit<Services, 'ledger' | 'approvals' | 'runFlow'>;
  readonly compensate?: Compensator;
  /** Settles effects whose outcome is unknown before a run ends (see `settleRun`). */
  readonly settle?: Settler;
  /** Finds a saved flow for subflow nodes. */
  readonly loadFlow?: (id: string) => Promise<Flow | undefined>;
  readonly newId?: () => string;
  readonly random?: () => number;
  /**
   * Ensures one runner per run across tabs (Web Locks in the browser). `tryAcquire` resolves to a
   * release function, or null when another runtime holds the run; `acquireWhenFree` waits in
   * line for the lock (rejecting when `signal` aborts), so a run held by a tab that closes is
   * taken over here.
   */
  readonly locks?: RunLocks;
}

/**
 * Runs flows: starts, resumes after crashes or reloads, takes decisions, and streams every event.
 * One engine per worker (or per CLI process); runs of any number of flows share it.
 * @example
 * const engine = new Engine({ store, kinds, executors, services });
 * const run = await engine.start(flow, { client: 'Acme' });
 * const record = await run.done;
 */
export class Engine {
  readonly desk: Desk;
  private readonly active = new Map<string, Run>();
  private readonly resuming = new Map<string, Promise<Run>>();
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly progressListeners = new Set<(progress: RunProgress) => void>();
  private readonly recordListeners = new Set<(record: RunRecord) => void>();
  private readonly haltListeners = new Set<(runId: string, error: unknown) => void>();
  private readonly requestedSeq = new Map<string, number>();
  /** Runs held by another tab, waiting in line for their lock. */
  private readonly waiting = new Map<string, AbortController>();
  private readonly services: Services;
  private readonly flows: FlowMachines;

  constructor(private readonly options: EngineOptions) {
    const { store } = options;
    this.desk = new Desk(store, options.services.clock, (notice) => this.onDesk(notice));
    this.services = {
      ...options.services,
      ledger: { get: (key) => store.getEffect(key), put: (record) => store.putEffect(record) },
      approvals: this.desk,
      runFlow: (flowId, input, parent) =>
        runSubflow(
          {
            store,
            loadFlow: options.loadFlow,
            start: (flow, input, opts) => this.start(flow, input, opts),
            resume: (runId, reason) => this.resume(runId, reason),
          },
          flowId,
          input,
          parent,
        ),
    };
    this.flows = new FlowMachines(options.kinds, (runId) => this.active.get(runId));
  }

  /** Compiles (once per flow object) and starts a run. Throws `CompileError` for flows that cannot run. */
  async start(
    flow: Flow,
    input: unknown,
    options: {
      runId?: string;
      parent?: RunRecord['parent'];
      caller?: RunRecord['caller'];
      debug?: DebugState;
    } = {},
  ): Promise<Run> {
    const compiled = this.flows.compiled(flow);
    const now = this.options.services.clock.now();
    // The record, its flow and input are immutable from here on (`immutable.ts`): the run, its
    // events and the store share them.
    const record: RunRecord = immutable({
      version: RUN_RECORD_VERSION,
      id: options.runId ?? this.options.newId?.() ?? crypto.randomUUID(),
      flowId: flow.id,
      flowName: flow.name,
      flow: this.flows.immutable(flow),
      input,
      status: 'running',
      startedAt: now,
      updatedAt: now,
      ...(options.parent ? { parent: options.parent } : {}),
      ...(options.caller ? { caller: options.caller } : {}),
      ...(options.debug ? { debug: options.debug } : {}),
    });
    const release = await this.lock(record.id);
    if (!release)
      throw new EngineError(
        'run-elsewhere',
        `run "${record.id}" is already running in another tab`,
      );
    await this.options.store.putRun(record);
    const run = this.track(
      new Run(record, compiled, this.flows.machine(compiled), this.deps(), 0),
      release,
    );
    run.begin();
    return run;
  }

  /**
   * Continues a run from its last checkpoint (after a crash, a reload, or a closed browser). Two
   * callers resuming the same run at once (a decision and the subflow step waiting on it) share
   * one resumed run.
   */
  resume(runId: string, reason = 'resumed', held?: () => void): Promise<Run> {
    const running = this.active.get(runId) ?? this.resuming.get(runId);
    if (running) {
      held?.();
      return Promise.resolve(running);
    }
    const resuming = this.reopen(runId, reason, held)
      .then((run) => this.finishCutStop(run))
      .finally(() => this.resuming.delete(runId));
    this.resuming.set(runId, resuming);
    return resuming;
  }

  private async reopen(runId: string, reason: string, held?: () => void): Promise<Run> {
    const record = await this.options.store.getRun(runId).catch((error: unknown) => {
      held?.();
      throw error;
    });
    const refuse = (error: EngineError) => {
      held?.();
      throw error;
    };
    if (!record) return refuse(new EngineError('unknown-run', `there is no run "${runId}"`));
    if (finalStatuses.has(record.status))
      return refuse(new EngineError('run-finished', `run "${runId}" already ${record.status}`));
    const release = held ?? (await this.lock(runId));
    if (!release)
      throw new EngineError('run-elsewhere', `run "${runId}" is running in another tab`);
    const [loaded, lastSeq] = await Promise.all([
      loadSnapshot(this.options.store, runId),
      this.options.store.lastSeq(runId),
    ]).catch((error: unknown) => {
      release();
      throw error;
    });
    const compiled = this.flows.compiled(record.flow);
    const run = this.track(
      new Run(record, compiled, this.flows.machine(compiled), this.deps(), lastSeq),
      release,
    );
    if (loaded) run.continueFrom(loaded.checkpoint, loaded.snapshot, reason);
    else run.begin();
    return run;
  }

  /**
   * Resumes every run that was under way or waiting when the last session ended (forks too).
   * A subflow's run is left to its caller, which resumes it when it reaches that step again.
   */
  async resumeAll(reason = 'resumed'): Promise<Run[]> {
    const runs = await this.options.store.listRuns({ status: ['running', 'waiting', 'paused'] });
    const resumed = await Promise.all(
      runs
        .filter((r) => !r.caller)
        .map((r) =>
          this.resume(r.id, reason).catch((error: unknown) => {
            // Another tab runs it; this one takes over if that tab closes.
            if (error instanceof EngineError && error.code === 'run-elsewhere') {
              this.takeOverWhenFree(r.id);
              return null;
            }
            throw error;
          }),
        ),
    );
    return resumed.filter((run): run is Run => run !== null);
  }

  /**
   * Waits in line for the lock of a run another tab holds, and resumes it here as soon as that tab
   * lets go (it closed, or its worker died) unless it finished meanwhile. Does nothing without
   * `locks.acquireWhenFree`, or when already waiting.
   */
  takeOverWhenFree(runId: string): void {
    const locks = this.options.locks;
    if (!locks?.acquireWhenFree || this.waiting.has(runId) || this.active.has(runId)) return;
    const controller = new AbortController();
    this.waiting.set(runId, controller);
    const done = () => {
      if (this.waiting.get(runId) === controller) this.waiting.delete(runId);
    };
    void locks.acquireWhenFree(runId, controller.signal).then(async (release) => {
      done();
      const record = await this.options.store.getRun(runId).catch(() => undefined);
      if (!record || finalStatuses.has(record.status) || record.caller) return release();
      await this.resume(runId, 'taken over: the tab running it closed', release).catch(
        () => undefined,
      );
    }, done);
  }

  /** Decides a pending approval; resumes its run first if it is not running here. */
  async decide(key: string, answer: Answer): Promise<ApprovalDecision> {
    const approval = await this.options.store.getApproval(key);
    if (!approval)
      throw new EngineError('unknown-approval', `there is no approval request "${key}"`);
    if (approval.status === 'pending' && !this.active.has(approval.runId)) {
      const record = await this.options.store.getRun(approval.runId);
      // Left pending by a run that ended around it (or a stop cut short): closed now, refused.
      if (record && finalStatuses.has(record.status))
        await this.desk.closeAll(approval.runId, `its run had already ${record.status}`, () =>
          Promise.resolve(),
        );
      else await this.resume(approval.runId, 'decision');
    }
    return this.desk.decide(key, answer);
  }

  /** Continue, step or pause a run being debugged; resumes it here first if needed. */
  async debug(runId: string, command: DebugCommand): Promise<void> {
    const run = this.active.get(runId) ?? (await this.resume(runId, 'debugger'));
    run.command(command);
    await run.flushed();
  }

  async setBreakpoints(runId: string, breakpoints: readonly Breakpoint[]): Promise<void> {
    const run = this.active.get(runId) ?? (await this.resume(runId, 'debugger'));
    run.setBreakpoints(breakpoints);
    await run.flushed();
  }

  /** The run as it was after event `seq` (from checkpoints). */
  stateAt(runId: string, seq: number): Promise<StateAt> {
    return stateAt(this.options.store, runId, seq);
  }

  /**
   * Starts a new run from another's state at `seq`, optionally with edited node outputs. The
   * original's log is untouched; effects finished before the fork point are never re-sent.
   */
  async fork(runId: string, seq: number, edits: ForkEdits = {}, debug?: DebugState): Promise<Run> {
    const source = await this.options.store.getRun(runId);
    if (!source) throw new EngineError('unknown-run', `there is no run "${runId}"`);
    const id = this.options.newId?.() ?? crypto.randomUUID();
    await writeFork(this.options.store, debug ? { ...source, debug } : source, seq, edits, {
      id,
      now: this.options.services.clock.now(),
    });
    return this.resume(id, 'fork');
  }

  /**
   * Takes a paused run back to its checkpoint at or before `seq` and pauses it before the node that
   * comes next from there. The log keeps what happened after that point, followed by `run.rewound`.
   */
  async rewind(runId: string, seq: number): Promise<Run> {
    const live = this.active.get(runId);
    if (live) await live.flushed();
    const record = await this.options.store.getRun(runId);
    if (!record) throw new EngineError('unknown-run', `there is no run "${runId}"`);
    if (record.status !== 'paused')
      throw new EngineError(
        'run-not-paused',
        `run "${runId}" is ${record.status}; pause it before rewinding`,
      );
    if (live) {
      live.halt(new EngineError('rewound', 'the run was rewound'));
      await live.done.catch(() => undefined);
    }
    const release = await this.lock(runId);
    if (!release) throw new EngineError('run-elsewhere', `run "${runId}" is open in another tab`);
    try {
      await writeRewind(this.options.store, record, seq, this.options.services.clock.now());
    } finally {
      release();
    }
    return this.resume(runId, 'rewound');
  }

  pendingApprovals(runId?: string): Promise<ApprovalRecord[]> {
    return this.desk.pending(runId);
  }

  run(runId: string): Run | undefined {
    return this.active.get(runId);
  }

  /**
   * Stops a run. Its open approvals are closed first, each logged as `approval.closed`, so every
   * inbox drops them and a decision sent later is refused (`approval-closed`).
   */
  async stop(runId: string, reason = 'stopped by the user'): Promise<RunRecord> {
    const run = this.active.get(runId) ?? (await this.resume(runId, 'stop'));
    if (finalStatuses.has(run.current.status)) return run.current;
    const why = `its run was stopped: ${reason}`;
    return this.desk.closeAll(runId, why, async (closed) => {
      this.logClosed(run, closed, why);
      return run.stop(reason);
    });
  }

  /**
   * A stop that closed the run's approvals and was cut off (a crash) before the run was stopped
   * leaves closed approvals on a live run: the resume finishes that stop.
   */
  private async finishCutStop(run: Run): Promise<Run> {
    const all = await this.options.store.approvals({ runId: run.runId });
    const closed = all.filter((a) => a.status === 'closed');
    if (closed.length === 0) return run;
    this.logClosed(run, closed, closed[0]?.closed?.reason ?? 'its run was stopped');
    await run.stop('a stop cut short by a restart, finished on resume');
    return run;
  }

  private logClosed(run: Run, closed: readonly ApprovalRecord[], reason: string): void {
    for (const a of closed)
      run.emit(
        { type: 'approval.closed', node: a.nodeId, key: a.key, reason },
        this.requestedSeq.get(a.key) ?? null,
      );
  }

  /**
   * A person's "roll back": undoes a finished or stopped run's completed effects, newest first,
   * each once. A compensation that fails leaves the run `needs-attention`, never `compensated`.
   */
  async rollback(runId: string): Promise<RunRecord> {
    if (this.active.has(runId))
      throw new EngineError('run-active', 'stop the run before rolling it back');
    const record = await this.options.store.getRun(runId);
    if (!record) throw new EngineError('unknown-run', `there is no run "${runId}"`);
    if (!finalStatuses.has(record.status) && record.status !== 'needs-attention') {
      throw new EngineError(
        'run-not-finished',
        `run "${runId}" is ${record.status}; stop it before rolling it back`,
      );
    }
    const release = await this.lock(runId);
    if (!release) throw new EngineError('run-elsewhere', `run "${runId}" is open in another tab`);
    try {
      const compiled = this.flows.compiled(record.flow);
      const run = new Run(
        record,
        compiled,
        this.flows.machine(compiled),
        this.deps(),
        await this.options.store.lastSeq(runId),
      );
      const outcome = await this.compensate(run);
      if (outcome !== 'none')
        run.conclude(outcome === 'compensated' ? 'compensated' : 'needs-attention');
      await run.flushed();
      return run.current;
    } finally {
      release();
    }
  }

  /** Stops every run on the spot with nothing more written, as a killed worker would. */
  halt(): void {
    for (const waiting of this.waiting.values()) waiting.abort();
    this.waiting.clear();
    for (const run of this.active.values())
      run.halt(new EngineError('halted', 'the engine was halted'));
    this.active.clear();
    this.desk.dispose();
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` each time a run's record is durable: its status, result or usage changed.
   * The record is written after the events that led to it, so this is when a page that shows
   * the run's status should read it again.
   */
  /**
   * Calls `listener` when a run stops because a store write failed (a full disk, a deleted
   * database); the run is left where its last durable write put it, to be resumed.
   */
  onHalted(listener: (runId: string, error: unknown) => void): () => void {
    this.haltListeners.add(listener);
    return () => this.haltListeners.delete(listener);
  }

  onRecord(listener: (record: RunRecord) => void): () => void {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  }

  /**
   * Calls `listener` with running nodes' progress (an agent's answer as it arrives, at most about
   * 20 updates a second per node): for people watching, never in the log.
   */
  onProgress(listener: (progress: RunProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private deps() {
    return {
      store: this.options.store,
      services: this.services,
      executors: this.options.executors,
      random: this.options.random ?? Math.random,
      onEvent: (event: RunEvent) => {
        for (const listener of this.listeners) listener(event);
      },
      onRecord: (record: RunRecord) => {
        for (const listener of this.recordListeners) listener(record);
      },
      onProgress: (progress: RunProgress) => {
        for (const listener of this.progressListeners) listener(progress);
      },
      watched: () => this.progressListeners.size > 0,
      compensate: (run: Run) => this.compensate(run),
      settle: (run: Run) => settleRun(this.options.store, this.options.settle, this.services, run),
    };
  }

  private lock(runId: string): Promise<(() => void) | null> {
    return this.options.locks
      ? this.options.locks.tryAcquire(runId)
      : Promise.resolve(() => undefined);
  }

  private track(run: Run, release: () => void): Run {
    this.active.set(run.runId, run);
    const forget = () => {
      release();
      if (this.active.get(run.runId) === run) this.active.delete(run.runId);
    };
    run.done.then(forget, (error: unknown) => {
      forget();
      if (error instanceof EngineError && error.code === 'halted') return;
      for (const listener of this.haltListeners) listener(run.runId, error);
    });
    return run;
  }

  private async onDesk(
    notice: Parameters<ConstructorParameters<typeof Desk>[2]>[0],
  ): Promise<void> {
    const run = this.active.get(notice.record.runId);
    if (!run) return;
    const { key, nodeId } = notice.record;
    switch (notice.type) {
      case 'approval.requested': {
        // Asked again after a resume: logged already, unless the run died between storing the
        // request and logging it.
        const logged = notice.again ? await this.logged(run.runId, key) : {};
        this.logRequest(run, notice.record, logged.requested);
        run.setStatus('waiting');
        break;
      }
      case 'approval.decided': {
        // A resumed run may find its request stored but never logged (it died in between),
        // or decided while no run was there to log the decision: the log gets what it lacks.
        const logged =
          notice.again || !this.requestedSeq.has(key) ? await this.logged(run.runId, key) : {};
        const requested = this.logRequest(run, notice.record, logged.requested);
        if (!notice.again || logged.decided === undefined)
          run.emit(
            { type: 'approval.decided', node: nodeId, key, decision: notice.decision },
            requested,
          );
        run.setStatus((await this.desk.pending(run.runId)).length > 0 ? 'waiting' : 'running');
        break;
      }
      case 'approval.timedOut':
        run.emit(
          {
            type: 'approval.timedOut',
            node: nodeId,
            key,
            applied: notice.record.request.onTimeout,
          },
          this.requestedSeq.get(key) ?? null,
        );
        break;
    }
    await run.flushed();
  }

  /**
   * The seq of the run's `approval.requested` for `record`: known here, found in its log
   * (`logged`: a request stored by an earlier life of the run), or logged now.
   */
  private logRequest(run: Run, record: ApprovalRecord, logged: number | undefined): number {
    const { key, nodeId } = record;
    const seq =
      this.requestedSeq.get(key) ??
      logged ??
      run.emit(
        { type: 'approval.requested', node: nodeId, key, request: record.request },
        run.startedSeq(nodeId),
      );
    this.requestedSeq.set(key, seq);
    return seq;
  }

  /** The seqs of the run's logged request and decision for approval `key`, read in one pass. */
  private async logged(
    runId: string,
    key: string,
  ): Promise<{ requested?: number; decided?: number }> {
    const found: { requested?: number; decided?: number } = {};
    for (const e of await this.options.store.events(runId)) {
      if (e.type === 'approval.requested' && e.key === key) found.requested ??= e.seq;
      if (e.type === 'approval.decided' && e.key === key) found.decided ??= e.seq;
    }
    return found;
  }

  private compensate(run: Run) {
    return compensateRun(this.options.store, this.options.compensate, this.services, run);
  }
}
