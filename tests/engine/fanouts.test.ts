import { describe, expect, it } from 'vitest';
import {
  Engine,
  MemoryStore,
  type Executor,
  type RunEvent,
  type RunStore,
} from '../../src/engine/index.ts';
import { kindsByName } from '../../src/nodes/index.ts';
import { executors } from '../../src/nodes/executors.ts';
import { flow, link, node } from '../unit/build.ts';
import { offlineEngineServices, until } from './harness/world.ts';

/**
 * Code nodes named `slow*` wait until the test lets them go (or their signal aborts); every code
 * node's runs are counted. The rest of the kinds are the real ones.
 */
class Slow {
  readonly runs = new Map<string, number>();
  readonly aborted: string[] = [];
  private readonly waiting = new Map<string, () => void>();

  readonly executor: Executor<never> = ({ node, signal }) => {
    this.runs.set(node.id, (this.runs.get(node.id) ?? 0) + 1);
    if (!node.id.startsWith('slow')) return Promise.resolve({ output: `${node.id} done` });
    return new Promise((resolve, reject) => {
      this.waiting.set(node.id, () => resolve({ output: `${node.id} done` }));
      signal.addEventListener('abort', () => {
        this.aborted.push(node.id);
        reject(new Error('aborted'));
      });
    });
  };

  isWaiting(id: string): true | undefined {
    return this.waiting.has(id) ? true : undefined;
  }

  release(id: string): void {
    const go = this.waiting.get(id);
    this.waiting.delete(id);
    go?.();
  }

  engine(store: RunStore): Engine {
    return new Engine({
      store,
      kinds: kindsByName,
      executors: { ...executors, code: this.executor },
      services: offlineEngineServices(),
    });
  }
}

const code = (id: string) => node(id, 'code', { source: 'return input;' });

/**
 * start → parallel(a, b, c) → join(mode) → output. Branch a is two nodes and a condition that
 * skips a third, b is one slow node, c goes straight to the join; with `loop`, branch a also
 * repeats a node twice (which needs a region per branch).
 */
function fanOut(mode: Record<string, unknown>, loop = false) {
  const nodes = [
    node('s', 'start'),
    node('p', 'parallel', {
      branches: ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase() })),
    }),
    code('a1'),
    node('check', 'condition', { branches: [{ id: 'skip', label: 'Skip', when: 'true' }] }),
    code('never'),
    code('slowB'),
    node('j', 'join', mode),
    node('o', 'output', { value: '$' }),
  ];
  const edges = [
    link('s', 'p'),
    link('p', 'a1', 'a'),
    link('check', 'never', 'else'),
    link('never', 'j'),
    link('check', 'j', 'skip'),
    link('p', 'slowB', 'b'),
    link('slowB', 'j'),
    link('p', 'j', 'c'),
    link('j', 'o'),
  ];
  if (loop) {
    nodes.push(node('l', 'loop', { mode: 'repeat', maxIterations: 2 }), code('round'));
    edges.push(
      link('a1', 'l'),
      link('l', 'round', 'body'),
      link('round', 'l', 'out', 'again'),
      link('l', 'check', 'done'),
    );
  } else edges.push(link('a1', 'check'));
  return flow(`fan-${loop ? 'regions' : 'tracked'}`, nodes, edges);
}

const started = (events: readonly RunEvent[]) =>
  events.flatMap((e) => (e.type === 'node.started' ? [e.node] : []));

describe.each([
  { representation: 'branches tracked in context', loop: false },
  { representation: 'one region per branch', loop: true },
])('a fan-out with $representation', ({ loop }) => {
  it('runs every branch to the join and hands on what each delivered', async () => {
    const slow = new Slow();
    const store = new MemoryStore();
    const run = await slow.engine(store).start(fanOut({ mode: 'all' }, loop), {});
    await until(() => slow.isWaiting('slowB'), 'the slow branch');
    slow.release('slowB');
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect((record.result as { value: unknown }).value).toEqual({
      a: loop ? 'round done' : 'a1 done',
      b: 'slowB done',
      c: {},
    });
    expect(slow.runs.get('never')).toBeUndefined();
    expect(slow.runs.get('round')).toBe(loop ? 2 : undefined);
  });

  it('goes on with the first arrivals and stops the branch still running', async () => {
    const slow = new Slow();
    const store = new MemoryStore();
    const run = await slow.engine(store).start(fanOut({ mode: 'count', count: 2 }, loop), {});
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(Object.keys((record.result as { value: object }).value).sort()).toEqual(['a', 'c']);
    expect(slow.aborted).toEqual(['slowB']);
    const events = await store.events(record.id);
    expect(events.some((e) => e.type === 'node.succeeded' && e.node === 'slowB')).toBe(false);
  });

  it('resumes in the middle: only the branch that had not arrived runs again', async () => {
    const first = new Slow();
    const store = new MemoryStore();
    const run = await first.engine(store).start(fanOut({ mode: 'all' }, loop), {});
    await until(() => first.isWaiting('slowB'), 'the slow branch');
    await until(
      async () =>
        (await store.events(run.runId)).some(
          (e) => e.type === 'node.succeeded' && e.node === 'check',
        ) || undefined,
      'branch a to arrive',
    );
    await run.flushed();
    run.halt();

    const second = new Slow();
    const resumed = await second.engine(store).resume(run.runId, 'crash');
    await until(() => second.isWaiting('slowB'), 'the slow branch, again');
    second.release('slowB');
    const record = await resumed.done;
    expect(record.status).toBe('succeeded');
    expect([...second.runs.keys()]).toEqual(['slowB']);
    const events = await store.events(record.id);
    expect(started(events).filter((n) => n === 'slowB')).toHaveLength(2);
    expect(started(events).filter((n) => n === 'a1')).toHaveLength(1);
  });
});
