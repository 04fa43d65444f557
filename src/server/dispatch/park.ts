import type { Engine, Run, RunEvent, RunRecord, RunStore } from '../../engine/index.ts';
import { finalStatuses } from '../../engine/store.ts';

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

/**
 * Whether every node in flight waits on a pending approval: then nothing will happen until a
 * person (or a deadline) acts, and the run can leave this worker. Nodes in flight come from the
 * log (started after their last finish), so a node restarted by a resume counts once.
 */
async function parkedOn(store: RunStore, runId: string): Promise<Outcome | undefined> {
  const pending = await store.approvals({ runId, status: 'pending' });
  if (pending.length === 0) return undefined;
  const waiting = new Set(pending.map((a) => a.nodeId));
  const inFlight = new Set<string>();
  for (const event of await store.events(runId)) {
    if (event.type === 'node.started') inFlight.add(event.node);
    else if (event.type === 'node.succeeded' || event.type === 'node.failed')
      inFlight.delete(event.node);
  }
  if ([...inFlight].some((node) => !waiting.has(node))) return undefined;
  return {
    kind: 'parked',
    waitingOn: pending.map((a) => a.key),
    deadlines: pending.flatMap((a) =>
      a.request.expiresAt !== null && !(a.request.onTimeout === 'hold' && a.timedOut)
        ? [{ key: a.key, at: a.request.expiresAt }]
        : [],
    ),
  };
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
  const off = engine.onEvent((event: RunEvent) => {
    if (event.runId !== runId) return;
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
          await run.flushed();
          run.halt(new Error('parked: waiting on people'));
          return parked;
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
