import { createActor } from 'xstate';
import { loadSnapshot, runningNodes } from './checkpoint.ts';
import { compile } from './compile/compile.ts';
import { taskEvent } from './compile/names.ts';
import { initialContext, type RunContext } from './context.ts';
import type { EngineOptions } from './engine.ts';
import { recordedCode } from './errorCodes.ts';
import { EngineError } from './errors.ts';
import { logged, type RunEvent, type RunEventBody } from './events.ts';
import { addUsage, NodeError, noUsage, type TaskResult, type Usage } from './contract/index.ts';
import { flowLimits } from './flowMachines.ts';
import { createRunMachine, type TaskEvent } from './machine.ts';
import { RUN_RECORD_VERSION } from './records.ts';
import type { RunRecord, RunStatus } from './store.ts';

/**
 * The events on the path a run took. A rewind takes back what came after the point it returned to,
 * and the starts of nodes that were in flight there (they start again after the rewind).
 */
export function pathOf(events: readonly RunEvent[]): RunEvent[] {
  const path: RunEvent[] = [];
  for (const event of events) {
    if (event.type === 'run.rewound') {
      while (path.length > 0 && path.at(-1)!.seq > event.toSeq) path.pop();
      // Walking back, each finish closes the nearest earlier start of its node.
      const closing = new Map<string, number>();
      for (let i = path.length - 1; i >= 0; i--) {
        const e = path[i]!;
        if (e.type === 'node.succeeded' || e.type === 'node.failed')
          closing.set(e.node, (closing.get(e.node) ?? 0) + 1);
        else if (e.type === 'node.started') {
          const open = closing.get(e.node) ?? 0;
          if (open > 0) closing.set(e.node, open - 1);
          else path.splice(i, 1);
        }
      }
    }
    path.push(event);
  }
  return path;
}

const diverged = (message: string) => new EngineError('replay-diverged', message);

/**
 * Runs a finished run again from its log, without running a single executor: the run's machine is
 * driven step by step with each node's recorded outcome, and each event of the log is told again
 * in its order, except what the machine decides itself, which comes from the machine: what each
 * node was handed and on which visit (`node.started`), and how the run ended. A log the machine
 * would not have taken (a node started that the flow does not run there, a run that ends
 * otherwise) stops the replay as `replay-diverged`. Nothing external happens (no HTTP, no model,
 * no approvals), nothing is stored, and the original run is untouched.
 * @example const { events } = await replayRun(options, runId);
 */
export async function replayRun(
  options: EngineOptions,
  runId: string,
): Promise<{ record: RunRecord; events: RunEvent[] }> {
  const source = await options.store.getRun(runId);
  if (!source) throw new EngineError('unknown-run', `there is no run "${runId}"`);
  const path = pathOf(await options.store.events(runId));
  const forked =
    path[0]?.type === 'run.forked' ? await loadSnapshot(options.store, runId, 1) : undefined;
  return new Replay(options, source, forked?.snapshot).fold(path);
}

/** One replay: the machine, the nodes it runs, and the events told so far. */
class Replay {
  private readonly id: string;
  private readonly actor;
  private readonly running = new Set<string>();
  /** Nodes in flight when the run resumed: their next start is the same attempt going on. */
  private readonly restarting = new Set<string>();
  /** Nodes whose start was told and whose finish was not yet. */
  private readonly started = new Set<string>();
  private readonly requested: string[] = [];
  private readonly events: RunEvent[] = [];
  /**
   * The seq each original event got in the replay (0: none), for `causedBy`, indexed by the
   * original seq. A log's seqs are gapless from 1, so this is dense; a `Map` of 100,000 number
   * keys cost a third of a replay's time here, most of it growing its table.
   */
  private seqs = new Int32Array(0);
  private readonly kinds: ReadonlyMap<string, string>;
  private readonly compiled;
  private usage: Usage = noUsage;
  private readonly startedAt: number;

  constructor(
    private readonly options: EngineOptions,
    private readonly source: RunRecord,
    snapshot: unknown,
  ) {
    this.id = `${source.id}~replay`;
    this.startedAt = options.services.clock.now();
    this.kinds = new Map(source.flow.nodes.map((n) => [n.id, n.type]));
    this.compiled = compile(source.flow, options.kinds);
    const machine = createRunMachine(this.compiled, {
      run: (_, node) => void this.requested.push(node),
      cancel: (_, fork) => {
        for (const node of this.running)
          if (this.compiled.nodes[node]?.within?.includes(fork)) this.running.delete(node);
      },
      touch: () => undefined,
      touchEnd: () => undefined,
      ...flowLimits(this.compiled),
    });
    if (snapshot) {
      // A fork starts from the state it was forked at.
      const context = { ...(snapshot as { context: RunContext }).context, runId: this.id };
      this.actor = createActor(machine, {
        snapshot: { ...snapshot, context } as never,
        input: context,
      });
      this.requested.push(...runningNodes(snapshot));
    } else {
      this.actor = createActor(machine, { input: initialContext(this.id, source.input) });
    }
  }

