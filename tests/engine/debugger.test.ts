import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, RunEvent } from '../../src/engine/index.ts';
import { pathOf } from '../../src/engine/index.ts';
import { replay } from '../../src/nodes/runtime.ts';
import { triageAnswers } from './harness/llmScript.ts';
import { expectWellFormedLog } from './harness/log.ts';
import { ticket, writerInput } from './harness/inputs.ts';
import { createWorld, loadFlow, until, type World } from './harness/world.ts';

const statusOf = async (world: World, runId: string) => (await world.store.getRun(runId))?.status;
const pausedAt = async (world: World, runId: string) =>
  (await world.store.getRun(runId))?.debug?.pausedAt;
const started = (events: readonly RunEvent[]) =>
  events.flatMap((e) => (e.type === 'node.started' ? [e.node] : []));
/** What replay must reproduce: the facts, not when they were written. */
const facts = (events: readonly RunEvent[]) =>
  events.map((e) => {
    const { runId: _r, seq: _s, at: _a, causedBy: _c, ...body } = e;
    if (body.type === 'node.succeeded') return { ...body, ms: 0 };
    if (body.type === 'approval.requested') return { type: body.type, node: body.node };
    if (body.type === 'approval.decided')
      return { type: body.type, node: body.node, decision: body.decision.decision };
    if (body.type === 'run.started') return { type: body.type };
    return 'key' in body ? { ...body, key: '' } : body;
  });

const offlineServices = (world: World) => ({
  clock: world.clock,
  fetch,
  llm: { complete: () => Promise.reject(new Error('no model in a replay')) },
  memory: world.memory,
  connections: {},
  secrets: { get: () => Promise.resolve(undefined) },
});

