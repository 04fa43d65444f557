import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextOf, loadSnapshot } from '../../src/engine/checkpoint.ts';
import { chain } from '../unit/build.ts';
import { createWorld, type World } from './harness/world.ts';

describe('checkpoints', () => {
  let world: World;
  beforeEach(async () => (world = await createWorld()));
  afterEach(() => world.server.stop());

  it('write deltas between occasional full snapshots, and restore the exact state at every step', async () => {
    const record = await (await world.engine().start(chain(300), {})).done;
    expect(record.status).toBe('succeeded');
    const events = await world.store.events(record.id);
    const checkpoints = await Promise.all(
      events.map((e) => world.store.checkpoint(record.id, e.seq)),
    );
    const kinds = new Set(checkpoints.filter((c) => c !== undefined).map((c) => c.kind));
    expect(kinds).toEqual(new Set(['full', 'delta']));
    const fulls = new Set(checkpoints.filter((c) => c?.kind === 'full').map((c) => c!.seq));
    expect(fulls.size).toBeLessThan(20);

    for (const event of events) {
      const loaded = await loadSnapshot(world.store, record.id, event.seq);
      if (!loaded) continue;
      const done = events
        .filter((e) => e.seq <= loaded.checkpoint.seq && e.type === 'node.succeeded')
        .map((e) => (e.type === 'node.succeeded' ? e.node : ''));
      const nodes = contextOf(loaded.snapshot).nodes;
      expect(Object.keys(nodes).sort()).toEqual([...done].sort());
      for (const id of done.filter((d) => d.startsWith('t')))
        expect(nodes[id]).toEqual({ step: Number(id.slice(1)) });
    }
  });

  it("keep a step's delta small however long the run has been", async () => {
    const record = await (await world.engine().start(chain(600), {})).done;
    const events = await world.store.events(record.id);
    const deltas = (
      await Promise.all(events.map((e) => world.store.checkpoint(record.id, e.seq)))
    ).filter((c) => c?.kind === 'delta');
    const sizes = deltas.map((c) => JSON.stringify(c).length);
    expect(Math.max(...sizes.slice(-50))).toBeLessThan(Math.max(...sizes.slice(0, 50)) * 1.5);
  });
});
