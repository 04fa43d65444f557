import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStore, parseRunEvent } from '../../src/engine/index.ts';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { emptyFlow } from '../../src/canvas/editor/ops.ts';
import { FlowLibrary } from '../../src/storage/flows.ts';
import { createHost } from '../../src/worker/host.ts';
import type { HostApi } from '../../src/worker/protocol.ts';
import { StreamFollower, type StreamMessage } from '../../src/protocol/index.ts';
import { flow as build, link, node } from '../unit/build.ts';
import type { RunEvent, RunProgress } from '../../src/engine/index.ts';
import { schemaAnswer } from './harness/llmScript.ts';
import { TestServer } from './harness/testServer.ts';
import { createWorld, loadFlow, until, type World } from './harness/world.ts';

/** A run's record through the host, or undefined when there is none (or the read failed). */
async function runOf(host: HostApi, runId: string) {
  const answer = await host.run({ runId });
  return answer.ok ? (answer.value ?? undefined) : undefined;
}

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
    const result = await host.start({
      flow: {
        schemaVersion: 1,
        id: 'x',
        name: 'x',
        nodes: [{ id: 'a', type: 'agnet', position: { x: 0, y: 0 }, data: {} }],
        edges: [],
      },
      input: {},
    });
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
      settings: {
        providers: { default: { baseUrl: `${server.url}/llm` } },
        connections: server.connections,
      },
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
        records.push(runOf(host, m.run.id).then((r) => [m.run.status, r?.status]));
    });
    const started = await host.start({
      flow: loadFlow('freelance-writer.json'),
      input: { client: 'Acme', clientEmail: 'a@acme.test', topic: 't', brief: 'b', wordCount: 3 },
    });
    if (!started.ok) throw new Error(started.error.message);
    const [pending] = await until(async () => {
      const answer = await host.pending();
      return answer.ok && answer.value.length > 0 ? answer.value : undefined;
    }, 'the review');
    expect(
      await host.decide({ key: pending!.key, answer: { decision: 'maybe' } as never }),
    ).toMatchObject({ ok: false, error: { code: 'invalid', path: 'answer.decision' } });
    expect(
      await host.decide({ key: pending!.key, answer: { decision: 'approved' } }),
    ).toMatchObject({
      ok: true,
      value: { decision: 'approved' },
    });
    await until(
      async () =>
        (await runOf(host, started.value.runId))?.status === 'succeeded' ? true : undefined,
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
    // What the engine logs is what its schemas read back (run files, storage).
    expect(seen.map((e) => parseRunEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(seen.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'approval.requested',
        'approval.decided',
        'llm.called',
        'effect.completed',
      ]),
    );
  });

  it('lists runs as summaries and lets a page that was away catch up on what it missed', async () => {
    const host = createHost({ store: new MemoryStore(), fetch, clock: new ManualClock() });
    const chain = build(
      'chain',
      [node('s', 'start'), node('t', 'transform', { expression: 'n + 1' }), node('o', 'output')],
      [link('s', 't'), link('t', 'o')],
    );
    const got: StreamMessage[] = [];
    const id = await host.subscribe((m) => got.push(m));
    const first = await host.start({ flow: chain, input: { n: 1 } });
    if (!first.ok) throw new Error(first.error.message);
    await until(
      async () => ((await runOf(host, first.value.runId))?.finishedAt ? true : undefined),
      'the first run',
    );
    // The page goes away (a reload, a dropped connection) and a second run happens meanwhile.
    await host.unsubscribe(id);
    const follower = new StreamFollower();
    for (const m of got) follower.receive(m);
    const second = await host.start({ flow: chain, input: { n: 2 } });
    if (!second.ok) throw new Error(second.error.message);
    await until(
      async () => ((await runOf(host, second.value.runId))?.finishedAt ? true : undefined),
      'the second run',
    );
    const missed: StreamMessage[] = [];
    await host.subscribe((m) => missed.push(m), follower.position());
    await until(
      () =>
        missed.some((m) => m.kind === 'record' && m.run.status === 'succeeded') ? true : undefined,
      'the replay',
    );
    expect(missed[0]).toMatchObject({ kind: 'hello', seq: follower.position()?.after });
    const replayed = missed.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
    expect(replayed.every((e) => e.runId === second.value.runId)).toBe(true);
    expect(replayed.map((e) => e.seq)).toEqual(replayed.map((_, i) => i + 1));
    expect(replayed.at(-1)?.type).toBe('run.succeeded');

    const listed = await host.runs({ flowId: 'chain' });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(listed.value.some((r) => 'flow' in r || 'input' in r)).toBe(false);
    expect(await runOf(host, second.value.runId)).toMatchObject({
      flow: { id: 'chain' },
      input: { n: 2 },
    });
    // A page that followed another host (the worker restarted) is told to read everything again.
    const stranger: StreamMessage[] = [];
    await host.subscribe((m) => stranger.push(m), { stream: 'another-host', after: 3 });
    expect(stranger[0]).toMatchObject({ kind: 'reset', reason: 'the engine restarted' });
    // A resume point that does not parse is no resume point: the page reads everything.
    const garbled: StreamMessage[] = [];
    await host.subscribe((m) => garbled.push(m), { stream: 5 });
    expect(garbled[0]).toMatchObject({ kind: 'reset', reason: 'new subscriber' });
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
    const started = await host.start({ flow: parent(flowId), input: { n: 20 } });
    if (!started.ok) throw new Error(started.error.message);
    return until(async () => {
      const run = await runOf(host, started.value.runId);
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
