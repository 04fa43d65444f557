import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOf, loadSnapshot } from '../../src/engine/checkpoint.ts';
import type { RunRecord } from '../../src/engine/index.ts';
import type { Core } from '../../src/server/core.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { signBody } from '../../src/server/service/webhooks.ts';
import { queues } from '../../src/server/dispatch/queue.ts';
import { deployFlow } from '../../src/server/store/flows.ts';
import { chainFlow, CountingRemote, invoicesThenRefusedFlow, plainFlow } from './fixtures.ts';
import { flow as flowOf, link, node } from '../unit/build.ts';
import { eventually } from './poll.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { Workers } from './workers.ts';

/**
 * The kill campaign on a real PostgreSQL with two `aios worker` processes: the worker holding a
 * run is killed with SIGKILL at random moments and while the remote is applying an effect (after
 * `effect.started`, before `completed`), while parked on an approval (its own or its subflow's);
 * a replacement is started each time. Bounded: a few runs of a short flow, a few kills each, jobs
 * expiring after 2 s.
 */
const steps = 5;
const flow = chainFlow('kill-chain', steps);
const hookSecret = 'kill-test-hook-secret';
const approveFlow = chainFlow('kill-approve', 3, true, [{ type: 'webhook', secret: 'HOOK' }]);
let server: TestPostgres;
let api: RunningServer;
let core: Core;
let remote: CountingRemote;
let workers: Workers;
let dir: string;

beforeAll(async () => {
  server = await startPostgres();
  remote = await new CountingRemote().start();
  remote.delayMs = 100;
  dir = mkdtempSync(join(tmpdir(), 'aios-kill-'));
  const connections = join(dir, 'connections.json');
  writeFileSync(
    connections,
    JSON.stringify({
      crm: { baseUrl: `${remote.url}/crm` },
      billing: { baseUrl: `${remote.url}/billing` },
    }),
  );
  // This process is `aios serve --database … --workers 0`: the API only; the workers run.
  api = await startServer({
    database: { kind: 'postgres', url: server.url },
    dataDir: dir,
    workers: 0,
    timing: { expireInSeconds: 2, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 },
    host: '127.0.0.1',
    port: 0,
    appOrigins: [],
    env: {},
  });
  core = api.core;
  await deployFlow(core.db, flow, Date.now());
  await deployFlow(core.db, approveFlow, Date.now());
  await core.secrets.put('HOOK', hookSecret, Date.now());
  workers = new Workers([
    '--database',
    server.url,
    '--workers',
    '1',
    '--connections',
    connections,
    '--job-expiry',
    '2',
  ]);
  await Promise.all([workers.spawn(), workers.spawn()]);
}, 120_000);

afterAll(async () => {
  await workers?.stopAll();
  await api?.close();
  await remote?.stop();
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function finished(runId: string): Promise<RunRecord> {
  return eventually(
    async () => {
      const record = await core.store.getRun(runId);
      return record && record.status !== 'running' && record.status !== 'waiting'
        ? record
        : undefined;
    },
    `run ${runId} to finish`,
    90_000,
  );
}

/** What a run left: its record, node outputs, and a check that its log has no gaps. */
async function outcome(runId: string) {
  const record = await finished(runId);
  const events = await core.store.events(runId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const effects = await core.store.effects(runId);
  const last = await loadSnapshot(core.store, runId);
  return {
    status: record.status,
    result: record.result,
    outputs: last && contextOf(last.snapshot).nodes,
    effects: effects.map((e) => [e.nodeId, e.status, e.output]),
    keys: effects.map((e) => e.key),
    resumed: events.filter((e) => e.type === 'run.resumed').length,
  };
}

const start = (runId: string) =>
  core.boss.send(
    queues.run,
    { runId, start: { flowId: flow.id, input: { contact: 'pat' } } },
    { singletonKey: runId },
  );

/** Approves `key` through the API, as the app's inbox does; the answer's HTTP status. */
async function approveOverHttp(key: string): Promise<number> {
  const answer = await fetch(`${api.url}/api/approvals/${encodeURIComponent(key)}/decision`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${api.newToken ?? ''}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ decision: 'approved' }),
  });
  return answer.status;
}

/** Kills whichever worker holds the run, and starts another in its place. */
async function killHolder(): Promise<boolean> {
  const holder = await workers.holder(core.db);
  if (!holder) return false;
  await workers.kill(holder);
  void workers.spawn();
  return true;
}

