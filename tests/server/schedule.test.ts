import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/index.ts';
import { openCore, type Core } from '../../src/server/core.ts';
import { queues, runJob } from '../../src/server/dispatch/queue.ts';
import { Scheduler } from '../../src/server/dispatch/scheduler.ts';
import { WorkspaceService } from '../../src/server/service/workspace.ts';
import { deployFlow } from '../../src/server/store/flows.ts';
import { chainFlow } from './fixtures.ts';

const hour = 3_600_000;
// Monday 5 January 2026, 07:00 in Berlin; the schedules fire on Mondays at 9:00 Berlin time.
const clock = new ManualClock(Date.UTC(2026, 0, 5, 6));
const weekly = (missed: 'skip' | 'run-once') => ({
  type: 'schedule',
  cron: '0 9 * * 1',
  timezone: 'Europe/Berlin',
  missed,
  input: { contact: 'weekly' },
});
const skipping = chainFlow('weekly-skip', 1, false, [weekly('skip')]);
const catchingUp = chainFlow('weekly-once', 1, false, [weekly('run-once')]);
let core: Core;
let scheduler: Scheduler;

beforeAll(async () => {
  // No workers: the test reads what the scheduler queued.
  core = await openCore({
    key: randomBytes(32),
    database: { kind: 'pglite', dataDir: 'memory://' },
    workers: 0,
    clock,
  });
  await deployFlow(core.db, skipping, clock.now());
  await deployFlow(core.db, catchingUp, clock.now());
  scheduler = new Scheduler(core.db, core.boss, clock);
}, 60_000);
afterAll(() => core?.close());

/** The run jobs queued since the last look, as run id and input. */
async function queued(): Promise<string[]> {
  const jobs = await core.boss.fetch(queues.run, { batchSize: 20 });
  return jobs
    .map((job) => runJob.parse(job.data))
    .map((job) => `${job.runId} ${JSON.stringify(job.start?.input)}`)
    .sort();
}

describe('schedules on an injected clock', () => {
  it('fires a schedule once at its time, in its time zone', async () => {
    expect(await scheduler.tick()).toEqual([]);
    clock.advance(2 * hour - 1_000); // 08:59:59 in Berlin
    expect(await scheduler.tick()).toEqual([]);
    clock.advance(31_000); // 09:00:30 in Berlin, 08:00:30 UTC
    const fired = await scheduler.tick();
    expect(fired.sort()).toEqual([
      'schedule:weekly-once:0:2026-01-05T08:00:00.000Z',
      'schedule:weekly-skip:0:2026-01-05T08:00:00.000Z',
    ]);
    expect(await scheduler.tick()).toEqual([]);
    expect(await queued()).toEqual(fired.sort().map((id) => `${id} {"contact":"weekly"}`));
    // Asked for and not taken yet: each id answers as queued by its schedule.
    const service = new WorkspaceService(core);
    for (const id of fired)
      expect(await service.run(id)).toMatchObject({ status: 'queued', reason: 'schedule' });
  });

  it('follows each flow’s rule for firings missed while the server was down', async () => {
    // Down from Monday 5 January, 09:00:30 until Monday 19 January, 09:30 (Berlin): two firings
    // missed, the second half an hour late.
    clock.advance(14 * 24 * hour + 29.5 * 60_000);
    const fired = await scheduler.tick();
    expect(fired).toEqual(['schedule:weekly-once:0:2026-01-19T08:00:00.000Z']);
    expect(await queued()).toEqual([
      'schedule:weekly-once:0:2026-01-19T08:00:00.000Z {"contact":"weekly"}',
    ]);
    // Back on time the next Monday: both fire again.
    clock.advance(7 * 24 * hour - 29 * 60_000);
    expect((await scheduler.tick()).sort()).toEqual([
      'schedule:weekly-once:0:2026-01-26T08:00:00.000Z',
      'schedule:weekly-skip:0:2026-01-26T08:00:00.000Z',
    ]);
  });
});
