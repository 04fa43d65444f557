import type { Engine, Run, RunEvent, RunRecord, RunStore } from '../../engine/index.ts';
import { finalStatuses } from '../../engine/store.ts';
import { ParkState, type Deadline } from './parkState.ts';

/** How a dispatched run left its worker. */
export type Outcome =
  | { readonly kind: 'ended'; readonly record: RunRecord }
  /** Waiting on people (and their deadlines): released, a later job picks it up. */
  | {
      readonly kind: 'parked';
      readonly waitingOn: readonly string[];
      readonly deadlines: readonly Deadline[];
    };

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
 * let go. The park check runs after each batch of the run's events settles, on what those events
 * said (`ParkState`): the store is read once per run, not after each batch.
 */
export async function driveUntilParked(
  engine: Engine,
  store: RunStore,
  runId: string,
  open: () => Promise<Run>,
): Promise<Outcome> {
  let wake: () => void = () => undefined;
  let dirty = true;
  const state = new ParkState(store, runId);
  // Its subflow runs' events may park it too.
  const off = engine.onEvent((event: RunEvent) => {
    if (!state.hear(event)) return;
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
        const parked = await state.parkedOn();
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