describe('kill -9 of the worker holding a run, on PostgreSQL', () => {
  let webhookRun = '';
  let baseline: Awaited<ReturnType<typeof outcome>>;

  it('runs uncrashed first, for the state crashed runs must end in', async () => {
    await start('calm');
    baseline = await outcome('calm');
    expect(baseline.status).toBe('succeeded');
    expect(baseline.effects).toHaveLength(steps);
    expect(baseline.resumed).toBe(0);
  }, 60_000);

  it('applies every effect once when killed while the remote applies one', async () => {
    let kills = 0;
    remote.onApply = async (key) => {
      // The second and fourth effects: the ledger says started, the remote has applied it, and
      // the worker dies before it hears back.
      if (!key.includes('crashed-mid') || !/log[24]/.test(key) || kills >= 2) return;
      if (await killHolder()) kills++;
    };
    try {
      await start('crashed-mid');
      const crashed = await outcome('crashed-mid');
      expect(kills).toBe(2);
      expect(crashed.resumed).toBeGreaterThanOrEqual(2);
      expect({ ...crashed, keys: [], resumed: 0 }).toEqual({ ...baseline, keys: [], resumed: 0 });
      for (const key of crashed.keys) expect(remote.applied.get(key), key).toBe(1);
    } finally {
      remote.onApply = () => undefined;
    }
  }, 120_000);

  it('applies every effect once when killed at random moments', async () => {
    await start('crashed-random');
    let kills = 0;
    for (let i = 0; i < 2; i++) {
      // Wait for a worker to hold the run, then strike at a random moment of its work.
      const held = await eventually(async () => {
        const record = await core.store.getRun('crashed-random');
        if (record && record.status !== 'running') return false;
        return (await workers.holder(core.db)) ? true : undefined;
      }, 'a worker to take the run');
      if (!held) break;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 250));
      if (await killHolder()) kills++;
    }
    const crashed = await outcome('crashed-random');
    expect(kills).toBeGreaterThan(0);
    expect({ ...crashed, keys: [], resumed: 0 }).toEqual({ ...baseline, keys: [], resumed: 0 });
    for (const key of crashed.keys) expect(remote.applied.get(key), key).toBe(1);
  }, 120_000);

  it('asks a person, never resends, when a call that cannot be repeated was cut off', async () => {
    const plain = plainFlow('kill-plain', `${remote.url}/plain`);
    await deployFlow(core.db, plain, Date.now());
    let killed = false;
    remote.onApply = async (key) => {
      if (key === 'plain:once' && !killed) killed = await killHolder();
    };
    try {
      const runId = 'cut-off';
      await core.boss.send(
        queues.run,
        { runId, start: { flowId: plain.id, input: { payload: { text: 'once' } } } },
        { singletonKey: runId },
      );
      const [question] = await eventually(
        async () => {
          const pending = await core.store.approvals({ runId, status: 'pending' });
          return pending.length > 0 ? pending : undefined;
        },
        'the outcome question',
        60_000,
      );
      expect(killed).toBe(true);
      expect(question!.key).toMatch(/^outcome:/);
      expect(question!.request.reason).toBe('outcome');
      expect(remote.applied.get('plain:once')).toBe(1);
      expect((await core.store.effects(runId)).map((e) => e.status)).toEqual(['started']);
      // The person says it happened, with its result: the run ends without calling again.
      await api.service.decide(question!.key, { decision: 'approved', subject: { done: 'once' } });
      const record = await finished(runId);
      expect(record.status).toBe('succeeded');
      expect(remote.applied.get('plain:once')).toBe(1);
    } finally {
      remote.onApply = () => undefined;
    }
  }, 90_000);

  it('voids each invoice once when killed while a compensation is applied', async () => {
    const refused = invoicesThenRefusedFlow('kill-compensate', 3);
    await deployFlow(core.db, refused, Date.now());
    const run = (runId: string) =>
      core.boss.send(
        queues.run,
        {
          runId,
          start: {
            flowId: refused.id,
            input: { tag: runId, lines: [{ description: 'work', quantity: 1, unitPrice: 100 }] },
          },
        },
        { singletonKey: runId },
      );
    const invoices = (tag: string) => [1, 2, 3].map((i) => `inv_${tag}-${i}`);

    await run('undo-calm');
    const calm = await outcome('undo-calm');
    expect(calm.status).toBe('compensated');
    for (const id of invoices('undo-calm')) expect(remote.voided.get(id), id).toBe(1);

    // Newest first: invoice 3 is voided, then the worker dies as the remote voids invoice 2.
    let killed = false;
    remote.onApply = async () => {
      if (killed || remote.voided.get('inv_undo-crashed-2') !== 1) return;
      killed = await killHolder();
    };
    try {
      await run('undo-crashed');
      const crashed = await outcome('undo-crashed');
      expect(killed).toBe(true);
      expect(crashed.resumed).toBeGreaterThanOrEqual(1);
      expect(crashed.status).toBe('compensated');
      for (const id of invoices('undo-crashed')) expect(remote.voided.get(id), id).toBe(1);
      for (const effect of await core.store.effects('undo-crashed'))
        if (effect.status === 'completed')
          expect(remote.applied.get(effect.key), effect.key).toBe(1);
      // The same end as the uncrashed run: every invoice made once and undone once.
      const undone = async (runId: string) =>
        (await core.store.effects(runId)).map((e) => [e.nodeId, e.status, !!e.compensatedBy]);
      expect(await undone('undo-crashed')).toEqual(await undone('undo-calm'));
      const events = await core.store.events('undo-crashed');
      const completed = events.flatMap((e) =>
        e.type === 'compensation.completed' ? [e.node] : [],
      );
      expect(completed.sort()).toEqual(['invoice1', 'invoice2', 'invoice3']);
    } finally {
      remote.onApply = () => undefined;
    }
  }, 120_000);

  it('serves a webhook: a bad signature makes no run, three deliveries of one id make one', async () => {
    const body = JSON.stringify({ contact: 'pat' });
    const hook = (signature: string, delivery: string) =>
      fetch(`${api.url}/hooks/${approveFlow.id}`, {
        method: 'POST',
        body,
        headers: { 'x-signature-256': signature, 'idempotency-key': delivery },
      });
    const before = (await core.store.listRuns({ flowId: approveFlow.id })).length;
    expect((await hook(signBody('wrong-secret-entirely', body), 'bad')).status).toBe(401);
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(
        (await (await hook(signBody(hookSecret, body), 'once')).json()) as { runId: string },
      );
    expect(new Set(answers.map((a) => a.runId)).size).toBe(1);
    const runId = answers[0]!.runId;
    await eventually(() => core.store.getRun(runId), 'the webhook run');
    expect((await core.store.listRuns({ flowId: approveFlow.id })).length).toBe(before + 1);
    webhookRun = runId;
  }, 60_000);

  it('parks on an approval, loses the worker that ran it, and the other worker applies the decision', async () => {
    const runId = webhookRun;
    const parkedBy = () =>
      [...workers.alive].find((w) => w.lines.some((l) => l.includes(`run ${runId} parked`)));
    // The lock goes before the worker's "parked" line reaches this process: wait for both.
    const [approval] = await eventually(async () => {
      const pending = await core.store.approvals({ runId, status: 'pending' });
      return pending.length > 0 && !(await workers.holder(core.db)) && parkedBy()
        ? pending
        : undefined;
    }, 'the run to park');
    const driver = parkedBy();
    expect(driver).toBeDefined();
    await workers.kill(driver!);
    expect(await approveOverHttp(approval!.key)).toBe(202);
    const done = await outcome(runId);
    expect(done.status).toBe('succeeded');
    expect(done.effects).toHaveLength(3);
    for (const key of done.keys) expect(remote.applied.get(key), key).toBe(1);
    const events = await core.store.events(runId);
    expect(events.filter((e) => e.type === 'approval.decided')).toHaveLength(1);
    void workers.spawn();
  }, 60_000);

  it('loses the worker between storing an approval and logging it; asked once, decided once', async () => {
    const runId = 'approval-window';
    // The window is milliseconds wide: a trigger holds the commit of this run's
    // `approval.requested` open for a while, after the approval itself was stored, with the
    // run's lock still held. Killed then, the step's events never commit.
    await core.db.query(`
      CREATE OR REPLACE FUNCTION test_hold_approval_event() RETURNS trigger AS $$
      BEGIN
        IF NEW.run_id = '${runId}' AND NEW.event->>'type' = 'approval.requested' THEN
          PERFORM pg_sleep(3);
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER test_hold_approval_event AFTER INSERT ON aios_events
        FOR EACH ROW EXECUTE FUNCTION test_hold_approval_event();`);
    try {
      await core.boss.send(
        queues.run,
        { runId, start: { flowId: approveFlow.id, input: { contact: 'pat' } } },
        { singletonKey: runId },
      );
      const held = await eventually(async () => {
        const pending = await core.store.approvals({ runId, status: 'pending' });
        const holder = await workers.holder(core.db);
        return pending.length > 0 && holder ? holder : undefined;
      }, 'the approval stored while the run is held');
      const logged = await core.store.events(runId);
      expect(logged.some((e) => e.type === 'approval.requested')).toBe(false);
      await workers.kill(held);
      void workers.spawn();
    } finally {
      await core.db.query(
        'DROP TRIGGER IF EXISTS test_hold_approval_event ON aios_events; DROP FUNCTION IF EXISTS test_hold_approval_event();',
      );
    }

    // Another worker takes the run over and parks it on the same approval; a person decides.
    const parked = await eventually(async () => {
      const events = await core.store.events(runId);
      const requested = events.some((e) => e.type === 'approval.requested');
      return requested && !(await workers.holder(core.db)) ? true : undefined;
    }, 'the run to park again');
    expect(parked).toBe(true);
    const approvals = await core.store.approvals({ runId });
    expect(approvals).toHaveLength(1);
    expect(await approveOverHttp(approvals[0]!.key)).toBe(202);
    const done = await outcome(runId);
    expect(done.status).toBe('succeeded');
    expect(done.effects).toHaveLength(3);
    for (const key of done.keys) expect(remote.applied.get(key), key).toBe(1);
    const events = await core.store.events(runId);
    for (const type of ['approval.requested', 'approval.decided'])
      expect(
        events.filter((e) => e.type === type),
        type,
      ).toHaveLength(1);
    expect(done.resumed).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('loses the worker in a subflow and while it is parked; caller and subflow end once', async () => {
    const log = (id: string, text: string) =>
      node(id, 'capability', {
        capability: 'crm.logActivity',
        input: { contact: 'pat', type: 'note', text },
      });
    const child = flowOf(
      'kill-sub-child',
      [
        node('s', 'start'),
        log('prep', 'prep'),
        node('ask', 'approval', { title: 'Send it?' }),
        log('after', 'after'),
        node('o', 'output', { value: '$nodes.after', status: 'succeeded' }),
      ],
      [
        link('s', 'prep'),
        link('prep', 'ask'),
        link('ask', 'after', 'approved'),
        link('after', 'o'),
      ],
    );
    const caller = flowOf(
      'kill-sub-caller',
      [
        node('s', 'start'),
        log('before', 'before'),
        node('sub', 'subflow', { flow: child.id, input: '{}' }),
        node('o', 'output', { value: '$nodes.sub', status: 'succeeded' }),
      ],
      [link('s', 'before'), link('before', 'sub'), link('sub', 'o')],
    );
    await deployFlow(core.db, child, Date.now());
    await deployFlow(core.db, caller, Date.now());
    const childOf = (runId: string) => `${runId}/sub/1`;
    const pendingOf = async (runId: string) => {
      const pending = await core.store.approvals({ runId: childOf(runId), status: 'pending' });
      return pending.length > 0 ? pending : undefined;
    };
    const start = (runId: string) =>
      core.boss.send(
        queues.run,
        { runId, start: { flowId: caller.id, input: {} } },
        { singletonKey: runId },
      );
    /** Both runs' ends, every effect applied once, each approval asked and decided once. */
    const ended = async (runId: string) => {
      const [top, sub] = [await outcome(runId), await outcome(childOf(runId))];
      for (const key of [...top.keys, ...sub.keys]) expect(remote.applied.get(key), key).toBe(1);
      const events = await core.store.events(childOf(runId));
      for (const type of ['approval.requested', 'approval.decided'])
        expect(
          events.filter((e) => e.type === type),
          type,
        ).toHaveLength(1);
      expect(await core.store.approvals({ runId: childOf(runId) })).toHaveLength(1);
      const bare = (o: typeof top) => ({ ...o, keys: [], resumed: 0 });
      // The subflow's outputs may differ in one thing only: when the person decided.
      const { ask, ...nodes } = sub.outputs ?? {};
      const subOutputs = { ...nodes, ask: { ...(ask as object), at: 'when decided' } };
      return { top: bare(top), sub: { ...bare(sub), outputs: subOutputs }, resumed: top.resumed };
    };

    await start('sub-calm');
    const [calmAsk] = await eventually(() => pendingOf('sub-calm'), 'the calm approval');
    await api.service.decide(calmAsk!.key, { decision: 'approved' });
    const calm = await ended('sub-calm');
    expect(calm.top.status).toBe('succeeded');
    expect(calm.sub.effects).toHaveLength(2);

    const runId = 'sub-crashed';
    const parkedLine = (w: { lines: string[] }) =>
      w.lines.some((l) => l.includes(`run ${runId} parked`));
    // The subflow's effect before its approval: the worker dies as the remote applies it, so
    // another resumes the caller, whose step resumes the subflow's run, which then parks.
    let struck = false;
    remote.onApply = async (key) => {
      if (!struck && key.includes(childOf(runId)) && key.includes('prep'))
        struck = await killHolder();
    };
    try {
      await start(runId);
      // Parked by a worker that let go of it: that one dies too, and a decision comes.
      const driver = await eventually(async () => {
        if (!(await pendingOf(runId)) || (await workers.holder(core.db))) return undefined;
        return [...workers.alive].find(parkedLine);
      }, 'the caller to park');
      await workers.kill(driver);
      void workers.spawn();
    } finally {
      remote.onApply = () => undefined;
    }
    expect(struck).toBe(true);
    const [ask] = (await pendingOf(runId))!;
    expect(await approveOverHttp(ask!.key)).toBe(202);
    const crashed = await ended(runId);
    expect(crashed.resumed).toBeGreaterThanOrEqual(1);
    expect({ ...crashed, resumed: 0 }).toEqual({ ...calm, resumed: 0 });
  }, 120_000);
});
