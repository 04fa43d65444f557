import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.ts';
import { schemaAnswer, systemOf } from './harness/llmScript.ts';
import { expectWellFormedLog } from './harness/log.ts';
import { flow, link, node } from '../unit/build.ts';
import { createWorld, loadFlow, until, type World } from './harness/world.ts';

const phases = [
  { name: 'Discovery', days: 2, deliverable: 'Interview notes' },
  { name: 'Strategy', days: 3, deliverable: 'Pricing strategy' },
];
const input = {
  client: 'Globex',
  clientEmail: 'ceo@globex.test',
  goals: 'Raise prices without churn',
  days: 5,
  dayRate: 1200,
};

/** Approves whatever is pending, one at a time, until the run ends; returns what was asked. */
async function approveAll(
  engine: Engine,
  runId: string,
  done: Promise<unknown>,
): Promise<string[]> {
  const asked: string[] = [];
  let finished = false;
  void done.then(() => (finished = true));
  for (;;) {
    const next = await until(
      async () => (finished ? null : (await engine.pendingApprovals(runId))[0]),
      'an approval or the end',
    );
    if (next === null) return asked;
    asked.push(`${next.request.reason}:${next.nodeId}`);
    await engine.decide(next.key, { decision: 'approved' });
  }
}

/** Creates an invoice, then logs to the CRM: a failing log must void the invoice. */
function invoiceThenLog() {
  return flow(
    'invoice-then-log',
    [
      node('start', 'start'),
      node('bill', 'capability', {
        capability: 'invoice.create',
        input: { customer: 'Initech', currency: 'EUR', lines: '{{ run.input.lines }}' },
      }),
      node('log', 'capability', {
        capability: 'crm.logActivity',
        input: { contact: 'x@initech.test', type: 'note', text: 'billed' },
      }),
      node('end', 'output'),
    ],
    [link('start', 'bill'), link('bill', 'log'), link('log', 'end')],
    { policies: { rules: [{ id: 'ok', sideEffect: 'money', decision: 'allow' }] } },
  );
}

describe('consultant engagement playbook', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    world.server.scriptLlm((req) => {
      const system = systemOf(req.messages);
      if (system.includes('skeptical'))
        return schemaAnswer(req.messages, { risks: ['Churn of small accounts'] });
      if (req.messages.some((m) => m.content.includes('Phase:')))
        return schemaAnswer(req.messages, { title: 'Deliverable', document: 'Doc' });
      return schemaAnswer(req.messages, { phases, summary: 'Two phases over five days' });
    });
  });
  afterEach(() => world.server.stop());

  it('plans in parallel, reviews each phase, and invoices once after approval', async () => {
    const engine = world.engine();
    const run = await engine.start(loadFlow('consultant-engagement.json'), input);
    const asked = await approveAll(engine, run.runId, run.done);
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(asked).toEqual([
      'node:approveProposal',
      'node:reviewPhase',
      'node:reviewPhase',
      'policy:invoice',
    ]);
    expect(record.result).toMatchObject({ node: 'invoiced', value: { invoiceId: 'inv_4' } });
    const invoice = world.server.applied.find((r) => r.path === '/billing/invoices');
    expect(invoice?.body).toMatchObject({
      customer: 'Globex',
      currency: 'EUR',
      lines: [
        { description: 'Discovery', quantity: 2, unitPrice: 1200 },
        { description: 'Strategy', quantity: 3, unitPrice: 1200 },
      ],
    });
    expect(world.server.count(/^\/billing\//).applied).toBe(1);
    expect(world.server.count(/^\/crm\/activities/).applied).toBe(2);

    const events = await world.store.events(run.runId);
    expectWellFormedLog(events);
    // Both branches started before the join ran, and the proposal saw both.
    const started = events
      .filter((e) => e.type === 'node.started')
      .map((e) => (e.type === 'node.started' ? e.node : ''));
    expect(started.indexOf('together')).toBeGreaterThan(
      Math.max(started.indexOf('plan'), started.indexOf('risks')),
    );
    const proposal = events.find((e) => e.type === 'node.succeeded' && e.node === 'proposal');
    expect(proposal?.type === 'node.succeeded' && proposal.output).toContain(
      'Churn of small accounts',
    );
    expect(proposal?.type === 'node.succeeded' && proposal.output).toContain('Fee: 6000 EUR');
  });

  it('voids the invoice when a later step fails, exactly once', async () => {
    const flow = invoiceThenLog();
    world.server.failNext(/^\/crm\//, 400);
    const engine = world.engine();
    const record = await (
      await engine.start(flow, { lines: [{ description: 'Audit', quantity: 1, unitPrice: 900 }] })
    ).done;
    expect(record.status).toBe('compensated');
    expect(world.server.count(/^\/billing\/invoices$/).applied).toBe(1);
    expect(world.server.count(/\/void$/)).toEqual({ requests: 1, applied: 1 });
    expect(world.server.applied.find((r) => r.path.endsWith('/void'))?.path).toBe(
      '/billing/invoices/inv_1/void',
    );
    const types = (await world.store.events(record.id)).map((e) => e.type);
    expect(types.slice(types.indexOf('run.failed'))).toEqual([
      'run.failed',
      'compensation.started',
      'effect.started',
      'effect.completed',
      'compensation.completed',
    ]);
  });

  it('leaves the run needing attention when the compensation itself fails', async () => {
    world.server.failNext(/^\/crm\//, 400);
    world.server.failNext(/\/void$/, 400);
    const record = await (
      await world
        .engine()
        .start(invoiceThenLog(), { lines: [{ description: 'Audit', quantity: 1, unitPrice: 900 }] })
    ).done;
    expect(record.status).toBe('needs-attention');
    expect(world.server.count(/\/void$/)).toEqual({ requests: 1, applied: 0 });
    const failed = (await world.store.events(record.id)).find(
      (e) => e.type === 'compensation.failed',
    );
    expect(failed).toMatchObject({ capability: 'invoice.void', node: 'bill' });
  });
});

describe('roll back', () => {
  let world: World;
  beforeEach(async () => (world = await createWorld()));
  afterEach(() => world.server.stop());

  it("undoes a succeeded run's invoice when the person asks, once, and refuses a second time", async () => {
    const flow = invoiceThenLog();
    const engine = world.engine();
    const record = await (
      await engine.start(flow, { lines: [{ description: 'Audit', quantity: 1, unitPrice: 900 }] })
    ).done;
    expect(record.status).toBe('succeeded');
    const rolled = await engine.rollback(record.id);
    expect(rolled.status).toBe('compensated');
    expect(world.server.count(/\/void$/).applied).toBe(1);
    const again = await engine.rollback(record.id);
    expect(again.status).toBe('compensated');
    expect(world.server.count(/\/void$/).requests).toBe(1);
    const types = (await world.store.events(record.id)).map((e) => e.type);
    expect(types.slice(types.indexOf('run.succeeded') + 1)).toEqual([
      'compensation.started',
      'effect.started',
      'effect.completed',
      'compensation.completed',
    ]);
  });

  it('refuses to roll back a run that is still going', async () => {
    world.server.scriptLlm((req) => schemaAnswer(req.messages, { title: 'T', body: 'B' }));
    const engine = world.engine();
    const run = await engine.start(loadFlow('freelance-writer.json'), {
      client: 'A',
      clientEmail: 'a@a.test',
      topic: 't',
      brief: 'b',
      wordCount: 1,
    });
    await until(async () => (await engine.pendingApprovals(run.runId))[0], 'the review');
    await expect(engine.rollback(run.runId)).rejects.toMatchObject({ code: 'run-active' });
  });
});
