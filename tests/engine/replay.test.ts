import { describe, expect, it } from 'vitest';
import { MemoryStore, type RunEvent } from '../../src/engine/index.ts';
import { replay } from '../../src/nodes/runtime.ts';
import { chain, flow, link, node } from '../unit/build.ts';
import { offlineEngine, offlineEngineServices } from './harness/world.ts';

/** What a replay must reproduce: the facts, not when they were written or how they were watched. */
const facts = (events: readonly RunEvent[]) =>
  events
    .filter((e) => !e.type.startsWith('debug.') && e.type !== 'run.resumed')
    .map((e) => {
      const { runId: _r, seq: _s, at: _a, causedBy: _c, ...body } = e;
      return body.type === 'node.succeeded' ? { ...body, ms: 0 } : body;
    });

/** start → loop (3 rounds) → condition (round results) → fan-out of 3 → join → output. */
const mixed = () =>
  flow(
    'mixed',
    [
      node('s', 'start'),
      node('l', 'loop', { mode: 'repeat', maxIterations: 3 }),
      node('add', 'transform', { expression: "$type($) = 'number' ? $ + 1 : 1" }),
      node('big', 'condition', { branches: [{ id: 'yes', label: 'Yes', when: '$ > 2' }] }),
      node('p', 'parallel', {
        branches: ['a', 'b', 'c'].map((id) => ({ id, label: id })),
      }),
      ...['a', 'b', 'c'].map((id) =>
        node(`w${id}`, 'transform', { expression: `$string($) & '${id}'` }),
      ),
      node('j', 'join'),
      node('o', 'output', { value: '$' }),
      node('small', 'output', { value: '$', status: 'draft' }),
    ],
    [
      link('s', 'l'),
      link('l', 'add', 'body'),
      link('add', 'l', 'out', 'again'),
      link('l', 'big', 'done'),
      link('big', 'p', 'yes'),
      link('big', 'small', 'else'),
      ...['a', 'b', 'c'].flatMap((id) => [link('p', `w${id}`, id), link(`w${id}`, 'j')]),
      link('j', 'o'),
    ],
  );

async function recorded(input: unknown = {}) {
  const store = new MemoryStore();
  const engine = offlineEngine([], { store });
  const record = await (await engine.start(mixed(), input)).done;
  return { store, engine, record, events: await store.events(record.id) };
}

describe('replay', () => {
  it('folds a run with a loop, a condition and a fan-out into the same facts', async () => {
    const { store, record, events } = await recorded();
    expect(record.status).toBe('succeeded');
    const again = await replay({ store, services: offlineEngineServices() }, record.id);
    expect(again.record.status).toBe('succeeded');
    expect(again.record.result).toEqual(record.result);
    expect(facts(again.events)).toEqual(facts(events));
  });

  it('points each event at the replay of what caused it', async () => {
    const { store, record, events } = await recorded();
    const again = await replay({ store, services: offlineEngineServices() }, record.id);
    // This run was neither paused nor resumed, so the replay tells every event at the same seq.
    expect(again.events.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(again.events.map((e) => e.causedBy)).toEqual(events.map((e) => e.causedBy));
    expect(events.some((e) => e.causedBy !== null)).toBe(true);
  });

  it('replays a fork from the state it was forked at', async () => {
    const { store, engine, events, record } = await recorded();
    // After the last round the loop has handed its value on to the condition: edit that value.
    const lastRound = events.findLast((e) => e.type === 'node.succeeded' && e.node === 'add')!;
    const fork = await (await engine.fork(record.id, lastRound.seq, { outputs: { l: 1 } })).done;
    expect(fork.result).toMatchObject({ status: 'draft' });
    const again = await replay({ store, services: offlineEngineServices() }, fork.id);
    expect(again.record.result).toEqual(fork.result);
    expect(facts(again.events)).toEqual(facts(await store.events(fork.id)));
  });

  it('stops where the log takes a turn the flow would not', async () => {
    const { record, events } = await recorded();
    // The condition's recorded answer says "else", but the log then goes into the fan-out.
    const tampered = events.map((e) =>
      e.type === 'node.succeeded' && e.node === 'big' ? { ...e, port: 'else' } : e,
    );
    const copy = new MemoryStore();
    await copy.putRun({ ...record });
    await copy.appendEvents(tampered);
    await expect(
      replay({ store: copy, services: offlineEngineServices() }, record.id),
    ).rejects.toMatchObject({ code: 'replay-diverged', message: /"p"/ });
  });

  it('stops when the log ends the run before the flow would', async () => {
    const store = new MemoryStore();
    const engine = offlineEngine([], { store });
    const record = await (await engine.start(chain(3), {})).done;
    const events = await store.events(record.id);
    const late = (e: RunEvent) =>
      (e.type === 'node.started' || e.type === 'node.succeeded') && ['t2', 'o'].includes(e.node);
    const cut = events.filter((e) => !late(e));
    const copy = new MemoryStore();
    await copy.putRun({ ...record });
    await copy.appendEvents(cut.map((e, i) => ({ ...e, seq: i + 1 })));
    await expect(
      replay({ store: copy, services: offlineEngineServices() }, record.id),
    ).rejects.toMatchObject({ code: 'replay-diverged', message: /would go on/ });
  });
});
