import { Engine, type EngineOptions } from './engine.ts';
import { EngineError } from './errors.ts';
import type { RunEvent } from './events.ts';
import { NodeError, type ErrorData, type Executor, type ExecutorEvent } from './executor.ts';
import { MemoryStore } from './memoryStore.ts';
import type { RunRecord } from './store.ts';
import { recordedCode } from './errorCodes.ts';

interface Attempt {
  readonly node: string;
  readonly started: number;
  readonly logged: RunEvent[];
  outcome?: { port: string; output: unknown } | { error: ErrorData; willRetry: boolean };
}

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

/**
 * What each attempt of each node did, in order, from a run's path. An attempt cut off by a resume
 * (a crash, or a server run parked on a person) is taken up by the node's next start, which
 * redoes the same work: what it recorded (an approval asked, an effect started) belongs to that
 * one. An attempt cut off by a rewind is left out.
 */
function recordedAttempts(events: readonly RunEvent[]): Map<string, Attempt[]> {
  const open = new Map<string, Attempt>();
  const carried = new Map<string, RunEvent[]>();
  const byNode = new Map<string, Attempt[]>();
  for (const event of events) {
    if (event.type === 'run.resumed') {
      for (const cut of open.values()) carried.set(cut.node, cut.logged);
      open.clear();
    }
    if (event.type === 'run.rewound') open.clear();
    if (!('node' in event) || typeof event.node !== 'string') continue;
    const attempt = open.get(event.node);
    if (event.type === 'node.started') {
      const logged = carried.get(event.node) ?? [];
      carried.delete(event.node);
      open.set(event.node, { node: event.node, started: event.seq, logged });
    } else if (event.type === 'node.succeeded' || event.type === 'node.failed') {
      if (!attempt) continue;
      attempt.outcome =
        event.type === 'node.succeeded'
          ? { port: event.port, output: event.output }
          : { error: event.error, willRetry: event.willRetry };
      const attempts = byNode.get(event.node);
      if (attempts) attempts.push(attempt);
      else byNode.set(event.node, [attempt]);
      open.delete(event.node);
    } else if (
      attempt &&
      !event.type.startsWith('node.') &&
      !event.type.startsWith('run.') &&
      !event.type.startsWith('debug.')
    ) {
      attempt.logged.push(event);
    }
  }
  return byNode;
}

const offline = (what: string) => () =>
  Promise.reject(new EngineError('replay-offline', `a replay never calls ${what}`));

/**
 * Runs a finished run again from its log: every node's outcome is the recorded one, so nothing
 * external happens (no HTTP, no model, no approvals), and the events come out as they were. The
 * replay lives in its own memory store; the original run is untouched.
 * @example const { events } = await replayRun(options, runId);
 */
export async function replayRun(
  options: EngineOptions,
  runId: string,
): Promise<{ record: RunRecord; events: RunEvent[] }> {
  const source = await options.store.getRun(runId);
  if (!source) throw new EngineError('unknown-run', `there is no run "${runId}"`);
  const attempts = recordedAttempts(pathOf(await options.store.events(runId)));
  // How many of each node's attempts were replayed (shifting a long array each time is quadratic).
  const used = new Map<string, number>();
  const replayed: Executor<never> = (x) => {
    const index = used.get(x.node.id) ?? 0;
    used.set(x.node.id, index + 1);
    const next = attempts.get(x.node.id)?.[index];
    if (!next?.outcome)
      return Promise.reject(
        new EngineError('replay-diverged', `the log has no further outcome of "${x.node.id}"`),
      );
    // Recorded side events (policy, effects, model calls, approvals) are re-told as they were.
    for (const event of next.logged) {
      const { runId: _r, seq: _s, at: _a, causedBy: _c, ...body } = event;
      x.log(body as ExecutorEvent);
    }
    const { outcome } = next;
    if ('error' in outcome) {
      const { code, message, ...extra } = outcome.error;
      return Promise.reject(
        new NodeError(recordedCode(code), message, { ...extra, retryable: outcome.willRetry }),
      );
    }
    const status =
      source.result && (source.result as { node?: string }).node === x.node.id
        ? (source.result as { status?: string }).status
        : undefined;
    return Promise.resolve({
      port: outcome.port,
      output: outcome.output,
      ...(status ? { status } : {}),
    });
  };
  const store = new MemoryStore();
  const engine = new Engine({
    kinds: options.kinds,
    executors: Object.fromEntries(Object.keys(options.executors).map((kind) => [kind, replayed])),
    store,
    services: {
      ...options.services,
      fetch: offline('the network'),
      llm: { complete: offline('a model') },
    },
    newId: () => `${runId}~replay`,
    random: () => 0,
  });
  const run = await engine.start(source.flow, source.input);
  const record = await run.done;
  return { record, events: await store.events(run.runId) };
}