describe('debugging a run', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    world.server.scriptLlm(
      triageAnswers(
        { category: 'bug', urgency: 'normal', summary: 'Export' },
        { title: 'Draft', body: 'Body', subject: 'Re', confidence: 0.95 },
      ),
    );
  });
  afterEach(() => world.server.stop());

  it('pauses at a breakpoint before the node runs, steps one node at a time, and continues', async () => {
    const engine = world.engine();
    const run = await engine.start(loadFlow('freelance-writer.json'), writerInput, {
      debug: { breakpoints: [{ node: 'draft' }], mode: 'run' },
    });
    await until(
      async () => ((await pausedAt(world, run.runId)) === 'draft' ? true : undefined),
      'the pause at draft',
    );
    expect(await statusOf(world, run.runId)).toBe('paused');
    expect(world.server.count(/^\/llm\//).requests).toBe(0);

    await engine.debug(run.runId, 'step');
    await until(
      async () => ((await pausedAt(world, run.runId)) === 'review' ? true : undefined),
      'the pause at review',
    );
    expect(world.server.count(/^\/llm\//).requests).toBe(1);
    expect(await engine.pendingApprovals(run.runId)).toEqual([]);

    await engine.debug(run.runId, 'continue');
    const ask = await until(
      async () => (await engine.pendingApprovals(run.runId))[0],
      'the review',
    );
    await engine.decide(ask.key, { decision: 'approved' });
    expect((await run.done).status).toBe('succeeded');
    const types = (await world.store.events(run.runId)).map((e) => e.type);
    expect(types.filter((t) => t === 'debug.paused')).toHaveLength(2);
  });

  it('stays paused at the same step across a restart', async () => {
    const first = world.engine();
    const run = await first.start(loadFlow('freelance-writer.json'), writerInput, {
      debug: { breakpoints: [{ node: 'draft' }], mode: 'run' },
    });
    await until(
      async () => ((await pausedAt(world, run.runId)) === 'draft' ? true : undefined),
      'the pause',
    );
    await run.flushed();
    first.halt();

    const second: Engine = world.engine();
    await second.resumeAll();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await statusOf(world, run.runId)).toBe('paused');
    expect(await pausedAt(world, run.runId)).toBe('draft');
    expect(world.server.count(/^\/llm\//).requests).toBe(0);
    await second.debug(run.runId, 'continue');
    await until(
      async () => (await second.pendingApprovals(run.runId))[0],
      'the review after continuing',
    );
    expect(world.server.count(/^\/llm\//).requests).toBe(1);
  });

  it('pauses at a conditional breakpoint only when its condition holds', async () => {
    const engine = world.engine();
    const urgent = { node: 'route', condition: "urgency = 'high'" };
    const record = await (
      await engine.start(loadFlow('saas-support-triage.json'), ticket, {
        debug: { breakpoints: [urgent], mode: 'run' },
      })
    ).done;
    expect(record.status).toBe('succeeded');
    expect((await world.store.events(record.id)).some((e) => e.type === 'debug.paused')).toBe(
      false,
    );
  });

  it('shows the state as of any step, from checkpoints', async () => {
    const engine = world.engine();
    const record = await (await engine.start(loadFlow('saas-support-triage.json'), ticket)).done;
    const events = await world.store.events(record.id);
    const replyDone = events.find((e) => e.type === 'node.succeeded' && e.node === 'reply')!;
    const state = await engine.stateAt(record.id, replyDone.seq + 1);
    expect(state.context.nodes['reply']).toMatchObject({ subject: 'Re' });
    expect(state.context.nodes['send']).toBeUndefined();
    expect(state.value).toBe('send');
    const early = await engine.stateAt(
      record.id,
      events.find((e) => e.type === 'node.started' && e.node === 'classify')!.seq,
    );
    expect(Object.keys(early.context.nodes)).toEqual(['ticket']);
  });

  it('forks from a step with an edited output, never re-sending effects from before the fork point', async () => {
    const engine = world.engine();
    const original = await (await engine.start(loadFlow('saas-support-triage.json'), ticket)).done;
    const before = await world.store.events(original.id);
    const logStart = before.find((e) => e.type === 'node.started' && e.node === 'logReply')!;
    expect(world.server.count(/^\/mail\//).applied).toBe(1);

    const fork = await engine.fork(original.id, logStart.seq, {
      outputs: { send: { messageId: 'what-if' } },
    });
    const forked = await fork.done;
    expect(forked.status).toBe('succeeded');
    expect(forked.parent).toMatchObject({ runId: original.id });
    expect(forked.result).toMatchObject({ value: { messageId: 'what-if' } });
    expect(original.result).not.toEqual(forked.result);
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    expect(world.server.count(/^\/crm\/activities/).applied).toBe(2);
    expect(await world.store.events(original.id)).toEqual(before);
    const forkEvents = await world.store.events(forked.id);
    expectWellFormedLog(forkEvents);
    expect(forkEvents[0]).toMatchObject({ type: 'run.forked', from: original.id });
    expect(started(forkEvents)[0]).toBe('logReply');
  });

  it('replays a finished run from its log with no call to the outside world and the same events', async () => {
    const engine = world.engine();
    const run = await engine.start(loadFlow('freelance-writer.json'), writerInput);
    const first = await until(
      async () => (await engine.pendingApprovals(run.runId))[0],
      'the review',
    );
    await engine.decide(first.key, { decision: 'rejected', feedback: 'Shorter' });
    const second = await until(
      async () => (await engine.pendingApprovals(run.runId)).find((a) => a.key !== first.key),
      'the second review',
    );
    await engine.decide(second.key, { decision: 'approved' });
    const original = await run.done;
    const requests = world.server.requests.length;

    const replayed = await replay(
      { store: world.store, services: offlineServices(world) },
      original.id,
    );
    expect(world.server.requests.length).toBe(requests);
    expect(replayed.record.status).toBe('succeeded');
    expect(replayed.record.result).toEqual(original.result);
    expect(facts(replayed.events)).toEqual(facts(await world.store.events(original.id)));
  });

  it('rewinds a paused run in place to an earlier step, pauses there, and sends nothing twice', async () => {
    const engine = world.engine();
    const run = await engine.start(loadFlow('saas-support-triage.json'), ticket, {
      debug: { breakpoints: [{ node: 'logReply' }], mode: 'run' },
    });
    await until(
      async () => ((await pausedAt(world, run.runId)) === 'logReply' ? true : undefined),
      'the pause at logReply',
    );
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    const before = await world.store.events(run.runId);
    const sendStarted = before.find((e) => e.type === 'node.started' && e.node === 'send')!;

    const rewound = await engine.rewind(run.runId, sendStarted.seq);
    await until(
      async () => ((await pausedAt(world, run.runId)) === 'send' ? true : undefined),
      'the pause before send',
    );
    expect(await statusOf(world, run.runId)).toBe('paused');
    const log = await world.store.events(run.runId);
    expect(log.slice(0, before.length)).toEqual(before);
    expectWellFormedLog(log);
    const mark = log.find((e) => e.type === 'run.rewound');
    expect(mark).toMatchObject({ toSeq: expect.any(Number) as number });
    const there = await engine.stateAt(run.runId, mark!.seq);
    expect(there.context.nodes['reply']).toBeDefined();
    expect(there.context.nodes['send']).toBeUndefined();
    // The log before the rewind still shows the run as it was then.
    expect((await engine.stateAt(run.runId, mark!.seq - 1)).context.nodes['send']).toBeDefined();

    await engine.setBreakpoints(run.runId, []);
    await engine.debug(run.runId, 'continue');
    const record = await rewound.done;
    expect(record.status).toBe('succeeded');
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    const after = await world.store.events(run.runId);
    const again = started(after.slice(log.length));
    expect(again.slice(0, 2)).toEqual(['send', 'logReply']);
    expect(again).not.toContain('reply');

    // A replay follows the path the run took after the rewind, and still calls nobody.
    const requests = world.server.requests.length;
    const replayed = await replay(
      { store: world.store, services: offlineServices(world) },
      run.runId,
    );
    const path = (events: readonly RunEvent[]) =>
      facts(events.filter((e) => !e.type.startsWith('debug.') && !e.type.startsWith('run.re')));
    expect(path(replayed.events)).toEqual(path(pathOf(after)));
    expect(world.server.requests.length).toBe(requests);
  });

  it('refuses to rewind a run that is not paused, and to a step where it had ended', async () => {
    const engine = world.engine();
    const record = await (await engine.start(loadFlow('saas-support-triage.json'), ticket)).done;
    await expect(engine.rewind(record.id, 3)).rejects.toMatchObject({ code: 'run-not-paused' });
    const events = await world.store.events(record.id);
    expect(events.some((e) => e.type === 'run.rewound')).toBe(false);
  });

  it('forks with an edited run input and an edited input of the node waiting there', async () => {
    const engine = world.engine();
    const original = await (await engine.start(loadFlow('saas-support-triage.json'), ticket)).done;
    const events = await world.store.events(original.id);
    const sendStarted = events.find((e) => e.type === 'node.started' && e.node === 'send')!;
    const at = await engine.stateAt(original.id, sendStarted.seq - 1);
    const waiting = String(at.value);
    const edited = { ...(at.context.inputs[waiting] as object), edited: true };

    const fork = await engine.fork(original.id, sendStarted.seq - 1, {
      inputs: { [waiting]: edited },
      runInput: { ...ticket, subject: 'What if' },
    });
    const forked = await fork.done;
    const forkEvents = await world.store.events(forked.id);
    expect(forkEvents[0]).toMatchObject({
      type: 'run.forked',
      edited: [`${waiting} (input)`, 'run input'],
    });
    expect(forked.input).toMatchObject({ subject: 'What if' });
    const firstStart = forkEvents.find((e) => e.type === 'node.started');
    expect(firstStart).toMatchObject({ node: waiting, input: edited });
    // Its budget counts what the original had sent by the fork point (nothing), so it sends alone.
    expect(forked.status).toBe('succeeded');
    expect(forkEvents.some((e) => e.type === 'approval.requested')).toBe(false);
    expect(world.server.count(/^\/mail\//).applied).toBe(2);
    await expect(
      engine.fork(original.id, sendStarted.seq - 1, { inputs: { classify: {} } }),
    ).rejects.toMatchObject({ code: 'not-waiting' });
  });
});
