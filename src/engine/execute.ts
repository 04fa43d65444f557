import type { Flow } from '../flow/index.ts';
import type { Cancel } from './cancel.ts';
import { immutable } from './immutable.ts';
import type { CompiledFlow } from './compile/compile.ts';
import type { RunPolicy } from './compile/graph.ts';
import { roundsOf, type RunContext } from './context.ts';
import type { RunEventBody } from './events.ts';
import { throttledProgress } from './progress.ts';
import { waitForSetup } from './setup.ts';
import {
  NodeError,
  toErrorData,
  type Executor,
  type NodeProgress,
  type Scope,
  type Services,
  type TaskResult,
  type Usage,
} from './contract/index.ts';

/** A node whose kind declares no run policy: one attempt, no timeout. */
const ONCE: RunPolicy = { attempts: 1, backoffMs: 1_000, maxBackoffMs: 60_000, timeoutMs: 0 };

export interface NodeRunner {
  readonly runId: string;
  readonly flow: Flow;
  readonly compiled: CompiledFlow;
  readonly services: Services;
  readonly executors: Readonly<Record<string, Executor<never>>>;
  readonly random: () => number;
  readonly usage: Usage;
  /** Appends an event to the run's log and returns its seq. */
  emit(body: RunEventBody, causedBy: number | null): number;
  /** The event a node's start follows from. */
  causeOfStart(node: string, context: RunContext): number | null;
  node(id: string): Flow['nodes'][number] | undefined;
  /** Hands a running node's progress to whoever watches (throttled by `executeNode`); optional. */
  progress?(node: string, update: NodeProgress): void;
  /** Whether anyone watches progress now; nodes that start unwatched get no progress channel. */
  watched?(): boolean;
  /** Holds a node back while the run is paused before it (debugging). */
  gate(node: string, context: RunContext, scope: Scope, cancel: Cancel): Promise<void> | undefined;
}

function scopeOf(runner: Pick<NodeRunner, 'compiled'>, node: string, context: RunContext): Scope {
  const loopId = runner.compiled.nodes[node]?.loop;
  const loop = loopId ? context.loops[loopId] : undefined;
  let results: unknown[] | undefined;
  return {
    input: context.inputs[node] ?? null,
    run: { id: context.runId, input: context.input },
    nodes: context.nodes,
    ...(loop
      ? {
          loop: {
            index: loop.i,
            item: loop.items ? loop.items[loop.i] : loop.value,
            // Gathered when read: building the list for every step would cost a long loop its
            // length at each of them.
            get results() {
              return (results ??= roundsOf(context, loopId!, loop.i));
            },
          },
        }
      : {}),
  };
}

/** A `Retry-After` longer than this is not waited for in a node's retry loop. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * Runs one node: its executor, with the node's timeout and retries (exponential backoff with
 * jitter, only for errors marked retryable), logging each attempt.
 */
export async function executeNode(
  runner: NodeRunner,
  nodeId: string,
  context: RunContext,
  cancel: Cancel,
): Promise<TaskResult> {
  const node = runner.node(nodeId);
  const executor = node ? runner.executors[node.type] : undefined;
  if (!node || !executor)
    throw new NodeError(
      'no-executor',
      `node "${nodeId}" of kind "${node?.type ?? '?'}" cannot run here`,
    );
  const label = typeof node.data['label'] === 'string' ? node.data['label'] : nodeId;
  const policy = runner.compiled.nodes[nodeId]?.policy ?? ONCE;
  const { attempts, timeoutMs } = policy;
  const visit = context.visits[nodeId] ?? 1;
  const scope = scopeOf(runner, nodeId, context);
  // Without a pause there is nothing to wait for: the node starts in this step.
  const paused = runner.gate(nodeId, context, scope, cancel);
  if (paused) await paused;
  let cause = runner.causeOfStart(nodeId, context);
  // Attempts spent waiting for a missing connection or secret do not count as retries.
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    const startedAt = runner.services.clock.now();
    const started = runner.emit(
      { type: 'node.started', node: nodeId, kind: node.type, input: scope.input, visit, attempt },
      cause,
    );
    // A node with a timeout gets its own signal, so the timeout can abort its work alone.
    const controller = timeoutMs > 0 ? new AbortController() : undefined;
    const onAbort = controller ? () => controller.abort(cancel.signal.reason) : undefined;
    if (onAbort) cancel.signal.addEventListener('abort', onAbort, { once: true });
    let cancelTimer: (() => void) | undefined;
    const channel = throttledProgress(runner, nodeId);
    try {
      const work = (executor as Executor<unknown>)({
        runId: runner.runId,
        node: { id: nodeId, kind: node.type, label, data: node.data },
        flow: runner.flow,
        scope,
        visit,
        attempt,
        // Read only by executors that can be interrupted (see `Cancel`).
        get signal() {
          return controller?.signal ?? cancel.signal;
        },
        services: runner.services,
        usage: runner.usage,
        log: (event) => void runner.emit(event, started),
        progress: channel.progress,
      });
      const result =
        timeoutMs > 0
          ? await Promise.race([
              work,
              new Promise<never>((_, reject) => {
                cancelTimer = runner.services.clock.setTimer(timeoutMs, () => {
                  runner.emit({ type: 'node.timedOut', node: nodeId, afterMs: timeoutMs }, started);
                  controller?.abort();
                  reject(
                    new NodeError(
                      'timeout',
                      `"${label}" took longer than ${policy.timeout ?? `${timeoutMs} ms`}`,
                      { retryable: true },
                    ),
                  );
                });
              }),
            ])
          : await work;
      const port = result.port ?? 'out';
      // From here on the output is immutable: the log, the context and the next node share it.
      const output = immutable(result.output);
      runner.emit(
        {
          type: 'node.succeeded',
          node: nodeId,
          port,
          output,
          ms: runner.services.clock.now() - startedAt,
        },
        started,
      );
      return { output, port, status: result.status };
    } catch (error) {
      if (cancel.aborted) throw error;
      const failure = toErrorData(error);
      if (failure.needs) {
        cause = runner.emit(
          { type: 'node.failed', node: nodeId, error: failure, attempt, willRetry: true },
          started,
        );
        waited++;
        const at = { runId: runner.runId, nodeId, visit, attempt };
        await waitForSetup(runner.services.approvals, at, failure.needs, cancel.signal);
        continue;
      }
      const willRetry = failure.retryable === true && attempt - waited < attempts;
      cause = runner.emit(
        { type: 'node.failed', node: nodeId, error: failure, attempt, willRetry },
        started,
      );
      if (!willRetry) throw error;
      const base = policy.backoffMs * 2 ** (attempt - 1);
      // A remote that said when to come back (429's Retry-After) is waited for at least that long.
      const delayMs = Math.max(
        Math.round(Math.min(base, policy.maxBackoffMs) * (0.5 + runner.random() / 2)),
        Math.min(failure.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS),
      );
      cause = runner.emit(
        { type: 'node.retrying', node: nodeId, attempt: attempt + 1, delayMs },
        cause,
      );
      await runner.services.clock.sleep(delayMs, cancel.signal);
    } finally {
      channel.close();
      cancelTimer?.();
      if (onAbort) cancel.signal.removeEventListener('abort', onAbort);
    }
  }
}
