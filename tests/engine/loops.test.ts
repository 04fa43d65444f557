import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/engine/index.ts';
import { flow, link, node } from '../unit/build.ts';
import { offlineEngine } from './harness/world.ts';

/** start → loop over `list` → a body that says how many rounds came back before it → output. */
const mapping = () =>
  flow(
    'mapping',
    [
      node('s', 'start', { inputs: [{ name: 'list', type: 'list' }] }),
      node('l', 'loop', { mode: 'map', items: '$.list', maxIterations: 100 }),
      node('body', 'transform', { expression: "$string($count($loop.results)) & ':' & $" }),
      node('o', 'output', { value: '$' }),
    ],
    [
      link('s', 'l'),
      link('l', 'body', 'body'),
      link('body', 'l', 'out', 'again'),
      link('l', 'o', 'done'),
    ],
  );

const list = Array.from({ length: 30 }, (_, i) => `item${i}`);
const expected = list.map((item, i) => `${i}:${item}`);

describe('loops', () => {
  it('collect each round, and show the body what came back before it', async () => {
    const record = await (await offlineEngine([]).start(mapping(), { list })).done;
    expect(record.status).toBe('succeeded');
    expect((record.result as { value: unknown }).value).toEqual(expected);
  });

  it('go on after a crash with the rounds they had', async () => {
    const store = new MemoryStore();
    const first = offlineEngine([], { store });
    let rounds = 0;
    // Halted as soon as the twelfth round is durable, as a closing tab would stop it.
    first.onEvent((e) => {
      if (e.type === 'node.succeeded' && e.node === 'body' && ++rounds === 12) first.halt();
    });
    const run = await first.start(mapping(), { list });
    await expect(run.done).rejects.toMatchObject({ code: 'halted' });
    const record = await (await offlineEngine([], { store }).resume(run.runId, 'crash')).done;
    expect((record.result as { value: unknown }).value).toEqual(expected);
    const done = (await store.events(run.runId)).filter(
      (e) => e.type === 'node.succeeded' && e.node === 'body',
    );
    // At most the round under way when it stopped ran twice.
    expect(done.length).toBeLessThanOrEqual(list.length + 1);
    expect(done.length).toBeGreaterThanOrEqual(list.length);
  });
});
