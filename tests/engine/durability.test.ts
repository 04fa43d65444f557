import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultyStore, StoreDied } from './harness/faultyStore.ts';
import { schemaAnswer } from './harness/llmScript.ts';
import { flow, link, node } from '../unit/build.ts';
import { writerInput } from './harness/inputs.ts';
import { createWorld, loadFlow, until, type World } from './harness/world.ts';

/** Posts to a hook with no idempotency support: a retry after a crash could post twice. */
function hookFlow(url: string) {
  return flow(
    'post-hook',
    [
      node('start', 'start'),
      node('post', 'capability', {
        capability: 'acme.hook',
        input: { name: '{{ run.input.name }}' },
      }),
      node('end', 'output'),
    ],
    [link('start', 'post'), link('post', 'end')],
    {
      capabilities: [
        {
          id: 'acme.hook',
          title: 'Post to Acme',
          sideEffect: 'external-message',
          method: 'POST',
          url,
          body: '{"hello":"{{ input.name }}"}',
        },
      ],
    },
  );
}

/** Starts the hook flow and kills the engine just when the ledger would record the finished call. */
async function postAndDieBeforeRecording(world: World) {
  const store: FaultyStore = new FaultyStore(world.store, Infinity, () => engine.halt());
  const put = store.putEffect;
  store.putEffect = (e) =>
    e.status === 'completed'
      ? ((store.dead = true), engine.halt(), Promise.reject(new StoreDied()))
      : put(e);
  const engine = world.engine(store);
  const run = await engine.start(hookFlow(`${world.server.url}/hook`), { name: 'Ada' });
  await expect(run.done).rejects.toThrow();
  return run;
}

