import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaAnswer } from './harness/llmScript.ts';
import { flow as doc, link, node } from '../unit/build.ts';
import { createWorld, offlineEngine, type World } from './harness/world.ts';

/** start → parallel(a, b, c) → each a transform → join(mode) → output */
function fanOut(mode: Record<string, unknown>, slow: string[] = []) {
  const branches = ['a', 'b', 'c'];
  return doc(
    'fan',
    [
      node('s', 'start'),
      node('p', 'parallel', { branches: branches.map((b) => ({ id: b, label: b })) }),
      ...branches.map((b) =>
        slow.includes(b)
          ? node(`w${b}`, 'capability', {
              capability: 'webhook.post',
              input: { url: '{{ run.input.url }}', payload: `{"branch":"${b}"}` },
            })
          : node(`w${b}`, 'transform', { expression: `'${b} done'` }),
      ),
      node('j', 'join', mode),
      node('o', 'output', { value: '$' }),
    ],
    [
      link('s', 'p'),
      ...branches.flatMap((b) => [link('p', `w${b}`, b), link(`w${b}`, 'j')]),
      link('j', 'o'),
    ],
  );
}

describe('flow structures', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    world.server.scriptLlm((req) => schemaAnswer(req.messages));
  });
  afterEach(() => world.server.stop());

  it('joins all branches, handing on what each delivered', async () => {
    const record = await (await world.engine().start(fanOut({ mode: 'all' }), {})).done;
    expect(record.result).toMatchObject({ value: { a: 'a done', b: 'b done', c: 'c done' } });
  });

  it('goes on with the first branch to arrive with mode "first"', async () => {
    const record = await (
      await world
        .engine()
        .start(fanOut({ mode: 'first' }, ['b', 'c']), { url: `${world.server.url}/hook` })
    ).done;
    expect(record.status).toBe('succeeded');
    expect((record.result as { value: Record<string, unknown> }).value).toEqual({ a: 'a done' });
  });

  it('waits for N branches with mode "count"', async () => {
    const record = await (await world.engine().start(fanOut({ mode: 'count', count: 2 }), {})).done;
    expect(Object.keys((record.result as { value: Record<string, unknown> }).value)).toHaveLength(
      2,
    );
  });

  it('times a slow node out, retries it, then takes its error edge', async () => {
    const flow = doc(
      'slow',
      [
        node('s', 'start'),
        node('call', 'capability', {
          capability: 'webhook.post',
          timeout: '2s',
          retry: { attempts: 2, backoff: '1s' },
          input: { url: '{{ run.input.url }}', payload: '{}' },
        }),
        node('ok', 'output'),
        node('late', 'output', { status: 'escalated', value: '$.error' }),
      ],
      [link('s', 'call'), link('call', 'ok'), link('call', 'late', 'error')],
    );
    // A remote that never answers: the fetch hangs until the engine aborts it.
    const hanging = (_: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      );
    const engine = offlineEngine([], { ...world, fetch: hanging });
    const run = await engine.start(flow, { url: 'http://127.0.0.1:9/never' });
    let asked: Awaited<ReturnType<typeof engine.pendingApprovals>>[number] | undefined;
    for (let i = 0; i < 60 && !asked; i++) {
      await new Promise((r) => setTimeout(r, 5));
      world.clock.advance(1_000);
      asked = (await engine.pendingApprovals(run.runId))[0];
    }
    // The timed-out posts may have reached the remote: the run asks before it ends.
    expect(asked?.request).toMatchObject({ reason: 'outcome', capability: 'webhook.post' });
    await engine.decide(asked!.key, { decision: 'rejected' });
    const record = await run.done;
    expect(record.result).toMatchObject({
      node: 'late',
      status: 'escalated',
      value: { code: 'timeout' },
    });
    const types = (await world.store.events(run.runId)).map((e) => e.type);
    expect(types.filter((t) => t === 'node.timedOut')).toHaveLength(2);
    expect(types).toContain('node.retrying');
  });

  it('runs a saved flow as a subflow in a child run of its own, and names a missing one', async () => {
    const child = doc(
      'child',
      [
        node('s', 'start', { inputs: [{ name: 'n', type: 'number' }] }),
        node('double', 'transform', { expression: 'n * 2' }),
        node('o', 'output'),
      ],
      [link('s', 'double'), link('double', 'o')],
    );
    const parent = doc(
      'parent',
      [
        node('s', 'start'),
        node('sub', 'subflow', { flow: 'child', input: '{ "n": 21 }' }),
        node('o', 'output'),
      ],
      [link('s', 'sub'), link('sub', 'o')],
    );
    const engine = offlineEngine([child], world);
    const record = await (await engine.start(parent, {})).done;
    expect(record.result).toMatchObject({ value: 42 });
    const runs = await world.store.listRuns();
    expect(runs.find((r) => r.flowId === 'child')).toMatchObject({
      id: `${record.id}/sub/1`,
      caller: { runId: record.id, nodeId: 'sub', visit: 1 },
      status: 'succeeded',
    });
    const missing = await (
      await engine.start(
        doc(
          'p2',
          [node('s', 'start'), node('sub', 'subflow', { flow: 'nope' }), node('o', 'output')],
          [link('s', 'sub'), link('sub', 'o')],
        ),
        {},
      )
    ).done;
    expect(missing.error).toMatchObject({ code: 'unknown-flow' });
  });

  it('refuses a subflow that would run a flow already running further up', async () => {
    const calls = (id: string, next: string) =>
      doc(
        id,
        [node('s', 'start'), node('sub', 'subflow', { flow: next }), node('o', 'output')],
        [link('s', 'sub'), link('sub', 'o')],
      );
    const engine = offlineEngine([calls('a', 'b'), calls('b', 'a'), calls('self', 'self')], world);
    const self = await (await engine.start(calls('self', 'self'), {})).done;
    expect(self.error).toMatchObject({
      code: 'subflow-cycle',
      message: expect.stringContaining('(self → self): a flow cannot run itself') as unknown,
    });
    const round = await (await engine.start(calls('a', 'b'), {})).done;
    expect(round.error).toMatchObject({
      code: 'subflow-failed',
      message: expect.stringContaining('"a" is already running further up (a → b → a)') as unknown,
    });
    expect(await world.store.listRuns()).toHaveLength(3);
  });
});
