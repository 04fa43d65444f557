import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, RunRecord } from '../../src/engine/index.ts';
import { agentFlow } from './harness/agentFlow.ts';
import { FaultyStore, StoreDied } from './harness/faultyStore.ts';
import { schemaAnswer, toolCalls, toolResultsOf } from './harness/llmScript.ts';
import { expectWellFormedLog } from './harness/log.ts';
import type { TestServer } from './harness/testServer.ts';
import { createWorld, until, type World } from './harness/world.ts';

const logNote = { contact: 'pat@customer.test', type: 'note', text: 'Renewal call booked' };

/** The model logs a note through the CRM tool, then answers with what the tool returned. */
function scriptLogThenAnswer(server: TestServer): void {
  server.scriptLlm((req) => {
    const results = toolResultsOf(req.messages);
    if (results.length === 0) return toolCalls({ name: 'crm_logActivity', args: logNote });
    return schemaAnswer(req.messages, { note: `logged ${JSON.stringify(results)}` });
  });
}

describe('agents call capabilities as tools', () => {
  let world: World;
  beforeEach(async () => (world = await createWorld()));
  afterEach(() => world.server.stop());

  it('offers the tool with its input schema, performs the call once and hands the result back', async () => {
    scriptLogThenAnswer(world.server);
    const run = await world.engine().start(agentFlow(), { contact: 'pat@customer.test' });
    const record = await run.done;
    expect(record.status).toBe('succeeded');

    const [first, second] = world.server.requests.filter((r) => r.path.startsWith('/llm/'));
    const offered = (first?.body as { tools?: { function: Record<string, unknown> }[] }).tools;
    expect(offered?.map((t) => t.function['name'])).toEqual(['crm_logActivity']);
    expect(offered?.[0]?.function['parameters']).toMatchObject({
      type: 'object',
      properties: {
        contact: { type: 'string' },
        type: { enum: ['note', 'email', 'call', 'ticket'] },
      },
      required: ['contact', 'type', 'text'],
    });
    expect(toolResultsOf((second?.body as { messages: never[] }).messages)).toEqual([
      { activityId: 'act_1' },
    ]);
    expect(record.result).toMatchObject({
      value: { note: 'logged [{"activityId":"act_1"}]' },
    });

    const crm = world.server.requests.filter((r) => r.path === '/crm/activities');
    expect(crm).toHaveLength(1);
    expect(crm[0]).toMatchObject({ body: logNote, key: `${run.runId}/agent/1/tool/1` });

    const events = await world.store.events(run.runId);
    expectWellFormedLog(events);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'llm.called')).toHaveLength(2);
    expect(events.find((e) => e.type === 'policy.decided')).toMatchObject({
      node: 'agent',
      capability: 'crm.logActivity',
      decision: 'allow',
    });
    expect(events.find((e) => e.type === 'tool.called')).toMatchObject({
      capability: 'crm.logActivity',
      call: 1,
      ok: true,
    });
    // Policy before the effect, the effect before the answer.
    expect(types.indexOf('policy.decided')).toBeLessThan(types.indexOf('effect.completed'));
    expect(types.indexOf('effect.completed')).toBeLessThan(types.lastIndexOf('llm.called'));
  });

  it('sends malformed arguments back to the model with what is wrong, and lets it try again', async () => {
    const seen: unknown[][] = [];
    world.server.scriptLlm((req, call) => {
      seen.push(toolResultsOf(req.messages));
      if (call === 0) return toolCalls({ name: 'crm_logActivity', args: '{"contact": "pat@' });
      if (call === 1)
        return toolCalls({ name: 'crm_logActivity', args: { contact: 'pat', type: 'meeting' } });
      if (call === 2) return toolCalls({ name: 'crm_logActivity', args: logNote });
      return schemaAnswer(req.messages, { note: 'done' });
    });
    const run = await world.engine().start(agentFlow(), { contact: 'pat@customer.test' });
    expect((await run.done).status).toBe('succeeded');
    expect(String(seen[1]?.[0])).toMatch(/arguments must be a JSON object/);
    expect(String(seen[2]?.[1])).toMatch(/Log a CRM activity: input\.type: .*note.*email/);
    expect(world.server.count(/^\/crm\/activities/)).toEqual({ requests: 1, applied: 1 });
    const refused = (await world.store.events(run.runId)).filter(
      (e) => e.type === 'tool.called' && !e.ok,
    );
    expect(refused).toHaveLength(2);
  });

  it('asks a person when policy says so, and tells the model when they say no', async () => {
    world.server.scriptLlm((req) =>
      toolResultsOf(req.messages).length === 0
        ? toolCalls({ name: 'crm_logActivity', args: logNote })
        : schemaAnswer(req.messages, { note: String(toolResultsOf(req.messages)[0]) }),
    );
    const flow = agentFlow({
      policies: {
        rules: [{ id: 'crm-asks', capability: 'crm.logActivity', decision: 'approve' }],
        budgets: {},
      },
    });
    const engine = world.engine();
    const run = await engine.start(flow, { contact: 'pat@customer.test' });
    const ask = await until(async () => (await engine.pendingApprovals(run.runId))[0], 'approval');
    expect(ask.request).toMatchObject({ reason: 'policy', capability: 'crm.logActivity' });
    expect(ask.key).toBe(`policy:${run.runId}/agent/1/tool/1`);
    await engine.decide(ask.key, { decision: 'rejected', feedback: 'not for this client' });
    const record = await run.done;
    expect(record.result).toMatchObject({
      value: { note: expect.stringMatching(/not approved: not for this client/) as unknown },
    });
    expect(world.server.count(/^\/crm\//).requests).toBe(0);
  });

  it('stops a model that never stops calling tools', async () => {
    world.server.scriptLlm(() => toolCalls({ name: 'crm_logActivity', args: logNote }));
    const record = await (await world.engine().start(agentFlow(), { contact: 'p' })).done;
    expect(record.status).toBe('failed');
    const failed = (await world.store.events(record.id)).find((e) => e.type === 'run.failed');
    expect(failed).toMatchObject({ error: { code: 'too-many-tool-rounds' } });
    // Every call got its own key; none was repeated.
    expect(world.server.count(/^\/crm\/activities/)).toEqual({ requests: 8, applied: 8 });
  });
});