  fold(path: readonly RunEvent[]): { record: RunRecord; events: RunEvent[] } {
    let last = 0;
    for (const event of path) if (event.seq > last) last = event.seq;
    this.seqs = new Int32Array(last + 1);
    this.actor.start();
    this.stepped();
    for (const event of path) {
      const end = this.tell(event);
      if (end) return { record: this.record(end), events: this.events };
    }
    throw diverged(`the log of "${this.source.id}" ends before the run does`);
  }

  /** Tells one event of the original log again; returns how the run ended when it did. */
  private tell(event: RunEvent): RunStatus | undefined {
    switch (event.type) {
      case 'run.started':
        this.emit(
          {
            type: 'run.started',
            flowId: this.source.flowId,
            flowName: this.source.flowName,
            input: this.source.input,
          },
          event,
        );
        return undefined;
      case 'run.resumed':
        // A node cut off by a resume (a crash, or a server run parked on a person) starts again
        // and redoes the same work: the replay tells it as one attempt.
        for (const node of this.started) this.restarting.add(node);
        return undefined;
      case 'run.rewound':
      case 'debug.paused':
      case 'debug.resumed':
        // A replay runs straight through: no restarts, rewinds or pauses.
        return undefined;
      case 'node.started': {
        if (!this.running.has(event.node))
          throw diverged(`the log starts "${event.node}" where the flow does not run it`);
        if (this.restarting.delete(event.node)) return undefined;
        this.started.add(event.node);
        const context = this.context();
        this.emit(
          {
            type: 'node.started',
            node: event.node,
            kind: this.kinds.get(event.node) ?? event.kind,
            input: context.inputs[event.node] ?? null,
            visit: context.visits[event.node] ?? 1,
            attempt: event.attempt,
          },
          event,
        );
        return undefined;
      }
      case 'node.succeeded': {
        this.retell(event);
        const result = this.source.result as { node?: string; status?: string } | undefined;
        // Built whole rather than spread: a spread after properties takes V8's slow path.
        const output: TaskResult =
          result?.node === event.node && result.status
            ? { output: event.output, port: event.port, status: result.status }
            : { output: event.output, port: event.port };
        this.answer(event.node, { type: taskEvent.done(event.node), output });
        return undefined;
      }
      case 'node.failed': {
        this.retell(event);
        if (event.willRetry) {
          this.started.delete(event.node);
          return undefined;
        }
        const { code, message, ...extra } = event.error;
        const error = new NodeError(recordedCode(code), message, extra);
        this.answer(event.node, { type: taskEvent.failed(event.node), error });
        return undefined;
      }
      case 'run.succeeded':
      case 'run.failed':
        return this.end(event);
      case 'run.stopped':
        this.retell(event);
        return 'stopped';
      default:
        // What executors, the desk and the ledger logged is told again as it was.
        this.retell(event);
        return undefined;
    }
  }

  private end(event: RunEvent): RunStatus {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status !== 'done')
      throw diverged(`the log ends the run at event ${event.seq}; the flow would go on`);
    const { result, failure } = snapshot.context;
    if (result) {
      this.emit(
        { type: 'run.succeeded', node: result.node, status: result.status, output: result.value },
        event,
      );
      return 'succeeded';
    }
    const node = failure?.node ?? null;
    const error = failure?.error ?? { code: 'unknown', message: 'the run ended without a result' };
    this.emit({ type: 'run.failed', node, error }, event);
    return 'failed';
  }

  private answer(node: string, event: TaskEvent): void {
    this.started.delete(node);
    if (!this.running.delete(node))
      throw diverged(`the log finishes "${node}", which the flow is not running`);
    this.actor.send(event);
    this.stepped();
  }

  private stepped(): void {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status === 'error') throw snapshot.error;
    for (const node of this.requested) this.running.add(node);
    this.requested.length = 0;
  }

  private context(): RunContext {
    return this.actor.getSnapshot().context;
  }

  private retell(event: RunEvent): void {
    this.emit(event, event);
  }

  private emit(body: RunEventBody | RunEvent, original: RunEvent): void {
    const seq = this.events.length + 1;
    const causedBy = original.causedBy === null ? null : this.seqs[original.causedBy] || null;
    this.seqs[original.seq] = seq;
    if (body.type === 'llm.called' || body.type === 'effect.completed')
      this.usage = addUsage(this.usage, body);
    this.events.push(logged(body, this.id, seq, this.options.services.clock.now(), causedBy));
  }

  private record(status: RunStatus): RunRecord {
    const now = this.options.services.clock.now();
    const { result, failure } = this.context();
    const source = this.source;
    return {
      version: RUN_RECORD_VERSION,
      id: this.id,
      flowId: source.flowId,
      flowName: source.flowName,
      flow: source.flow,
      ...(source.input !== undefined ? { input: source.input } : {}),
      status,
      startedAt: this.startedAt,
      updatedAt: now,
      finishedAt: now,
      ...(status === 'succeeded' && result
        ? { result: { status: result.status, value: result.value, node: result.node } }
        : {}),
      ...(status === 'failed' && failure
        ? { error: { code: failure.error.code, message: failure.error.message } }
        : {}),
      ...(this.usage !== noUsage ? { usage: this.usage } : {}),
    };
  }
}
