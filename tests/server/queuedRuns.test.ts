import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/server/core.ts';
import { RunWorker } from '../../src/server/dispatch/worker.ts';
import { valueOf, type RunSummary, type StreamMessage } from '../../src/protocol/index.ts';
import { engineHost } from '../../src/server/service/engineHost.ts';
import { ServiceError } from '../../src/server/service/errors.ts';
import { WorkspaceService } from '../../src/server/service/workspace.ts';
import { deployedFlow } from '../../src/server/store/flows.ts';
import { chainFlow, CountingRemote } from './fixtures.ts';
import { eventually } from './poll.ts';

const flow = chainFlow('queued-chain', 2);
let core: Core;
let remote: CountingRemote;
let service: WorkspaceService;
let ids = 0;

beforeAll(async () => {
  remote = await new CountingRemote().start();
  // No workers at first: a run asked for stays queued until the test starts one.
  core = await openCore({
    key: randomBytes(32),
    database: { kind: 'pglite', dataDir: 'memory://' },
    workers: 0,
    connections: { crm: { baseUrl: `${remote.url}/crm` } },
  });
  service = new WorkspaceService(core, () => `run-${++ids}`);
  await service.deploy({ flow });
}, 60_000);
afterAll(async () => {
  await core?.close();
  await remote?.stop();
});

/** A worker in this process, started late (the core has none). */
async function startWorker(): Promise<RunWorker> {
  const worker = new RunWorker({
    boss: core.boss,
    store: core.store,
    engine: core.engine,
    loadFlow: async (id) => (await deployedFlow(core.db, id))?.flow,
    concurrency: 1,
    pollingIntervalSeconds: 0.5,
    heldRetrySeconds: 1,
  });
  await worker.start();
  return worker;
}

const notes = async () =>
  (await core.db.query('SELECT run_id FROM aios_queued_runs ORDER BY run_id')).rows.map(
    (r) => r['run_id'],
  );

describe('a run asked for before a worker takes it', () => {
  it('is queued by its id and in listings, then its record takes over', async () => {
    const { runId } = await service.startRun(flow.id, { input: { contact: 'ada' } });
    const queued = await service.run(runId);
    expect(queued).toMatchObject({ id: runId, flowId: flow.id, status: 'queued', reason: 'api' });
    expect(queued.flowName).toBe(flow.name);
    expect(queued.startedAt).toBeUndefined();
    expect((await service.runs({})).map((r) => [r.id, r.status])).toEqual([[runId, 'queued']]);
    expect(await service.runs({ status: 'succeeded' })).toEqual([]);
    expect((await service.runs({ status: 'queued,failed' })).map((r) => r.id)).toEqual([runId]);
    expect(await service.runs({ flowId: 'another' })).toEqual([]);
    // Events of a queued run: none yet, rather than "no such run".
    expect(await service.events(runId, {})).toEqual([]);
    await expect(service.run('run-that-never-was')).rejects.toThrow(ServiceError);

    const worker = await startWorker();
    try {
      const done = await eventually(async () => {
        const run = await service.run(runId);
        return run.status === 'succeeded' ? run : undefined;
      }, 'the queued run to be taken and end');
      expect(done.startedAt).toEqual(expect.any(Number));
      expect(done.queuedAt).toBeUndefined();
      expect((await service.runs({})).map((r) => [r.id, r.status])).toEqual([[runId, 'succeeded']]);
      expect(await notes()).toEqual([]);
      expect([...remote.applied.values()]).toEqual([1, 1]);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it('is not noted when queueing it fails', async () => {
    await expect(service.startRun(flow.id, { input: {} })).rejects.toThrow(/contact/);
    await expect(service.startRun('not-deployed', { input: {} })).rejects.toThrow(/deployed/);
    expect(await notes()).toEqual([]);
  });
});

describe('a queued run, as the app sees it', () => {
  it('is listed and announced on the stream, then its record replaces it', async () => {
    const host = await engineHost(core, service);
    const heard: StreamMessage[] = [];
    const off = host.hub.subscribe((message) => heard.push(message));
    const notices = (runId: string) =>
      heard.flatMap((m) => (m.kind === 'record' && m.run.id === runId ? [m.run] : []));
    let worker: RunWorker | undefined;
    try {
      const { runId } = await valueOf(host.api.start({ flow, input: { contact: 'lin' } }));
      const listed = await valueOf(host.api.runs({ flowId: flow.id }));
      const asked = listed.find((r) => r.id === runId);
      expect(asked).toMatchObject({ status: 'queued', reason: 'api', flowName: flow.name });
      expect(asked?.startedAt).toBe(asked?.updatedAt);
      // No record until a worker takes it: the app shows the listing's row and waits.
      expect(await valueOf(host.api.run({ runId }))).toBeNull();
      const announced = await eventually(
        () => Promise.resolve(notices(runId).find((r) => r.status === 'queued')),
        'the queued run announced on the stream',
      );
      expect(announced).toEqual(asked);

      worker = await startWorker();
      const ended = await eventually(
        () => Promise.resolve(notices(runId).find((r: RunSummary) => r.status === 'succeeded')),
        'the run record announced once it ended',
      );
      expect(ended.startedAt).toBeGreaterThanOrEqual(asked!.startedAt);
      const after = await valueOf(host.api.runs({ flowId: flow.id }));
      expect(after.filter((r) => r.id === runId).map((r) => r.status)).toEqual(['succeeded']);
    } finally {
      off();
      await worker?.stop();
      await host.close();
    }
  }, 60_000);
});

describe('a fork', () => {
  it('is written with its job in one transaction, or not at all', async () => {
    const { runId: source } = await service.startRun(flow.id, { input: { contact: 'grace' } });
    let worker = await startWorker();
    await eventually(
      async () => (await service.run(source)).status === 'succeeded' || undefined,
      'the source run to end',
    );
    await worker.stop();
    const events = await core.store.events(source);
    const at = events.find((e) => e.type === 'node.succeeded')?.seq ?? 0;

    // The queue refuses the job: the fork's record, event and checkpoint are rolled back with it.
    const refusing = new WorkspaceService(
      { ...core, boss: { send: () => Promise.reject(new Error('the queue is down')) } as never },
      () => 'fork-refused',
    );
    await expect(refusing.fork(source, at, {})).rejects.toThrow('the queue is down');
    expect(await core.store.getRun('fork-refused')).toBeUndefined();
    expect(await core.store.events('fork-refused')).toEqual([]);
    expect(await core.store.checkpoint('fork-refused')).toBeUndefined();

    const { runId: fork } = await service.fork(source, at, {});
    expect(await core.store.events(fork)).toMatchObject([{ type: 'run.forked', from: source }]);
    worker = await startWorker();
    try {
      const done = await eventually(async () => {
        const run = await service.run(fork);
        return run.status === 'succeeded' ? run : undefined;
      }, 'the fork to be driven by its job');
      expect(done.id).toBe(fork);
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
