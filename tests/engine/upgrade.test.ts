import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Engine,
  MemoryStore,
  type Checkpoint,
  type Executor,
  type RunEvent,
  type RunRecord,
} from '../../src/engine/index.ts';
import { executors } from '../../src/nodes/executors.ts';
import { kindsByName } from '../../src/nodes/index.ts';
import { offlineEngineServices } from './harness/world.ts';

interface Dump {
  run: RunRecord;
  events: RunEvent[];
  checkpoints: Checkpoint[];
}

/**
 * Two runs the engine left halfway before nodes stopped being invoked actors (written by it, at
 * commit 198ceb2): a fan-out whose branch `b` was still running, and a loop over four items in its
 * third round. Their checkpoints hold the actors, a region per branch, a join's map of arrivals
 * and a loop's list of results.
 */
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'invoked-actor-runs.json'), 'utf8'),
) as { fan: Dump; loop: Dump };

/** The fixture's code nodes answered with their id and input; these do too, and count. */
function engineOn(store: MemoryStore, ran: string[], hold = false) {
  const code: Executor<never> = ({ node, scope }) => {
    ran.push(`${node.id} ${JSON.stringify(scope.input)}`);
    if (hold) return new Promise(() => undefined);
    return Promise.resolve({ output: `${node.id}:${JSON.stringify(scope.input)}` });
  };
  return new Engine({
    store,
    kinds: kindsByName,
    executors: { ...executors, code },
    services: offlineEngineServices(),
  });
}

async function load(dump: Dump): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.putRun(dump.run);
  await store.appendEvents(dump.events);
  for (const checkpoint of dump.checkpoints) await store.putCheckpoint(checkpoint);
  return store;
}

describe('runs left by the engine before nodes were run by the runtime', () => {
  it('resume a fan-out where it was: only the branch still running runs again', async () => {
    const store = await load(fixture.fan);
    // Resumed once and stopped again while `b` runs: what the new engine wrote must be enough.
    const held = engineOn(store, [], true);
    const restarted = new Promise<void>((resolve) =>
      held.onEvent((e) => {
        if (e.type === 'node.started') resolve();
      }),
    );
    await held.resume(fixture.fan.run.id, 'upgrade');
    await restarted;
    held.halt();
    expect((await store.checkpoint(fixture.fan.run.id))?.snapshot).toMatchObject({
      value: 'p:fork',
    });
    const ran: string[] = [];
    const record = await (await engineOn(store, ran).resume(fixture.fan.run.id, 'again')).done;
    expect(record.status).toBe('succeeded');
    expect(ran).toEqual(['slowB {}']);
    expect((record.result as { value: unknown }).value).toEqual({
      a: 'a:{}',
      c: 'c:{}',
      b: 'slowB:{}',
    });
    const events = await store.events(record.id);
    expect(events.filter((e) => e.type === 'node.started' && e.node === 'a')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'node.started' && e.node === 'slowB')).toHaveLength(3);
  });

  it('resume a loop in the round it was in, with the rounds it had', async () => {
    const store = await load(fixture.loop);
    const ran: string[] = [];
    const record = await (await engineOn(store, ran).resume(fixture.loop.run.id, 'upgrade')).done;
    expect(record.status).toBe('succeeded');
    expect(ran).toEqual(['slowBody "z"', 'slowBody "w"']);
    expect((record.result as { value: unknown }).value).toEqual([
      'slowBody:"x"',
      'slowBody:"y"',
      'slowBody:"z"',
      'slowBody:"w"',
    ]);
  });
});
