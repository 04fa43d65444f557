import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/server/core.ts';
import { queues } from '../../src/server/dispatch/queue.ts';
import { deployFlow } from '../../src/server/store/flows.ts';
import { recordDecision } from '../../src/server/store/decisions.ts';
import { eventually as until } from './poll.ts';
import { chainFlow, CountingRemote } from './fixtures.ts';
import { flow, link, node } from '../unit/build.ts';

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

  it('parks a run whose subflow waits on a person, and finishes both after the decision', async () => {
    const child = flow(
      'park-child',
      [node('s', 'start'), node('ok', 'approval', { title: 'Send it?' }), node('o', 'output')],
      [link('s', 'ok'), link('ok', 'o', 'approved')],
    );
    const parent = flow(
      'park-parent',
      [node('s', 'start'), node('sub', 'subflow', { flow: child.id }), node('o', 'output')],
      [link('s', 'sub'), link('sub', 'o')],
    );
    await deployFlow(core.db, child, Date.now());
    await deployFlow(core.db, parent, Date.now());
    const start = { flowId: parent.id, input: {} };
    await core.boss.send(queues.run, { runId: 'p1', start }, { singletonKey: 'p1' });
    const childId = 'p1/sub/1';
    const [pending] = await until(async () => {
      const list = await core.store.approvals({ runId: childId, status: 'pending' });
      return list.length > 0 ? list : undefined;
    }, "the subflow's approval");
    // Parked, both: the worker let go of the caller and of its subflow's run.
    await until(
      () => (core.engine.run('p1') || core.engine.run(childId) ? undefined : true),
      'the caller and its subflow to park',
    );
    expect((await core.store.getRun(childId))?.status).toBe('waiting');
    const parked = await core.store.events('p1');
    expect(parked.map((e) => e.type)).not.toContain('node.failed');

    expect(await recordDecision(core.db, pending!.key, { decision: 'approved' }, 1)).toBe(true);
    await core.boss.send(queues.decide, { key: pending!.key }, { singletonKey: pending!.key });
    const done = await until(async () => {
      const run = await core.store.getRun('p1');
      return run?.status === 'succeeded' ? run : undefined;
    }, 'the caller to finish');
    expect(done.error).toBeUndefined();
    expect(await core.store.getRun(childId)).toMatchObject({
      status: 'succeeded',
      caller: { runId: 'p1', nodeId: 'sub', visit: 1 },
    });
    for (const id of ['p1', childId]) {
      const events = await core.store.events(id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    }
    const childEvents = await core.store.events(childId);
    expect(childEvents.filter((e) => e.type === 'approval.requested')).toHaveLength(1);
    expect(childEvents.filter((e) => e.type === 'approval.decided')).toHaveLength(1);
  }, 60_000);
});
