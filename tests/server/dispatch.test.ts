import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/server/core.ts';
import { queues } from '../../src/server/dispatch/queue.ts';
import { deployFlow } from '../../src/server/store/flows.ts';
import { recordDecision } from '../../src/server/store/decisions.ts';
import { eventually as until } from './poll.ts';
import { chainFlow, CountingRemote } from './fixtures.ts';

let core: Core;
let remote: CountingRemote;
beforeAll(async () => {
  remote = await new CountingRemote().start();
  core = await openCore({
    key: randomBytes(32),
    database: { kind: 'pglite', dataDir: 'memory://' },
    workers: 2,
    timing: { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 },
    connections: { crm: { baseUrl: `${remote.url}/crm` } },
  });
}, 60_000);
afterAll(async () => {
  await core?.close();
  await remote?.stop();
});

describe('dispatch through pg-boss on PGlite', () => {
  it('starts a run from a job, parks it on an approval, and ends it after a decision job', async () => {
    const flow = chainFlow('approve-chain', 3, true);
    await deployFlow(core.db, flow, Date.now());
    const start = { flowId: flow.id, input: { contact: 'pat' } };
    await core.boss.send(queues.run, { runId: 'r1', start }, { singletonKey: 'r1' });
    const [pending] = await until(
      async () => {
        const list = await core.store.approvals({ runId: 'r1', status: 'pending' });
        return list.length > 0 ? list : undefined;
      },
      'the approval request',
      20_000,
    );
    // Parked: the worker let the run go, so nothing holds it here.
    await until(() => (core.engine.run('r1') ? undefined : true), 'the run to park', 20_000);
    expect((await core.store.getRun('r1'))?.status).toBe('waiting');
    expect([...remote.applied.values()]).toEqual([1]);

    expect(await recordDecision(core.db, pending!.key, { decision: 'approved' }, 1)).toBe(true);
    expect(await recordDecision(core.db, pending!.key, { decision: 'rejected' }, 2)).toBe(false);
    await core.boss.send(queues.decide, { key: pending!.key }, { singletonKey: pending!.key });
    const record = await until(
      async () => {
        const run = await core.store.getRun('r1');
        return run?.status === 'succeeded' ? run : undefined;
      },
      'the run to finish',
      20_000,
    );
    expect(record.status).toBe('succeeded');
    expect((await core.store.getApproval(pending!.key))?.decision?.decision).toBe('approved');
    expect(remote.applied.size).toBe(3);
    expect([...remote.applied.values()].every((n) => n === 1)).toBe(true);
    const seqs = (await core.store.events('r1')).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }, 60_000);
});
