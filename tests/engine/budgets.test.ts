import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaAnswer } from './harness/llmScript.ts';
import { flow as parseFlowOf, link, node } from '../unit/build.ts';
import { createWorld, until, type World } from './harness/world.ts';

const mail = { to: 'a@b.test', subject: 'Hi', body: 'Hello' };

describe('budgets', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    world.server.scriptLlm((req) => schemaAnswer(req.messages));
  });
  afterEach(() => world.server.stop());

  it("asks before a message beyond the run's budget, and records why", async () => {
    const flow = parseFlowOf(
      'two-mails',
      [
        node('s', 'start'),
        node('first', 'capability', { capability: 'email.send', input: mail }),
        node('second', 'capability', { capability: 'email.send', input: mail }),
        node('o', 'output'),
      ],
      [link('s', 'first'), link('first', 'second'), link('second', 'o')],
      { policies: { budgets: { externalMessages: 1 } } },
    );
    const engine = world.engine();
    const run = await engine.start(flow, {});
    const ask = await until(
      async () => (await engine.pendingApprovals(run.runId))[0],
      'the budget question',
    );
    expect(ask.request).toMatchObject({
      reason: 'policy',
      rule: 'budget.externalMessages',
      nodeId: 'second',
    });
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    await engine.decide(ask.key, { decision: 'approved' });
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(record.usage).toMatchObject({ externalMessages: 2 });
    expect(world.server.count(/^\/mail\//).applied).toBe(2);
  });

  it('stops an agent past the token budget, counting tokens spent before a restart', async () => {
    const flow = parseFlowOf(
      'two-agents',
      [
        node('s', 'start'),
        node('a1', 'agent'),
        node('wait', 'approval'),
        node('a2', 'agent'),
        node('o', 'output'),
      ],
      [link('s', 'a1'), link('a1', 'wait'), link('wait', 'a2', 'approved'), link('a2', 'o')],
      { policies: { budgets: { tokens: 100 } } },
    );
    const first = world.engine();
    const run = await first.start(flow, {});
    const ask = await until(
      async () => (await first.pendingApprovals(run.runId))[0],
      'the approval',
    );
    await run.flushed();
    first.halt();
    expect((await world.store.getRun(run.runId))?.usage).toMatchObject({ tokens: 140 });

    const second = world.engine();
    await second.decide(ask.key, { decision: 'approved' });
    const record = await second.run(run.runId)!.done;
    expect(record.status).toBe('failed');
    expect(record.error).toMatchObject({ code: 'budget-exceeded' });
    expect(world.server.count(/^\/llm\//).requests).toBe(1);
  });
});
