import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOf, loadSnapshot } from '../../src/engine/checkpoint.ts';
import type { RunRecord } from '../../src/engine/index.ts';
import { openCore, type Core } from '../../src/server/core.ts';
import { queues } from '../../src/server/dispatch/queue.ts';
import { deployFlow } from '../../src/server/store/flows.ts';
import { chainFlow, CountingRemote } from './fixtures.ts';
import { eventually } from './poll.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { Workers } from './workers.ts';

/**
 * The kill campaign on a real PostgreSQL with two `aios worker` processes: the worker holding a
 * run is killed with SIGKILL at random moments and while the remote is applying an effect (after
 * `effect.started`, before `completed`); a replacement is started each time. Bounded: a few runs
 * of a short flow, a few kills each, jobs expiring after 2 s.
 */
const steps = 5;
const flow = chainFlow('kill-chain', steps);
let server: TestPostgres;
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
  writeFileSync(connections, JSON.stringify({ crm: { baseUrl: `${remote.url}/crm` } }));
  // This process only sends jobs and reads; the workers run.
  core = await openCore({
    key: randomBytes(32),
    database: { kind: 'postgres', url: server.url },
    workers: 0,
    timing: { expireInSeconds: 2, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 },
  });
  await deployFlow(core.db, flow, Date.now());
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
  await core?.close();
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

/** Kills whichever worker holds the run, and starts another in its place. */
async function killHolder(): Promise<boolean> {
  const holder = await workers.holder(core.db);
  if (!holder) return false;
  await workers.kill(holder);
  void workers.spawn();
  return true;
}

describe('kill -9 of the worker holding a run, on PostgreSQL', () => {
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
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 500));
      const record = await core.store.getRun('crashed-random');
      if (record && record.status !== 'running') break;
      if (await killHolder()) kills++;
    }
    const crashed = await outcome('crashed-random');
    expect(kills).toBeGreaterThan(0);
    expect({ ...crashed, keys: [], resumed: 0 }).toEqual({ ...baseline, keys: [], resumed: 0 });
    for (const key of crashed.keys) expect(remote.applied.get(key), key).toBe(1);
  }, 120_000);
});