describe('a tool call survives a crash', () => {
  /** Runs the flow, killing the runtime at store write `killAt` and resuming until it ends. */
  async function runKilledAt(killAt: number) {
    const world = await createWorld();
    scriptLogThenAnswer(world.server);
    let diedAt = '';
    let writes = 0;
    let crmAtDeath = 0;
    try {
      let record: RunRecord | undefined;
      for (let life = 0; !record; life++) {
        const store: FaultyStore = new FaultyStore(
          world.store,
          life === 0 ? killAt : Infinity,
          () => {
            crmAtDeath = world.server.count(/^\/crm\//).applied;
            engine.halt();
          },
        );
        const engine: Engine = world.engine(store);
        const [existing] = await world.store.listRuns();
        try {
          const run = existing
            ? await engine.resume(existing.id, 'crash')
            : await engine.start(agentFlow(), { contact: 'pat@customer.test' });
          // A run the store killed ends its `done` with the halt; the next life resumes it.
          record = await run.done.catch(() => undefined);
        } catch (error) {
          if (!(error instanceof StoreDied)) throw error;
        }
        if (store.dead) diedAt = store.diedAt;
        writes += store.writes;
        if (life > 3) throw new Error('the run never finished');
      }
      const crm = world.server.requests.filter((r) => r.path === '/crm/activities');
      return {
        record,
        crm,
        applied: world.server.count(/^\/crm\//).applied,
        diedAt,
        writes,
        crmAtDeath,
      };
    } finally {
      await world.server.stop();
    }
  }

  it('reaches the CRM once, whichever write the run dies at', { timeout: 60_000 }, async () => {
    const baseline = await runKilledAt(Infinity);
    expect(baseline.record.status).toBe('succeeded');
    let betweenCallAndAnswer = 0;
    for (let k = 1; k <= baseline.writes; k++) {
      const crashed = await runKilledAt(k);
      const where = `killed at write ${k} (${crashed.diedAt})`;
      expect(crashed.record.status, where).toBe('succeeded');
      expect(crashed.record.result, where).toEqual(baseline.record.result);
      expect(crashed.applied, where).toBe(1);
      // Only a call whose result was not yet recorded is sent again, with the same key.
      const cutOff = crashed.diedAt === 'effect crm.logActivity completed';
      expect(crashed.crm.length, where).toBe(cutOff ? 2 : 1);
      expect(new Set(crashed.crm.map((r) => r.key)).size, where).toBe(1);
      if (crashed.crmAtDeath === 1) betweenCallAndAnswer++;
    }
    // The kills did land between the tool call and the answer, not only around them.
    expect(betweenCallAndAnswer).toBeGreaterThan(0);
  });
});
