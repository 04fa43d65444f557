import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaAnswer, systemOf } from './harness/llmScript.ts';
import { createWorld, loadFlow, until, type World } from './harness/world.ts';
import { expectWellFormedLog } from './harness/log.ts';

const ticket = {
  ticketId: 'T-42',
  customerEmail: 'pat@customer.test',
  subject: 'Export fails',
  message: 'CSV export gives a 500',
};

describe('support triage playbook', () => {
  let world: World;
  beforeEach(async () => (world = await createWorld()));
  afterEach(() => world.server.stop());

  const script = (classification: Record<string, unknown>, replyConfidence: number) =>
    world.server.scriptLlm((req) =>
      systemOf(req.messages).startsWith('You triage')
        ? schemaAnswer(req.messages, classification)
        : schemaAnswer(req.messages, {
            subject: 'Re: Export fails',
            body: 'Fixed in 2.3',
            confidence: replyConfidence,
          }),
    );

  it('sends a confident reply on its own and logs it to the CRM', async () => {
    script({ category: 'bug', urgency: 'normal', summary: 'CSV export 500' }, 0.95);
    const engine = world.engine();
    const record = await (await engine.start(loadFlow('saas-support-triage.json'), ticket)).done;
    expect(record.result).toMatchObject({
      node: 'answered',
      value: { ticketId: 'T-42', messageId: 'msg_1' },
    });
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    expect(world.server.count(/^\/crm\/activities/).applied).toBe(1);
    const policy = (await world.store.events(record.id)).find(
      (e) => e.type === 'policy.decided' && e.capability === 'email.send',
    );
    expect(policy).toMatchObject({ decision: 'allow', rule: 'confident-replies-only' });
  });

  it('asks before sending when the agent is unsure, and sends the edited reply once', async () => {
    script({ category: 'how-to', urgency: 'low', summary: 'How to export' }, 0.5);
    const engine = world.engine();
    const run = await engine.start(loadFlow('saas-support-triage.json'), ticket);
    const ask = await until(
      async () => (await engine.pendingApprovals(run.runId))[0],
      'the policy approval',
    );
    expect(ask.request).toMatchObject({
      reason: 'policy',
      capability: 'email.send',
      rule: 'confident-replies-only',
      confidence: 0.5,
    });
    expect(world.server.count(/^\/mail\//).requests).toBe(0);
    const edited = {
      ...(ask.request.subject as Record<string, unknown>),
      body: 'Use Settings → Export.',
    };
    await engine.decide(ask.key, { decision: 'approved', subject: edited });
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    expect(world.server.applied.find((r) => r.path === '/mail/messages')?.body).toMatchObject({
      body: 'Use Settings → Export.',
    });
    expectWellFormedLog(await world.store.events(run.runId));
  });

  it('escalates urgent tickets to the founder without replying', async () => {
    script({ category: 'billing', urgency: 'high', summary: 'Charged twice' }, 0.99);
    const record = await (
      await world.engine().start(loadFlow('saas-support-triage.json'), ticket)
    ).done;
    expect(record.result).toMatchObject({
      node: 'escalated',
      status: 'escalated',
      value: { category: 'billing' },
    });
    expect(world.server.count(/^\/mail\//).requests).toBe(0);
    expect(world.server.applied.find((r) => r.path === '/crm/activities')?.body).toMatchObject({
      type: 'ticket',
      text: 'Escalated: Charged twice',
    });
  });

  it('routes a failed send through its error edge to the founder', async () => {
    script({ category: 'bug', urgency: 'normal', summary: 'CSV export 500' }, 0.95);
    world.server.failNext(/^\/mail\//, 422);
    const record = await (
      await world.engine().start(loadFlow('saas-support-triage.json'), ticket)
    ).done;
    expect(record.result).toMatchObject({ node: 'escalated' });
    const failed = (await world.store.events(record.id)).find((e) => e.type === 'node.failed');
    expect(failed).toMatchObject({
      node: 'send',
      willRetry: false,
      error: { code: 'http', status: 422 },
    });
  });

  it('retries a transient failure with backoff and sends once', async () => {
    script({ category: 'bug', urgency: 'normal', summary: 'CSV export 500' }, 0.95);
    world.server.failNext(/^\/mail\//, 503, 2);
    const record = await (
      await world.engine().start(loadFlow('saas-support-triage.json'), ticket)
    ).done;
    expect(record.result).toMatchObject({ node: 'answered' });
    const events = await world.store.events(record.id);
    expect(
      events
        .filter((e) => e.type === 'node.retrying')
        .map((e) => (e.type === 'node.retrying' ? e.delayMs : 0)),
    ).toEqual([3_750, 7_500]);
    expect(world.server.count(/^\/mail\//)).toEqual({ requests: 3, applied: 1 });
  });

  it('repairs an answer that misses a field, then fails clearly when repairs run out', async () => {
    let calls = 0;
    world.server.scriptLlm((req) =>
      ++calls === 1
        ? '{"category":"bug"}'
        : schemaAnswer(req.messages, { category: 'bug', urgency: 'high', summary: 'x' }),
    );
    const repaired = await (
      await world.engine().start(loadFlow('saas-support-triage.json'), ticket)
    ).done;
    expect(repaired.result).toMatchObject({ node: 'escalated' });
    const llm = (await world.store.events(repaired.id)).filter((e) => e.type === 'llm.called');
    expect(llm.map((e) => (e.type === 'llm.called' ? e.repair : -1)).slice(0, 2)).toEqual([0, 1]);

    world.server.scriptLlm(() => 'I cannot answer in JSON, sorry');
    const failed = await (
      await world.engine().start(loadFlow('saas-support-triage.json'), ticket)
    ).done;
    // classify's error edge leads to the founder, so the run still ends escalated, with the reason logged.
    const error = (await world.store.events(failed.id)).find(
      (e) => e.type === 'node.failed' && e.node === 'classify',
    );
    expect(error).toMatchObject({ error: { code: 'bad-llm-output' } });
  });
});
