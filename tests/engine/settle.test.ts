import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Engine } from '../../src/engine/index.ts';
import { bareEngine } from './harness/bareEngine.ts';
import { billFlow, billInput } from './harness/billFlow.ts';
import { hookFlow } from './harness/hookFlow.ts';
import { TestServer } from './harness/testServer.ts';
import { until } from './harness/world.ts';

/**
 * A network that delivers the first request matching `path` and then drops the connection, so
 * the remote applied it and the caller never heard back.
 */
function dropsFirstAnswer(path: RegExp): typeof fetch {
  let dropped = false;
  return async (input, init) => {
    const answer = await fetch(input, init);
    const url = input instanceof Request ? input.url : input;
    if (!dropped && path.test(new URL(url).pathname)) {
      dropped = true;
      throw new TypeError('network connection lost');
    }
    return answer;
  };
}

describe('a run never ends while an effect of it has an unknown outcome', () => {
  let server: TestServer;
  let store: MemoryStore;
  beforeEach(async () => {
    server = await new TestServer().start();
    store = new MemoryStore();
  });
  afterEach(() => server.stop());

  /** Posts to the hook over a network that loses the answer; resolves at the question asked. */
  const postCutOff = async () => {
    const fetch = dropsFirstAnswer(/^\/hook/);
    const engine = bareEngine({ store, connections: {}, secrets: {}, fetch });
    const run = await engine.start(hookFlow(`${server.url}/hook`), {});
    return { engine, run, ask: await outcomeQuestion(engine, run.runId) };
  };
  const outcomeQuestion = (engine: Engine, runId: string) =>
    until(async () => {
      const pending = await engine.pendingApprovals(runId);
      return pending.find((p) => p.request.reason === 'outcome');
    }, 'the outcome question');

  it('asks whether a cut-off call that cannot be repeated happened before the run fails', async () => {
    const { engine, run, ask } = await postCutOff();
    expect(ask.request.title).toBe('Did "Post to Acme" happen?');
    expect(ask.request.preview).toMatch(/recorded as "happened, result not known"/);
    // Not ended: it waits for the answer.
    expect((await store.getRun(run.runId))?.status).toBe('waiting');
    expect((await store.effects(run.runId)).map((e) => e.status)).toEqual(['started']);

    await engine.decide(ask.key, { decision: 'approved' });
    const record = await run.done;
    expect(record.status).toBe('failed');
    const [effect] = await store.effects(run.runId);
    // Approved as is: it happened, and nobody knows its result (not an empty `{}` result).
    expect(effect).toMatchObject({ status: 'completed', output: null, resultUnknown: true });
    expect(server.count(/^\/hook/).requests).toBe(1);
  });

  it('records a call a person says did not happen as failed, without sending it again', async () => {
    const { engine, run, ask } = await postCutOff();
    await engine.decide(ask.key, { decision: 'rejected' });
    expect((await run.done).status).toBe('failed');
    expect((await store.effects(run.runId))[0]).toMatchObject({
      status: 'failed',
      error: { code: 'did-not-happen' },
    });
    expect(server.count(/^\/hook/).requests).toBe(1);
  });

  it('retries a deduping call with its key, and compensation then undoes it', async () => {
    const engine = bareEngine({
      store,
      connections: server.connections,
      secrets: { BILLING_API_KEY: 'sk_test_123' },
      fetch: dropsFirstAnswer(/^\/billing\/invoices$/),
    });
    const run = await engine.start(billFlow, billInput);
    const record = await run.done;
    // The invoice was applied once (the retry was deduplicated), then voided by compensation.
    expect(server.count(/^\/billing\/invoices$/)).toEqual({ requests: 2, applied: 1 });
    expect(server.count(/\/void$/).applied).toBe(1);
    expect(record.status).toBe('compensated');
    expect((await store.effects(run.runId)).every((e) => e.status === 'completed')).toBe(true);
  });
});
