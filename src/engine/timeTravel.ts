import { contextOf, loadSnapshot, runningNodes } from './checkpoint.ts';
import type { RunContext } from './context.ts';
import { EngineError } from './errors.ts';
import type { RunEvent } from './events.ts';
import { addUsage, noUsage } from './contract/index.ts';
import { commitStep, type RunRecord, type RunStore, type StepCommit } from './store.ts';

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
  /** Replacement inputs of nodes handed theirs but not finished at the fork point. */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** A replacement for the run's own input (what `run.input` reads from then on); `undefined` keeps it. */
  readonly runInput?: unknown;
}

/** The names of what `edits` changes, for the fork's log. */
const editedNames = (edits: ForkEdits): string[] => [
  ...Object.keys(edits.outputs ?? {}),
  ...Object.keys(edits.inputs ?? {}).map((node) => `${node} (input)`),
  ...(edits.runInput !== undefined ? ['run input'] : []),
];

/**
 * Writes a new run that starts from another run's state at `seq`, with `edits` applied: its record,
 * a `run.forked` event and a full checkpoint, in one commit. The original run's log is untouched.
 * Nodes finished before the fork point are never run again, so their effects are never re-sent;
 * nodes in flight there run again in the fork, under the fork's own idempotency keys.
 */
export async function writeFork(
  store: RunStore,
  source: RunRecord,
  seq: number,
  edits: ForkEdits,
  fork: { id: string; now: number },
): Promise<void> {
  await commitStep(store, await forkStep(store, source, seq, edits, fork));
}

/** What `writeFork` commits, read and checked but not written (a host may add to its commit). */
export async function forkStep(
  store: RunStore,
  source: RunRecord,
  seq: number,
  edits: ForkEdits,
  fork: { id: string; now: number },
): Promise<StepCommit> {
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
  const waiting = new Set(runningNodes(loaded.snapshot));
  for (const [node, input] of Object.entries(edits.inputs ?? {})) {
    if (!waiting.has(node))
      throw new EngineError(
        'not-waiting',
        `node "${node}" is not waiting with an input at event ${seq}; edit its output, or pick the step before it runs`,
      );
    context.inputs[node] = input;
  }
  if (edits.runInput !== undefined) context.input = edits.runInput;
  if (snapshot.status === 'done')
    throw new EngineError(
      'finished-state',
      'that step is the end of the run; fork from an earlier one',
    );
  // The fork has spent what the source had spent by the fork point, not what it spent later.
  let usage = noUsage;
  for (const e of await store.events(source.id, { to: loaded.checkpoint.seq }))
    if (e.type === 'llm.called' || e.type === 'effect.completed') usage = addUsage(usage, e);
  const record: RunRecord = {
    ...source,
    usage,
    id: fork.id,
    status: 'running',
    startedAt: fork.now,
    updatedAt: fork.now,
    parent: { runId: source.id, seq: loaded.checkpoint.seq },
    ...(edits.runInput !== undefined ? { input: edits.runInput } : {}),
  };
  delete (record as { finishedAt?: number }).finishedAt;
  delete (record as { result?: unknown }).result;
  delete (record as { error?: unknown }).error;
  // A fork of a subflow's run stands alone: no caller waits for it.
  delete (record as { caller?: unknown }).caller;
  const event: RunEvent = {
    type: 'run.forked',
    from: source.id,
    atSeq: loaded.checkpoint.seq,
    edited: editedNames(edits),
    runId: fork.id,
    seq: 1,
    at: fork.now,
    causedBy: null,
  };
  return {
    events: [event],
    checkpoints: [{ runId: fork.id, seq: 1, at: fork.now, kind: 'full', snapshot }],
    run: record,
  };
}

/**
 * Takes a run back, in place, to its checkpoint at or before `seq`: appends a `run.rewound` event
 * and a full checkpoint holding that state, and sets the run to pause before its next node. The
 * log keeps everything that happened after the rewind point. Nodes run again after a rewind reuse
 * their recorded effects (same run, same visit, same idempotency key), so nothing is sent twice.
 */
export async function writeRewind(
  store: RunStore,
  record: RunRecord,
  seq: number,
  now: number,
): Promise<void> {
  const loaded = await loadSnapshot(store, record.id, seq);
  if (!loaded)
    throw new EngineError(
      'no-state',
      `run "${record.id}" has no state at or before event ${seq} to rewind to`,
    );
  const snapshot = loaded.snapshot as { status: string };
  if (snapshot.status === 'done')
    throw new EngineError('finished-state', 'that step is the end of the run; pick an earlier one');
  const at = (await store.lastSeq(record.id)) + 1;
  const event: RunEvent = {
    type: 'run.rewound',
    toSeq: loaded.checkpoint.seq,
    runId: record.id,
    seq: at,
    at: now,
    causedBy: loaded.checkpoint.seq,
  };
  await store.appendEvents([event]);
  await store.putCheckpoint({
    runId: record.id,
    seq: at,
    at: now,
    kind: 'full',
    snapshot,
  });
  const debug = { breakpoints: record.debug?.breakpoints ?? [], mode: 'step' as const };
  await store.putRun({ ...record, status: 'running', debug, updatedAt: now });
}
