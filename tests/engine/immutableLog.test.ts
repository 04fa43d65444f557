import { describe, expect, it } from 'vitest';
import { Engine, MemoryStore, type Executor } from '../../src/engine/index.ts';
import { executors } from '../../src/nodes/executors.ts';
import { kindsByName } from '../../src/nodes/index.ts';
import { chain } from '../unit/build.ts';
import { offlineEngineServices } from './harness/world.ts';

describe('what a run logs', () => {
  it('stays as it was when an executor changes its output afterwards, and cannot be changed', async () => {
    const handedOut: { items: string[] }[] = [];
    // A transform that keeps its output and changes it after it returned (as a cache might).
    const keeping: Executor<never> = ({ node }) => {
      const output = { items: [node.id] };
      handedOut.push(output);
      return Promise.resolve({ output });
    };
    const store = new MemoryStore();
    const engine = new Engine({
      store,
      kinds: kindsByName,
      executors: { ...executors, transform: keeping },
      services: offlineEngineServices(),
    });
    const record = await (await engine.start(chain(3), {})).done;
    for (const output of handedOut) output.items.push('changed later');

    const events = await store.events(record.id);
    const outputs = events.flatMap((e) => (e.type === 'node.succeeded' ? [e.output] : []));
    expect(outputs.slice(1, 4)).toEqual([{ items: ['t0'] }, { items: ['t1'] }, { items: ['t2'] }]);
    // The next node was handed the output as it was returned.
    const inputs = events.flatMap((e) => (e.type === 'node.started' ? [e.input] : []));
    expect(inputs[2]).toEqual({ items: ['t0'] });
    expect(record.result).toMatchObject({ value: { items: ['t2'] } });
    // What the store hands out is the log itself: it refuses changes.
    const first = events[0] as { at: number };
    expect(() => (first.at = 0)).toThrow(TypeError);
    expect((await store.events(record.id))[0]).toEqual(events[0]);
  });
});
