import { describe, expect, it } from 'vitest';
import { EngineError, MemoryStore, type Engine } from '../../src/engine/index.ts';
import { flow, link, node } from '../unit/build.ts';
import { bareEngine } from './harness/bareEngine.ts';
import { until } from './harness/world.ts';

// start → a review someone must approve → the end.
const reviewed = flow(
  'stop-review',
  [
    node('start', 'start'),
    node('review', 'approval', { title: 'Check it' }),
    node('end', 'output'),
  ],
  [link('start', 'review'), link('review', 'end', 'approved')],
);

const engineOver = (store: MemoryStore) => bareEngine({ store, connections: {}, secrets: {} });

async function waitingRun(engine: Engine) {
  const run = await engine.start(reviewed, {});
  const ask = await until(async () => (await engine.pendingApprovals(run.runId))[0], 'the review');
  await run.flushed();
  return { run, ask };
}

async function refusal(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EngineError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('stopping a run closes its open approvals', () => {
  it('takes a running run’s approval out of the inbox, logs it, and refuses a late decision', async () => {
    const store = new MemoryStore();
    const engine = engineOver(store);
    const { run, ask } = await waitingRun(engine);

    const stopped = await engine.stop(run.runId, 'not needed');
    expect(stopped.status).toBe('stopped');
    expect(await engine.pendingApprovals()).toEqual([]);
    expect(await store.getApproval(ask.key)).toMatchObject({
      status: 'closed',
      closed: { reason: 'its run was stopped: not needed' },
    });
    const log = await store.events(run.runId);
    const types = log.map((e) => e.type);
    // Closed before the run's last word, so the log ends with `run.stopped`.
    expect(types.slice(-2)).toEqual(['approval.closed', 'run.stopped']);
    expect(log.at(-2)).toMatchObject({
      node: 'review',
      key: ask.key,
      reason: 'its run was stopped: not needed',
    });

    const late = await refusal(engine.decide(ask.key, { decision: 'approved' }));
    expect(late.code).toBe('approval-closed');
    expect(late.message).toContain('"Check it"');
    expect(late.message).toContain('stopped');
    // Nothing was decided or appended after the stop.
    expect((await store.events(run.runId)).length).toBe(log.length);
    expect((await store.getApproval(ask.key))?.decision).toBeUndefined();
  });

  it('closes the approval of a run stopped after a restart (resumed only to be stopped)', async () => {
    const store = new MemoryStore();
    const first = engineOver(store);
    const { run, ask } = await waitingRun(first);
    first.halt();

    const second = engineOver(store);
    await second.stop(run.runId);
    expect(await second.pendingApprovals()).toEqual([]);
    expect((await store.getApproval(ask.key))?.status).toBe('closed');
    expect((await store.events(run.runId)).map((e) => e.type).slice(-2)).toEqual([
      'approval.closed',
      'run.stopped',
    ]);
    const late = await refusal(second.decide(ask.key, { decision: 'rejected' }));
    expect(late.code).toBe('approval-closed');
  });

  it('closes an approval left pending by a stop cut off before it could close it', async () => {
    const store = new MemoryStore();
    const engine = engineOver(store);
    const { run, ask } = await waitingRun(engine);
    await engine.stop(run.runId);
    // As if the stop died after the run's record was written and before the approval was.
    await store.putApproval({ ...ask, status: 'pending' });

    const late = await refusal(engineOver(store).decide(ask.key, { decision: 'approved' }));
    expect(late.code).toBe('approval-closed');
    expect(await store.approvals({ status: 'pending' })).toEqual([]);
  });

  it('finishes a stop cut off after it closed the approvals, when the run resumes', async () => {
    const store = new MemoryStore();
    const first = engineOver(store);
    const { run, ask } = await waitingRun(first);
    first.halt();
    // As if the stop died after closing the approval and before the run was stopped.
    await store.putApproval({
      ...ask,
      status: 'closed',
      closed: { reason: 'its run was stopped: cut off', at: 0 },
    });

    const [resumed] = await engineOver(store).resumeAll();
    expect((await resumed!.done).status).toBe('stopped');
    const log = await store.events(run.runId);
    expect(log.map((e) => e.type).slice(-2)).toEqual(['approval.closed', 'run.stopped']);
    expect(log.filter((e) => e.type === 'approval.requested')).toHaveLength(1);
  });
});
