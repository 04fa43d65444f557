import { contextOf, loadSnapshot, stripChildren } from './checkpoint.ts';
import type { RunContext } from './context.ts';
import { EngineError } from './errors.ts';
import type { RunEvent } from './events.ts';
import type { RunRecord, RunStore } from './store.ts';

/** A run as it was after one event: what the debugger shows when you scrub to it. */
export interface StateAt {
  /** The checkpoint the state comes from: the latest at or before the asked seq. */
  readonly seq: number;
  readonly value: unknown;
  readonly status: string;
  readonly context: RunContext;
}

/**
 * The state of a run as of event `seq`, rebuilt from checkpoints (the nearest full one and the
 * deltas after it), never by replaying from the start.
 */
export async function stateAt(store: RunStore, runId: string, seq: number): Promise<StateAt> {
  const loaded = await loadSnapshot(store, runId, seq);
  if (!loaded)
    throw new EngineError('no-state', `run "${runId}" has no state at or before event ${seq}`);
  const snapshot = loaded.snapshot as { value: unknown; status: string };
  return {
    seq: loaded.checkpoint.seq,
    value: snapshot.value,
    status: snapshot.status,
    context: contextOf(loaded.snapshot),
  };
}

export interface ForkEdits {
  /** Replacement outputs by node id ("what if the draft had said X"). */
  readonly outputs?: Readonly<Record<string, unknown>>;
}

/**
 * Writes a new run that starts from another run's state at `seq`, with `edits` applied: its record,
 * a `run.forked` event and a full checkpoint. The original run's log is untouched. Nodes finished
 * before the fork point are never run again, so their effects are never re-sent; nodes in flight
 * there run again in the fork, under the fork's own idempotency keys.
 */
export async function writeFork(
  store: RunStore,
  source: RunRecord,
  seq: number,
  edits: ForkEdits,
  fork: { id: string; now: number },
): Promise<void> {
  const loaded = await loadSnapshot(store, source.id, seq);
  if (!loaded)
    throw new EngineError(
      'no-state',
      `run "${source.id}" has no state at or before event ${seq} to fork from`,
    );
  const snapshot = loaded.snapshot as { context: RunContext; status: string };
  const context = snapshot.context as { -readonly [K in keyof RunContext]: RunContext[K] };
  context.runId = fork.id;
  for (const [node, output] of Object.entries(edits.outputs ?? {})) {
    if (!(node in context.nodes))
      throw new EngineError(
        'not-run-yet',
        `node "${node}" has no output at event ${seq}; pick a later step to edit it`,
      );
    context.nodes[node] = output;
    // Whoever was handed this node's output gets the edited one.
    for (const [to, from] of Object.entries(context.from))
      if (from === node) context.inputs[to] = output;
  }
  if (snapshot.status === 'done')
    throw new EngineError(
      'finished-state',
      'that step is the end of the run; fork from an earlier one',
    );
  const record: RunRecord = {
    ...source,
    id: fork.id,
    status: 'running',
    startedAt: fork.now,
    updatedAt: fork.now,
    parent: { runId: source.id, seq: loaded.checkpoint.seq },
  };
  delete (record as { finishedAt?: number }).finishedAt;
  delete (record as { result?: unknown }).result;
  delete (record as { error?: unknown }).error;
  const event: RunEvent = {
    type: 'run.forked',
    from: source.id,
    atSeq: loaded.checkpoint.seq,
    edited: Object.keys(edits.outputs ?? {}),
    runId: fork.id,
    seq: 1,
    at: fork.now,
    causedBy: null,
  };
  await store.putRun(record);
  await store.appendEvents([event]);
  await store.putCheckpoint({
    runId: fork.id,
    seq: 1,
    at: fork.now,
    kind: 'full',
    snapshot: stripChildren(snapshot),
  });
}
