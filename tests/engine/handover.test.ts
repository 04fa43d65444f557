import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/engine/index.ts';
import { bareEngine } from './harness/bareEngine.ts';
import { billFlow, billInput } from './harness/billFlow.ts';
import { queuedLocks } from './harness/queuedLocks.ts';
import { TestServer } from './harness/testServer.ts';
import { until } from './harness/world.ts';

/** The bill flow, asking a person before it bills. */
const askFirst = {
  ...billFlow,
  policies: {
    ...billFlow.policies,
    rules: [
      { id: 'ask', capability: 'invoice.create', decision: 'approve' as const, reason: 'bills' },
    ],
  },
};

describe('a run held by a tab that closes is taken over by another tab', () => {
  let server: TestServer;
  beforeEach(async () => (server = await new TestServer().start()));
  afterEach(() => server.stop());

  /** Tab A starts the run, which waits at its approval, holding the run's lock. */
  async function startInTabA() {
    const store = new MemoryStore();
    const locks = queuedLocks();
    const secrets = { BILLING_API_KEY: 'sk_test_123' };
    const world = { store, locks, connections: server.connections, secrets };
    const tabA = bareEngine(world);
    const run = await tabA.start(askFirst, billInput);
    const ask = await until(
      async () => (await tabA.pendingApprovals(run.runId))[0],
      'the approval',
    );
    return { store, locks, world, tabA, run, ask };
  }

  it('waits on the lock, takes the run over when it is released, and bills once', async () => {
    const { store, world, tabA, run, ask } = await startInTabA();

    // Tab B opens: the run is held, so it waits in line rather than giving up.
    const tabB = bareEngine(world);
    expect(await tabB.resumeAll('opened')).toEqual([]);
    expect(tabB.run(run.runId)).toBeUndefined();

    // Tab A closes: its runs stop and the browser releases its locks.
    tabA.halt();
    await expect(run.done).rejects.toThrow();
    const taken = await until(() => tabB.run(run.runId), 'tab B to take the run over');
    await tabB.decide(ask.key, { decision: 'approved' });
    expect((await taken.done).status).toBe('succeeded');
    expect(server.count(/^\/billing\/invoices$/).applied).toBe(1);
    const resumed = (await store.events(run.runId)).filter((e) => e.type === 'run.resumed');
    expect(resumed).toMatchObject([{ reason: 'taken over: the tab running it closed' }]);
    tabB.halt();
  });

  it('lets go of a run that finished in the other tab, and stops waiting when halted', async () => {
    const { locks, world, tabA, run, ask } = await startInTabA();
    const tabB = bareEngine(world);
    await tabB.resumeAll('opened');
    await tabA.decide(ask.key, { decision: 'approved' });
    expect((await run.done).status).toBe('succeeded');
    // B got the lock once A let go, saw the run finished, and released it again.
    await until(() => (locks.held.has(run.runId) ? undefined : true), 'the lock to be free');
    expect(tabB.run(run.runId)).toBeUndefined();
    expect(server.count(/^\/billing\/invoices$/).applied).toBe(1);
  });
});