describe('durability', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    world.server.scriptLlm((req) => schemaAnswer(req.messages, { title: 'T', body: 'B' }));
  });
  afterEach(() => world.server.stop());

  it('keeps a run waiting at an approval across a restart, and finishes it when decided later', async () => {
    const first = world.engine();
    const run = await first.start(loadFlow('freelance-writer.json'), writerInput);
    const pending = await until(
      async () => (await first.pendingApprovals(run.runId))[0],
      'the review',
    );
    await run.flushed();
    first.halt();
    expect((await world.store.getRun(run.runId))?.status).toBe('waiting');

    const second = world.engine();
    expect((await second.pendingApprovals()).map((a) => a.key)).toEqual([pending.key]);
    await second.decide(pending.key, { decision: 'approved' });
    const record = await second.run(run.runId)!.done;
    expect(record.status).toBe('succeeded');
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    const types = (await world.store.events(run.runId)).map((e) => e.type);
    expect(types.filter((t) => t === 'approval.requested')).toHaveLength(1);
    expect(types).toContain('run.resumed');
  });

  it('applies a deadline that passed while nothing ran, exactly once', async () => {
    const first = world.engine();
    const run = await first.start(loadFlow('freelance-writer.json'), writerInput);
    await until(async () => (await first.pendingApprovals(run.runId))[0], 'the review');
    await run.flushed();
    first.halt();
    world.clock.advance(4 * 86_400_000);

    const [resumed] = await world.engine().resumeAll('browser reopened');
    const record = await resumed!.done;
    expect(record.result).toMatchObject({ node: 'keptAsDraft', status: 'draft' });
    const all = await world.store.events(run.runId);
    const decided = all.filter((e) => e.type === 'approval.decided');
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ decision: { decision: 'draft', by: 'timeout' } });
  });

  it('asks a person when a call that cannot be repeated was cut off, and does not repeat it if it happened', async () => {
    const run = await postAndDieBeforeRecording(world);
    expect(world.server.count(/^\/hook/).requests).toBe(1);

    const after = world.engine();
    const [resumed] = await after.resumeAll();
    const ask = await until(
      async () => (await after.pendingApprovals(run.runId))[0],
      'the outcome question',
    );
    expect(ask.request).toMatchObject({ reason: 'outcome', capability: 'acme.hook' });
    await after.decide(ask.key, { decision: 'approved', subject: { received: true } });
    const record = await resumed!.done;
    expect(record.status).toBe('succeeded');
    expect(record.result).toMatchObject({ value: { received: true } });
    expect(world.server.count(/^\/hook/).requests).toBe(1);
    expect((await world.store.events(run.runId)).map((e) => e.type)).toContain('effect.unknown');
  });

  it('sends the cut-off call again when the person says it did not happen', async () => {
    const run = await postAndDieBeforeRecording(world);

    const after = world.engine();
    const [resumed] = await after.resumeAll();
    const ask = await until(
      async () => (await after.pendingApprovals(run.runId))[0],
      'the outcome question',
    );
    await after.decide(ask.key, { decision: 'rejected' });
    expect((await resumed!.done).status).toBe('succeeded');
    expect(world.server.count(/^\/hook/).requests).toBe(2);
  });

  it('refuses a second decision and a decision on an unknown request', async () => {
    const engine = world.engine();
    const run = await engine.start(loadFlow('freelance-writer.json'), writerInput);
    const pending = await until(
      async () => (await engine.pendingApprovals(run.runId))[0],
      'the review',
    );
    await engine.decide(pending.key, { decision: 'approved' });
    await expect(engine.decide(pending.key, { decision: 'rejected' })).rejects.toMatchObject({
      code: 'already-decided',
    });
    await expect(engine.decide('nope', { decision: 'approved' })).rejects.toMatchObject({
      code: 'unknown-approval',
    });
    await run.done;
  });

  it('resumes a fork that was waiting at an approval when the last session ended', async () => {
    const first = world.engine();
    const run = await first.start(loadFlow('freelance-writer.json'), writerInput);
    const original = await until(
      async () => (await first.pendingApprovals(run.runId))[0],
      'the review',
    );
    await run.flushed();
    const reviewStarted = (await world.store.events(run.runId)).find(
      (e) => e.type === 'node.started' && e.node === original.nodeId,
    )!;
    const fork = await first.fork(run.runId, reviewStarted.seq);
    await until(async () => (await first.pendingApprovals(fork.runId))[0], "the fork's review");
    await fork.flushed();
    first.halt();

    const second = world.engine();
    const resumed = await second.resumeAll('browser reopened');
    expect(resumed.map((r) => r.runId).sort()).toEqual([run.runId, fork.runId].sort());
    const [ask] = await second.pendingApprovals(fork.runId);
    await second.decide(ask!.key, { decision: 'approved' });
    expect((await second.run(fork.runId)!.done).status).toBe('succeeded');
    expect(await world.store.getRun(run.runId)).toMatchObject({ status: 'waiting' });
  });

  it("leaves a subflow's waiting run to its caller after a restart, which finishes both", async () => {
    const child = flow(
      'child',
      [node('s', 'start'), node('ok', 'approval'), node('o', 'output')],
      [link('s', 'ok'), link('ok', 'o', 'approved')],
    );
    world.saved.set('child', child);
    const parent = flow(
      'parent',
      [node('s', 'start'), node('sub', 'subflow', { flow: 'child' }), node('o', 'output')],
      [link('s', 'sub'), link('sub', 'o')],
    );
    const first = world.engine();
    const run = await first.start(parent, {});
    const childId = `${run.runId}/sub/1`;
    await until(async () => (await first.pendingApprovals(childId))[0], "the subflow's approval");
    await first.run(childId)!.flushed();
    await run.flushed();
    first.halt();

    const second = world.engine();
    const resumed = await second.resumeAll();
    expect(resumed.map((r) => r.runId)).toEqual([run.runId]);
    const ask = await until(
      async () => (await second.pendingApprovals(childId))[0],
      'the approval again',
    );
    await second.decide(ask.key, { decision: 'approved' });
    const done = await resumed[0]!.done;
    expect(done.error).toBeUndefined();
    expect(done.status).toBe('succeeded');
    expect(await world.store.getRun(childId)).toMatchObject({
      status: 'succeeded',
      caller: { runId: run.runId, nodeId: 'sub', visit: 1 },
    });
    expect(
      (await world.store.events(childId)).filter((e) => e.type === 'approval.requested'),
    ).toHaveLength(1);
  });
});
