import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Connection, type Engine } from '../../src/engine/index.ts';
import { bareEngine } from './harness/bareEngine.ts';
import { billFlow as invoiceFlow, billInput } from './harness/billFlow.ts';
import { TestServer } from './harness/testServer.ts';
import { until } from './harness/world.ts';

describe('a run that finds a connection or secret missing waits, then continues', () => {
  let server: TestServer;
  let store: MemoryStore;
  const connections: Record<string, Connection> = {};
  const secrets: Record<string, string> = {};
  const engineOn = () => bareEngine({ store, connections, secrets });
  beforeEach(async () => {
    server = await new TestServer().start();
    store = new MemoryStore();
    for (const name of Object.keys(connections)) delete connections[name];
    for (const name of Object.keys(secrets)) delete secrets[name];
  });
  afterEach(() => server.stop());

  const setupRequest = async (engine: Engine, runId: string) =>
    (
      await until(async () => {
        const pending = await engine.pendingApprovals(runId);
        return pending.length > 0 ? pending : undefined;
      }, 'the setup request')
    )[0]!;

  it('waits for a missing connection with a clear notice, and continues once it is set', async () => {
    const engine = engineOn();
    const run = await engine.start(invoiceFlow, billInput);
    const ask = await setupRequest(engine, run.runId);
    expect(ask.request).toMatchObject({
      reason: 'setup',
      need: { kind: 'connection', name: 'billing' },
      title: 'billing is not connected — connect it to continue',
    });
    expect((await store.getRun(run.runId))?.status).toBe('waiting');
    expect(server.count(/^\/billing/).requests).toBe(0);
    // Nothing was sent, so the ledger does not leave an unknown outcome behind.
    expect((await store.effects(run.runId)).map((e) => e.status)).toEqual(['failed']);

    Object.assign(connections, { billing: server.connections.billing });
    secrets['BILLING_API_KEY'] = 'sk_test_123';
    await engine.decide(ask.key, { decision: 'approved' });
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(server.count(/^\/billing\/invoices/).applied).toBe(1);
  });

  it('waits for a missing secret, and asks again when told to try before it is there', async () => {
    Object.assign(connections, { billing: server.connections.billing });
    const engine = engineOn();
    const run = await engine.start(invoiceFlow, billInput);
    const first = await setupRequest(engine, run.runId);
    expect(first.request).toMatchObject({
      need: { kind: 'secret', name: 'BILLING_API_KEY' },
      title: 'the secret BILLING_API_KEY is not in the vault — add it to continue',
    });
    // "Try again" before the secret is there: it waits again, on a new request.
    await engine.decide(first.key, { decision: 'approved' });
    const second = await until(async () => {
      const pending = await engine.pendingApprovals(run.runId);
      return pending.find((p) => p.key !== first.key);
    }, 'the second setup request');
    expect(second.request.need).toEqual({ kind: 'secret', name: 'BILLING_API_KEY' });
    secrets['BILLING_API_KEY'] = 'sk_test_123';
    await engine.decide(second.key, { decision: 'approved' });
    expect((await run.done).status).toBe('succeeded');
    expect(server.count(/^\/billing\/invoices/).applied).toBe(1);
  });

  it('keeps waiting across a restart, on the same request, and never fails for it', async () => {
    const first = engineOn();
    const run = await first.start(invoiceFlow, billInput);
    const ask = await setupRequest(first, run.runId);
    first.halt();
    await expect(run.done).rejects.toThrow();

    const second = engineOn();
    await second.resumeAll('reopened');
    const again = await setupRequest(second, run.runId);
    expect(again.key).toBe(ask.key);
    expect((await second.pendingApprovals(run.runId)).length).toBe(1);
    expect((await store.getRun(run.runId))?.status).toBe('waiting');

    Object.assign(connections, { billing: server.connections.billing });
    secrets['BILLING_API_KEY'] = 'sk_test_123';
    await second.decide(again.key, { decision: 'approved' });
    const resumed = await until(
      () => store.getRun(run.runId).then((r) => (r?.status === 'succeeded' ? r : undefined)),
      'the run to finish',
    );
    expect(resumed.status).toBe('succeeded');
    expect(server.count(/^\/billing\/invoices/).applied).toBe(1);
    const events = await store.events(run.runId);
    expect(events.some((e) => e.type === 'run.failed')).toBe(false);
  });
});
