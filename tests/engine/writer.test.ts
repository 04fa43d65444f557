import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaAnswer } from './harness/llmScript.ts';
import { expectWellFormedLog } from './harness/log.ts';
import { createWorld, loadFlow, until, type World } from './harness/world.ts';

const input = {
  client: 'Acme',
  clientEmail: 'editor@acme.test',
  topic: 'Pricing pages',
  brief: 'Explain our pricing',
  wordCount: 800,
};

describe('freelance writer playbook', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    let draft = 0;
    world.server.scriptLlm((req) =>
      schemaAnswer(req.messages, { title: `Draft ${++draft}`, body: `Body of draft ${draft}` }),
    );
  });
  afterEach(() => world.server.stop());

  it('drafts, takes feedback, revises, and delivers the approved edit exactly once', async () => {
    await world.memory.remember({
      id: 'm1',
      text: 'Acme prefers short sentences and no jargon',
      kind: 'preference',
      entities: ['Acme'],
      tags: [],
      source: { runId: 'x', nodeId: 'y' },
    });
    const engine = world.engine();
    const run = await engine.start(loadFlow('freelance-writer.json'), input);

    const first = await until(
      async () => (await engine.pendingApprovals(run.runId))[0],
      'the first review',
    );
    expect(first.request.title).toBe('Draft for Acme: Draft 1');
    expect(first.request.preview).toContain('Body of draft 1');
    await engine.decide(first.key, { decision: 'rejected', feedback: 'Too long, add a summary' });

    const second = await until(
      async () => (await engine.pendingApprovals(run.runId))[0],
      'the second review',
    );
    expect(second.key).not.toBe(first.key);
    expect(second.request.subject).toMatchObject({ title: 'Draft 2' });
    expect(second.request.previous).toMatchObject({ title: 'Draft 1', body: 'Body of draft 1' });
    expect(first.request.previous).toBeUndefined();
    await engine.decide(second.key, {
      decision: 'approved',
      subject: { title: 'Final title', body: 'Edited body' },
    });

    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(record.result).toMatchObject({
      node: 'delivered',
      status: 'succeeded',
      value: { title: 'Final title' },
    });
    expect(world.server.count(/^\/mail\//)).toEqual({ requests: 1, applied: 1 });
    expect(world.server.applied[0]!.body).toMatchObject({
      to: 'editor@acme.test',
      subject: 'Final title',
      body: 'Edited body',
    });

    const recalled = await world.memory.recall({
      text: 'Acme changes feedback',
      topK: 5,
      threshold: 0,
      entity: 'Acme',
      kinds: ['feedback'],
      tags: [],
    });
    expect(recalled.map((m) => m.text)).toEqual([
      'Acme asked for changes: Too long, add a summary',
    ]);

    const events = await world.store.events(run.runId);
    expectWellFormedLog(events);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'approval.requested')).toHaveLength(2);
    expect(types.at(-1)).toBe('run.succeeded');
  });

  it('keeps the draft when nobody decides within three days', async () => {
    const engine = world.engine();
    const run = await engine.start(loadFlow('freelance-writer.json'), input);
    await until(async () => (await engine.pendingApprovals(run.runId))[0], 'the review');
    world.clock.advance(3 * 86_400_000 - 1);
    expect(await engine.pendingApprovals(run.runId)).toHaveLength(1);
    world.clock.advance(1);
    const record = await run.done;
    expect(record.result).toMatchObject({ node: 'keptAsDraft', status: 'draft' });
    expect(world.server.count(/^\/mail\//).requests).toBe(0);
    await expect(
      engine.decide((await world.store.approvals({ runId: run.runId }))[0]!.key, {
        decision: 'approved',
      }),
    ).rejects.toThrow(/already decided/);
  });
});
