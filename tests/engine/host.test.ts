import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStore } from '../../src/engine/index.ts';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { emptyFlow } from '../../src/canvas/editor/ops.ts';
import { FlowLibrary } from '../../src/storage/flows.ts';
import { createHost } from '../../src/worker/host.ts';
import { flow as build, link, node } from '../unit/build.ts';
import type { RunEvent, RunProgress } from '../../src/engine/index.ts';
import { schemaAnswer } from './harness/llmScript.ts';
import { TestServer } from './harness/testServer.ts';
import { createWorld, loadFlow, until, type World } from './harness/world.ts';

/** Locks shared by several engines, as Web Locks are shared by tabs. */
function sharedLocks() {
  const held = new Set<string>();
  return {
    held,
    tryAcquire: (runId: string) =>
      Promise.resolve(held.has(runId) ? null : (held.add(runId), () => void held.delete(runId))),
  };
}

describe('the worker host', () => {
  let server: TestServer;
  beforeEach(async () => (server = await new TestServer().start()));
  afterEach(() => server.stop());

  it('refuses an invalid flow with data, not an exception', async () => {
    const host = createHost({ store: new MemoryStore(), fetch, clock: new ManualClock() });
    const result = await host.start(
      {
        schemaVersion: 1,
        id: 'x',
        name: 'x',
        nodes: [{ id: 'a', type: 'agnet', position: { x: 0, y: 0 }, data: {} }],
        edges: [],
      },
      {},
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-flow',
        message: expect.stringMatching(/nodes\[0\]\.type: unknown node kind "agnet"/) as unknown,
      },
    });
  });

  it('runs a flow, streams its events and takes a decision', async () => {
    server.scriptLlm((req) => schemaAnswer(req.messages, { title: 'T', body: 'B' }));
    const host = createHost({ store: new MemoryStore(), fetch, clock: new ManualClock() });
    await host.configure({
      providers: { default: { baseUrl: `${server.url}/llm` } },
      connections: server.connections,
    });
    expect(await host.ready()).toEqual({ ok: true, value: { resumed: [] } });
    const seen: RunEvent[] = [];
    const progress: RunProgress[] = [];
    // Each record message, with what the store held when it arrived.
    const records: Promise<[string, string | undefined]>[] = [];
    await host.subscribe((m) => {
      if (m.kind === 'event') seen.push(m.event);
      else if (m.kind === 'progress') progress.push(m.progress);
      else if (m.kind === 'record')
        records.push(host.run(m.runId).then((r) => [m.status, r?.status]));
    });
    const started = await host.start(loadFlow('freelance-writer.json'), {
      client: 'Acme',
      clientEmail: 'a@acme.test',
      topic: 't',
      brief: 'b',
      wordCount: 3,
    });
    if (!started.ok) throw new Error(started.error.message);
    const [pending] = await until(
      async () => ((await host.pending()).length > 0 ? host.pending() : undefined),
      'the review',
    );
    expect(await host.decide(pending!.key, { decision: 'maybe' } as never)).toMatchObject({
      ok: false,
    });
    expect(await host.decide(pending!.key, { decision: 'approved' })).toMatchObject({
      ok: true,
      value: { decision: 'approved' },
    });
    await until(
      async () =>
        (await host.run(started.value.runId))?.status === 'succeeded' ? true : undefined,
      'the end',
    );
    expect(seen.map((e) => e.type)).toContain('run.succeeded');
    // The page hears of each new status once it can be read, the last one included.
    const heard = await Promise.all(records);
    const statuses = heard.map(([status]) => status).filter((st, i, all) => st !== all[i - 1]);
    expect(statuses).toEqual(['running', 'waiting', 'running', 'succeeded']);
    expect(heard.at(-1)).toEqual(['succeeded', 'succeeded']);
    expect(server.count(/^\/mail\//).applied).toBe(1);
    // The page watches, so agents stream: their text arrives apart from the events.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ runId: started.value.runId });
    expect(seen.some((e) => 'text' in e)).toBe(false);
  });
});

describe('subflows in the worker host', () => {
  const library = () =>
    new FlowLibrary(`aios-flows-test-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
  const parent = (flowId: string) =>
    build(
      'parent',
      [node('s', 'start'), node('sub', 'subflow', { flow: flowId }), node('o', 'output')],
      [link('s', 'sub'), link('sub', 'o')],
    );
  const finished = async (host: ReturnType<typeof createHost>, flowId: string) => {
    const started = await host.start(parent(flowId), { n: 20 });
    if (!started.ok) throw new Error(started.error.message);
    return until(async () => {
      const run = await host.run(started.value.runId);
      return run && run.status !== 'running' ? run : undefined;
    }, 'the run to end');
  };

  it("runs the saved flow a subflow node names, from the editor's library", async () => {
    const flows = library();
    await flows.save(
      build(
        'child',
        [node('s', 'start'), node('t', 'transform', { expression: 'n + 1' }), node('o', 'output')],
        [link('s', 't'), link('t', 'o')],
      ),
    );
    const host = createHost({ store: new MemoryStore(), fetch, clock: new ManualClock(), flows });
    expect(await finished(host, 'child')).toMatchObject({
      status: 'succeeded',
      result: { value: 21 },
    });
  });

  it('fails the subflow node naming a flow that is not saved, or not valid', async () => {
    const flows = library();
    await flows.save({ ...emptyFlow('broken', 'Half done'), nodes: [node('t', 'transform')] });
    const host = createHost({ store: new MemoryStore(), fetch, clock: new ManualClock(), flows });
    expect(await finished(host, 'gone')).toMatchObject({
      status: 'failed',
      error: {
        code: 'unknown-flow',
        message: expect.stringContaining('no saved flow "gone"') as unknown,
      },
    });
    expect(await finished(host, 'broken')).toMatchObject({
      status: 'failed',
      error: {
        code: 'invalid-subflow',
        message: expect.stringContaining('subflow "Half done" (broken) has errors') as unknown,
      },
    });
  });
});

describe('one runner per run', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    world.server.scriptLlm((req) => schemaAnswer(req.messages, { title: 'T', body: 'B' }));
  });
  afterEach(() => world.server.stop());

  it('lets a second runtime leave a run alone while the first holds it, and take it over after', async () => {
    const locks = sharedLocks();
    const first = createEngineWith(world, locks);
    const run = await first.start(loadFlow('freelance-writer.json'), {
      client: 'Acme',
      clientEmail: 'a@acme.test',
      topic: 't',
      brief: 'b',
      wordCount: 3,
    });
    await until(async () => (await first.pendingApprovals(run.runId))[0], 'the review');

    const second = createEngineWith(world, locks);
    expect(await second.resumeAll()).toEqual([]);
    await expect(second.resume(run.runId)).rejects.toMatchObject({ code: 'run-elsewhere' });

    first.halt();
    await until(() => (locks.held.size === 0 ? true : undefined), 'the lock to be released');
    expect((await second.resumeAll()).map((r) => r.runId)).toEqual([run.runId]);
  });
});

function createEngineWith(world: World, locks: ReturnType<typeof sharedLocks>) {
  return world.engine(undefined, locks);
}
