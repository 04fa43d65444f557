import type { Engine, Run, RunEvent, RunRecord, RunStore } from '../../engine/index.ts';
import { finalStatuses } from '../../engine/store.ts';
import { subflowRunId } from '../../engine/subflows.ts';

/** How a dispatched run left its worker. */
export type Outcome =
  | { readonly kind: 'ended'; readonly record: RunRecord }
  /** Waiting on people (and their deadlines): released, a later job picks it up. */
  | {
      readonly kind: 'parked';
      readonly waitingOn: readonly string[];
      readonly deadlines: readonly Deadline[];
    };

export interface Deadline {
  readonly key: string;
  readonly at: number;
}

interface Parked {
  readonly waitingOn: string[];
  readonly deadlines: Deadline[];
  /** Subflow runs parked under it, callers before the runs they called. */
  readonly children: string[];
}

/**
 * Whether every node in flight waits on a person: on a pending approval of the run, or as a
 * subflow step whose own run is parked in turn. Then nothing will happen until a person (or a
 * deadline) acts, and the run (with the subflow runs under it) can leave this worker. Nodes in
 * flight come from the log (started after their last finish), so a node restarted by a resume
 * counts once.
 */
async function parkedOn(store: RunStore, runId: string): Promise<Parked | undefined> {
  const pending = await store.approvals({ runId, status: 'pending' });
  const waiting = new Set(pending.map((a) => a.nodeId));
  const inFlight = new Map<string, { kind: string; visit: number }>();
  for (const event of await store.events(runId)) {
    if (event.type === 'node.started') inFlight.set(event.node, event);
    else if (event.type === 'node.succeeded' || event.type === 'node.failed')
      inFlight.delete(event.node);
  }
  const parked: Parked = {
    waitingOn: pending.map((a) => a.key),
    deadlines: pending.flatMap((a) =>
      a.request.expiresAt !== null && !(a.request.onTimeout === 'hold' && a.timedOut)
        ? [{ key: a.key, at: a.request.expiresAt }]
        : [],
    ),
    children: [],
  };
  let onPeople = pending.length > 0;
  for (const [node, started] of inFlight) {
    if (waiting.has(node)) continue;
    if (started.kind !== 'subflow') return undefined;
    const childId = subflowRunId({ runId, nodeId: node, visit: started.visit });
    const child = await parkedOn(store, childId);
    if (!child) return undefined;
    onPeople = true;
    parked.waitingOn.push(...child.waitingOn);
    parked.deadlines.push(...child.deadlines);
    parked.children.push(childId, ...child.children);
  }
  return onPeople ? parked : undefined;
}

/** The run a subflow run was called from, up to the one nothing called: the one to drive. */
export async function outermostCaller(store: RunStore, runId: string): Promise<string> {
  let id = runId;
  for (let record = await store.getRun(id); record?.caller; record = await store.getRun(id))
    id = record.caller.runId;
  return id;
}

/**
 * Runs `open` (a start, resume or decision) and drives the run in this worker until it ends or
 * parks on people; a parked run is halted here with everything it wrote durable, and its lock is
 * let go. The park check runs after each batch of the run's events settles.
 */
export async function driveUntilParked(
  engine: Engine,
  store: RunStore,
  runId: string,
  open: () => Promise<Run>,
): Promise<Outcome> {
  let wake: () => void = () => undefined;
  let dirty = true;
  // Its subflow runs' ids start with its own: their events may park it too.
  const off = engine.onEvent((event: RunEvent) => {
    if (event.runId !== runId && !event.runId.startsWith(`${runId}/`)) return;
    dirty = true;
    wake();
  });
  try {
    const run = await open();
    const ended = run.done.then((record) => ({ kind: 'ended' as const, record }));
    // Halting a parked run rejects `done` after we left; that is no error.
    ended.catch(() => undefined);
    for (;;) {
      const changed = new Promise<'changed'>((resolve) => (wake = () => resolve('changed')));
      if (dirty) {
        dirty = false;
        await run.flushed();
        const parked = await parkedOn(store, runId);
        // Events that arrived during the check mean the run moved on: look again.
        if (parked && !dirty && engine.run(runId) === run) {
          const children = parked.children.flatMap((id) => engine.run(id) ?? []);
          await Promise.all([run, ...children].map((r) => r.flushed()));
          // The caller first, in one go: a subflow run halted rejects what its caller awaits,
          // which must find the caller halted too, not record a failed step.
          const reason = new Error('parked: waiting on people');
          for (const r of [run, ...children]) r.halt(reason);
          return { kind: 'parked', waitingOn: parked.waitingOn, deadlines: parked.deadlines };
        }
      }
      const next = await Promise.race([ended, changed]);
      if (next !== 'changed') return next;
    }
  } finally {
    off();
  }
}

/** Whether a run needs no more driving. */
export const isOver = (record: RunRecord | undefined) =>
  record !== undefined && (finalStatuses.has(record.status) || record.status === 'needs-attention');
