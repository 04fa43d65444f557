import { describe, expect, it } from 'vitest';
import { openAiCompatible } from '../../src/agents/index.ts';
import { ManualClock, MemoryStore, type RunEvent, type RunStore } from '../../src/engine/index.ts';
import { subflowRunId } from '../../src/engine/subflows.ts';
import { ParkState } from '../../src/server/dispatch/parkState.ts';
import { VolatileMemory } from '../../src/memory/volatile.ts';
import { createEngine } from '../../src/nodes/runtime.ts';
import { flow, link, node } from '../unit/build.ts';
import { eventually } from './poll.ts';

const child = flow(
  'park-state-child',
  [
    node('s', 'start'),
    node('t', 'transform', { expression: "{ 'ready': true }" }),
    node('ask', 'approval', { title: 'Send it?' }),
    node('o', 'output'),
  ],
  [link('s', 't'), link('t', 'ask'), link('ask', 'o', 'approved')],
);
const caller = flow(
  'park-state-caller',
  [
    node('s', 'start'),
    node('t', 'transform', { expression: "{ 'step': 1 }" }),
    node('sub', 'subflow', { flow: child.id }),
    node('o', 'output'),
  ],
  [link('s', 't'), link('t', 'sub'), link('sub', 'o')],
);

/** A store whose writes wait while held (MemoryStore's are done at once, or not begun). */
function heldStore(inner: RunStore) {
  const writes = new Set(['putRun', 'appendEvents', 'putCheckpoint', 'putEffect', 'putApproval']);
  let held: Promise<void> | undefined;
  let release = () => undefined as void;
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!writes.has(String(name)) && name !== 'commit') return method.bind(target);
      return async (...args: unknown[]) => {
        while (held) await held;
        return method.apply(target, args);
      };
    },
  });
  return {
    store,
    hold() {
      held ??= new Promise((resolve) => (release = resolve));
    },
    release() {
      held = undefined;
      release();
    },
  };
}

/** A store that counts each run's `events()` reads made through it. */
function countedStore(inner: RunStore) {
  const reads = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (name !== 'events') return method.bind(target);
      return (runId: string, ...rest: unknown[]) => {
        reads.set(runId, (reads.get(runId) ?? 0) + 1);
        return method.call(target, runId, ...rest);
      };
    },
  });
  return { store, reads };
}

/**
 * Whether the store's pending approvals are the ones its logs say: not so between an approval
 * stored and its event logged, where a full read runs a batch ahead of any log's reader.
 */
async function settledIn(store: RunStore, runIds: readonly string[]): Promise<boolean> {
  for (const runId of runIds) {
    const open = new Set<string>();
    for (const e of await store.events(runId))
      if (e.type === 'approval.requested') open.add(e.key);
      else if (e.type === 'approval.decided' || e.type === 'approval.closed') open.delete(e.key);
    const pending = await store.approvals({ runId, status: 'pending' });
    if (pending.length !== open.size || pending.some((a) => !open.has(a.key))) return false;
  }
  return true;
}

describe('the park state kept from events', () => {
  it('says after each batch what a full read of the store says, reading each log once', async () => {
    const memory = new MemoryStore();
    const held = heldStore(memory);
    const engine = createEngine({
      store: held.store,
      loadFlow: (id) => Promise.resolve([caller, child].find((f) => f.id === id)),
      services: {
        clock: new ManualClock(),
        fetch,
        llm: openAiCompatible({}),
        memory: new VolatileMemory(),
        connections: {},
        secrets: { get: () => Promise.resolve(undefined) },
      },
    });
    const runId = 'p1';
    const childId = subflowRunId({ runId, nodeId: 'sub', visit: 1 });
    // One as a drive that starts the run keeps it; one begun while the run is parked.
    const kept: { state: ParkState; reads: Map<string, number> }[] = [];
    const keep = () => {
      const { store, reads } = countedStore(memory);
      kept.push({ state: new ParkState(store, runId), reads });
    };
    keep();
    const checks: unknown[] = [];
    let checking = Promise.resolve();
    let waiting = 0;
    let failure: unknown;
    engine.onEvent((event: RunEvent) => {
      if (!kept.map(({ state }) => state.hear(event)).some(Boolean)) return;
      // After the batch this event came in (told one by one, at once), every write held: what
      // each kept state says against what a state that reads everything from the store says.
      held.hold();
      waiting++;
      checking = checking.then(async () => {
        try {
          // Writes done before the hold have their events told first.
          await new Promise((resolve) => setImmediate(resolve));
          if (!(await settledIn(memory, [runId, childId]))) return;
          const full = await new ParkState(memory, runId).parkedOn();
          for (const { state } of kept) expect(await state.parkedOn()).toEqual(full);
          checks.push(full);
        } catch (error) {
          failure ??= error;
        } finally {
          if (--waiting === 0) held.release();
        }
      });
    });

    await engine.start(caller, {}, { runId });
    const [ask] = await eventually(async () => {
      await checking;
      if (failure) throw failure as Error;
      const pending = await memory.approvals({ runId: childId, status: 'pending' });
      return pending.length > 0 && checks.at(-1) ? pending : undefined;
    }, "the subflow's approval, and the caller parked on it");
    expect(checks.at(-1)).toEqual({ waitingOn: [ask!.key], deadlines: [], children: [childId] });

    keep();
    await engine.decide(ask!.key, { decision: 'approved' });
    await eventually(
      async () => ((await memory.getRun(runId))?.status === 'succeeded' ? true : undefined),
      'the caller to finish',
    );
    await checking;
    expect(failure).toBeUndefined();
    // Not parked at first and at the end, parked in between: the checks saw the whole course.
    expect(checks[0]).toBeUndefined();
    expect(checks.at(-1)).toBeUndefined();
    expect(checks.filter(Boolean).length).toBeGreaterThan(0);
    expect(checks.length).toBeGreaterThan((await memory.events(runId)).length / 2);
    for (const { reads } of kept) {
      expect(reads.get(runId)).toBe(1);
      expect(reads.get(childId) ?? 0).toBeLessThanOrEqual(1);
    }
  });
});
