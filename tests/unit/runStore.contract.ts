import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EffectRecord } from '../../src/engine/contract/index.ts';
import type { RunEvent } from '../../src/engine/events.ts';
import {
  commitStep,
  type ApprovalRecord,
  type Checkpoint,
  type RunRecord,
  type RunStore,
} from '../../src/engine/store.ts';
import { flowShapeSchema } from '../../src/flow/index.ts';
import { RUN_RECORD_VERSION } from '../../src/engine/records.ts';
import { tinyFlow } from './helpers.ts';

/** Test fixtures are built here and then changed, to prove the store kept its own copy. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function makeRun(id: string, over: Partial<RunRecord> = {}): Mutable<RunRecord> {
  return {
    version: RUN_RECORD_VERSION,
    id,
    flowId: 'tiny',
    flowName: 'Tiny',
    // A flow as runs hold one: parsed, its defaults filled in.
    flow: flowShapeSchema.parse(tinyFlow()),
    input: { a: { deep: [1, 2, 3] } },
    status: 'running',
    startedAt: 1000,
    updatedAt: 1000,
    ...over,
  };
}

export function makeEvent(runId: string, seq: number): Mutable<RunEvent> {
  return {
    type: 'run.resumed',
    fromSeq: seq - 1,
    reason: `event ${seq} of ${runId}`,
    runId,
    seq,
    at: 5000 + seq,
    causedBy: seq > 1 ? seq - 1 : null,
  };
}

export function makeCheckpoint(runId: string, seq: number, tag = ''): Mutable<Checkpoint> {
  return { runId, seq, at: 7000 + seq, snapshot: { value: `at ${seq}${tag}`, context: { seq } } };
}

export function makeEffect(
  key: string,
  runId: string,
  over: Partial<EffectRecord> = {},
): Mutable<EffectRecord> {
  return {
    key,
    runId,
    nodeId: 'send',
    capability: 'email.send',
    status: 'started',
    input: { to: ['a@example.com'] },
    startedAt: 100,
    ...over,
  };
}

export function makeApproval(
  key: string,
  runId: string,
  createdAt: number,
  status: ApprovalRecord['status'] = 'pending',
): Mutable<ApprovalRecord> {
  return {
    key,
    runId,
    nodeId: 'approve',
    request: {
      key,
      runId,
      nodeId: 'approve',
      reason: 'node',
      title: `Approve ${key}`,
      preview: 'Send it?',
      subject: { body: 'hello' },
      allowEdit: true,
      expiresAt: null,
      onTimeout: 'hold',
    },
    status,
    createdAt,
  };
}

const seqs = (events: readonly RunEvent[]) => events.map((e) => e.seq);
const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
const keys = (records: readonly { key: string }[]) => records.map((r) => r.key);
const range = (runId: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => makeEvent(runId, from + i));

/** The behaviour every `RunStore` must share, run against each implementation. */
export function runStoreContract(name: string, make: () => Promise<RunStore> | RunStore): void {
  describe(`RunStore contract: ${name}`, () => {
    let store: RunStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(() => {
      (store as Partial<{ close(): void }>).close?.();
    });

    describe('runs', () => {
      it('returns undefined for an unknown run and what was put for a known one', async () => {
        expect(await store.getRun('nope')).toBeUndefined();
        const run = makeRun('r1', {
          error: { code: 'x', message: 'broke' },
          parent: { runId: 'r0', seq: 4 },
        });
        await store.putRun(run);
        expect(await store.getRun('r1')).toStrictEqual(run);
        expect(await store.getRun('r2')).toBeUndefined();
      });

      it('replaces a run when it is put again', async () => {
        await store.putRun(makeRun('r1'));
        const done = makeRun('r1', { status: 'succeeded', finishedAt: 2000, result: { ok: 1 } });
        await store.putRun(done);
        expect(await store.getRun('r1')).toStrictEqual(done);
        expect(ids(await store.listRuns())).toEqual(['r1']);
      });

      it('lists runs newest first, filtered by flow and status', async () => {
        await store.putRun(makeRun('b', { startedAt: 10, flowId: 'f1' }));
        await store.putRun(makeRun('c', { startedAt: 30, flowId: 'f2', status: 'failed' }));
        await store.putRun(makeRun('a', { startedAt: 20, flowId: 'f1', status: 'waiting' }));
        await store.putRun(makeRun('d', { startedAt: 5, flowId: 'f2', status: 'waiting' }));
        expect(ids(await store.listRuns())).toEqual(['c', 'a', 'b', 'd']);
        expect(ids(await store.listRuns({ flowId: 'f1' }))).toEqual(['a', 'b']);
        expect(ids(await store.listRuns({ status: ['waiting', 'failed'] }))).toEqual([
          'c',
          'a',
          'd',
        ]);
        expect(ids(await store.listRuns({ flowId: 'f2', status: ['waiting'] }))).toEqual(['d']);
        expect(await store.listRuns({ status: [] })).toEqual([]);
        expect(await store.listRuns({ flowId: 'none' })).toEqual([]);
      });

      it('keeps its own copy of runs', async () => {
        const run = makeRun('r1');
        await store.putRun(run);
        run.status = 'failed';
        (run.input as { a: { deep: number[] } }).a.deep.push(4);
        const got = (await store.getRun('r1')) as Mutable<RunRecord>;
        expect(got).toStrictEqual(makeRun('r1'));
        got.status = 'stopped';
        (got.input as { a: { deep: number[] } }).a.deep.length = 0;
        const [listed] = (await store.listRuns()) as Mutable<RunRecord>[];
        listed!.flowName = 'changed';
        expect(await store.getRun('r1')).toStrictEqual(makeRun('r1'));
      });
    });

    describe('events', () => {
      it('has no events and seq 0 for a run without a log', async () => {
        expect(await store.events('nope')).toEqual([]);
        expect(await store.lastSeq('nope')).toBe(0);
        await store.appendEvents([]);
        expect(await store.lastSeq('nope')).toBe(0);
      });

      it('appends events in order across calls and reports the last seq', async () => {
        await store.appendEvents(range('r1', 1, 3));
        await store.appendEvents(range('r1', 4, 5));
        expect(await store.events('r1')).toStrictEqual(range('r1', 1, 5));
        expect(await store.lastSeq('r1')).toBe(5);
      });

      it('keeps the logs of runs apart, also in one call and with similar ids', async () => {
        await store.appendEvents([makeEvent('r1', 1), makeEvent('r10', 1), makeEvent('r1', 2)]);
        await store.appendEvents(range('r', 1, 3));
        expect(seqs(await store.events('r1'))).toEqual([1, 2]);
        expect((await store.events('r1')).every((e) => e.runId === 'r1')).toBe(true);
        expect(seqs(await store.events('r10'))).toEqual([1]);
        expect(await store.lastSeq('r1')).toBe(2);
        expect(await store.lastSeq('r10')).toBe(1);
        expect(await store.lastSeq('r')).toBe(3);
      });

      it('returns an inclusive range of a log', async () => {
        await store.appendEvents(range('r1', 1, 8));
        await store.appendEvents(range('r2', 1, 8));
        expect(await store.events('r1', { from: 3, to: 5 })).toStrictEqual(range('r1', 3, 5));
        expect(seqs(await store.events('r1', { from: 6 }))).toEqual([6, 7, 8]);
        expect(seqs(await store.events('r1', { to: 2 }))).toEqual([1, 2]);
        expect(seqs(await store.events('r1', { from: 4, to: 4 }))).toEqual([4]);
        expect(seqs(await store.events('r1', { from: 7, to: 20 }))).toEqual([7, 8]);
        expect(await store.events('r1', { from: 9 })).toEqual([]);
        expect(await store.events('r1', { from: 5, to: 3 })).toEqual([]);
      });

      it('rejects a first event other than 1, a gap and a repeated seq', async () => {
        await expect(store.appendEvents([makeEvent('r1', 2)])).rejects.toThrow(/gap/);
        await store.appendEvents(range('r1', 1, 2));
        await expect(store.appendEvents([makeEvent('r1', 4)])).rejects.toThrow(/gap after 2/);
        await expect(store.appendEvents([makeEvent('r1', 2)])).rejects.toThrow(/gap/);
        expect(await store.events('r1')).toStrictEqual(range('r1', 1, 2));
        await store.appendEvents([makeEvent('r1', 3)]);
        expect(await store.lastSeq('r1')).toBe(3);
      });

      it('writes all events of one call or none', async () => {
        await store.appendEvents(range('r1', 1, 2));
        const batch = [makeEvent('r1', 3), makeEvent('r1', 4), makeEvent('r1', 6)];
        await expect(store.appendEvents(batch)).rejects.toThrow(/event 6 of run r1/);
        const mixed = [makeEvent('r2', 1), makeEvent('r1', 3), makeEvent('r2', 3)];
        await expect(store.appendEvents(mixed)).rejects.toThrow(/gap/);
        expect(seqs(await store.events('r1'))).toEqual([1, 2]);
        expect(await store.lastSeq('r1')).toBe(2);
        expect(await store.events('r2')).toEqual([]);
      });

      it('keeps its own copy of events', async () => {
        const events = range('r1', 1, 2);
        await store.appendEvents(events);
        events[0]!.at = -1;
        (events[1] as { reason: string }).reason = 'changed';
        const got = (await store.events('r1')) as Mutable<RunEvent>[];
        expect(got).toStrictEqual(range('r1', 1, 2));
        got[0]!.seq = 99;
        expect(await store.events('r1')).toStrictEqual(range('r1', 1, 2));
        expect(await store.lastSeq('r1')).toBe(2);
      });
    });

    describe('checkpoints', () => {
      it('lists the checkpoints in a seq range, in order', async () => {
        for (const seq of [9, 2, 5]) await store.putCheckpoint(makeCheckpoint('r1', seq));
        await store.putCheckpoint(makeCheckpoint('r2', 3));
        expect((await store.checkpoints('r1', { from: 2, to: 5 })).map((c) => c.seq)).toEqual([
          2, 5,
        ]);
        expect((await store.checkpoints('r1', { from: 3, to: 100 })).map((c) => c.seq)).toEqual([
          5, 9,
        ]);
        expect(await store.checkpoints('r1', { from: 10, to: 20 })).toEqual([]);
      });

      it('returns the latest checkpoint at or before a seq', async () => {
        expect(await store.checkpoint('r1')).toBeUndefined();
        for (const seq of [2, 5, 9]) await store.putCheckpoint(makeCheckpoint('r1', seq));
        await store.putCheckpoint(makeCheckpoint('r10', 7));
        expect(await store.checkpoint('r1')).toStrictEqual(makeCheckpoint('r1', 9));
        expect((await store.checkpoint('r1', 5))?.seq).toBe(5);
        expect((await store.checkpoint('r1', 8))?.seq).toBe(5);
        expect((await store.checkpoint('r1', 4))?.seq).toBe(2);
        expect((await store.checkpoint('r1', 100))?.seq).toBe(9);
        expect(await store.checkpoint('r1', 1)).toBeUndefined();
        expect(await store.checkpoint('r1', 0)).toBeUndefined();
        expect((await store.checkpoint('r10'))?.seq).toBe(7);
        expect(await store.checkpoint('r2')).toBeUndefined();
      });

      it('orders checkpoints by seq, not by when they were put, one per seq', async () => {
        await store.putCheckpoint(makeCheckpoint('r1', 9));
        await store.putCheckpoint(makeCheckpoint('r1', 3));
        expect((await store.checkpoint('r1'))?.seq).toBe(9);
        await store.putCheckpoint(makeCheckpoint('r1', 3, ' again'));
        expect(await store.checkpoint('r1', 4)).toStrictEqual(makeCheckpoint('r1', 3, ' again'));
      });

      it('keeps its own copy of checkpoints', async () => {
        const checkpoint = makeCheckpoint('r1', 4);
        await store.putCheckpoint(checkpoint);
        (checkpoint.snapshot as { context: { seq: number } }).context.seq = 0;
        const got = (await store.checkpoint('r1')) as Mutable<Checkpoint>;
        expect(got).toStrictEqual(makeCheckpoint('r1', 4));
        got.seq = 1;
        (got.snapshot as { value: string }).value = 'changed';
        expect(await store.checkpoint('r1')).toStrictEqual(makeCheckpoint('r1', 4));
      });
    });

    describe('a step committed at once', () => {
      it('writes its events, checkpoints and record', async () => {
        await store.appendEvents(range('r1', 1, 2));
        const run = makeRun('r1', { status: 'succeeded', updatedAt: 2000 });
        await commitStep(store, {
          events: range('r1', 3, 5),
          checkpoints: [makeCheckpoint('r1', 3), makeCheckpoint('r1', 5)],
          run,
        });
        expect(seqs(await store.events('r1'))).toEqual([1, 2, 3, 4, 5]);
        expect(await store.checkpoint('r1')).toStrictEqual(makeCheckpoint('r1', 5));
        expect((await store.checkpoint('r1', 4))?.seq).toBe(3);
        expect(await store.getRun('r1')).toStrictEqual(run);
        await commitStep(store, { events: [], checkpoints: [makeCheckpoint('r1', 5, ' again')] });
        expect(await store.checkpoint('r1')).toStrictEqual(makeCheckpoint('r1', 5, ' again'));
      });

      it('writes none of it when its events would leave a gap', async () => {
        await store.putRun(makeRun('r1'));
        await store.appendEvents(range('r1', 1, 2));
        const step = {
          events: range('r1', 4, 5),
          checkpoints: [makeCheckpoint('r1', 5)],
          run: makeRun('r1', { status: 'failed' }),
        };
        await expect(commitStep(store, step)).rejects.toThrow(/gap/);
        expect(await store.lastSeq('r1')).toBe(2);
        expect(await store.checkpoint('r1')).toBeUndefined();
        expect((await store.getRun('r1'))?.status).toBe('running');
      });
    });

    describe('effects', () => {
      it('returns undefined for an unknown effect and what was put for a known one', async () => {
        expect(await store.getEffect('k')).toBeUndefined();
        const effect = makeEffect('k', 'r1', { status: 'completed', output: { id: 7 } });
        await store.putEffect(effect);
        const got = await store.getEffect('k');
        expect(got).toStrictEqual(effect);
        expect(Object.keys(got!).sort()).toEqual(Object.keys(effect).sort());
        expect(await store.effects('r1')).toStrictEqual([effect]);
      });

      it('lists a run’s effects in the order they were first put, also after updates', async () => {
        await store.putEffect(makeEffect('k3', 'r1', { startedAt: 300 }));
        await store.putEffect(makeEffect('k1', 'r1', { startedAt: 100 }));
        await store.putEffect(makeEffect('other', 'r2', { startedAt: 50 }));
        await store.putEffect(makeEffect('k2', 'r1', { startedAt: 200 }));
        expect(keys(await store.effects('r1'))).toEqual(['k3', 'k1', 'k2']);
        const done = makeEffect('k3', 'r1', { status: 'completed', output: 1, finishedAt: 400 });
        await store.putEffect(done);
        await store.putEffect({ ...makeEffect('k1', 'r1'), compensatedBy: 'compensate:k1' });
        const effects = await store.effects('r1');
        expect(keys(effects)).toEqual(['k3', 'k1', 'k2']);
        expect(effects[0]).toStrictEqual(done);
        expect(effects[1]?.compensatedBy).toBe('compensate:k1');
        expect(keys(await store.effects('r2'))).toEqual(['other']);
        expect(await store.effects('r3')).toEqual([]);
      });

      it('keeps its own copy of effects', async () => {
        const effect = makeEffect('k', 'r1');
        await store.putEffect(effect);
        effect.status = 'failed';
        (effect.input as { to: string[] }).to.push('b@example.com');
        const got = (await store.getEffect('k')) as Mutable<EffectRecord>;
        expect(got).toStrictEqual(makeEffect('k', 'r1'));
        got.status = 'completed';
        const [listed] = (await store.effects('r1')) as Mutable<EffectRecord>[];
        (listed!.input as { to: string[] }).to.length = 0;
        expect(await store.getEffect('k')).toStrictEqual(makeEffect('k', 'r1'));
        expect(await store.effects('r1')).toStrictEqual([makeEffect('k', 'r1')]);
      });
    });

    describe('approvals', () => {
      it('returns undefined for an unknown approval and what was put for a known one', async () => {
        expect(await store.getApproval('a')).toBeUndefined();
        const approval = makeApproval('a', 'r1', 10);
        await store.putApproval(approval);
        expect(await store.getApproval('a')).toStrictEqual(approval);
      });

      it('lists approvals newest first, filtered by run and status', async () => {
        await store.putApproval(makeApproval('a', 'r1', 20));
        await store.putApproval(makeApproval('b', 'r2', 40, 'decided'));
        await store.putApproval(makeApproval('c', 'r1', 30, 'decided'));
        await store.putApproval(makeApproval('d', 'r1', 10));
        expect(keys(await store.approvals())).toEqual(['b', 'c', 'a', 'd']);
        expect(keys(await store.approvals({ runId: 'r1' }))).toEqual(['c', 'a', 'd']);
        expect(keys(await store.approvals({ status: 'pending' }))).toEqual(['a', 'd']);
        expect(keys(await store.approvals({ runId: 'r1', status: 'decided' }))).toEqual(['c']);
        expect(await store.approvals({ runId: 'r3' })).toEqual([]);
      });

      it('replaces an approval when it is decided', async () => {
        await store.putApproval(makeApproval('a', 'r1', 20));
        const decided = {
          ...makeApproval('a', 'r1', 20, 'decided'),
          decision: {
            decision: 'approved',
            subject: { body: 'edited' },
            by: 'user',
            at: 25,
          } satisfies ApprovalRecord['decision'],
        };
        await store.putApproval(decided);
        expect(await store.getApproval('a')).toStrictEqual(decided);
        expect(await store.approvals({ status: 'pending' })).toEqual([]);
        expect(await store.approvals({ status: 'decided' })).toStrictEqual([decided]);
      });

      it('keeps its own copy of approvals', async () => {
        const approval = makeApproval('a', 'r1', 20);
        await store.putApproval(approval);
        approval.status = 'decided';
        (approval.request.subject as { body: string }).body = 'changed';
        const got = (await store.getApproval('a')) as Mutable<ApprovalRecord>;
        expect(got).toStrictEqual(makeApproval('a', 'r1', 20));
        got.timedOut = true;
        const [listed] = (await store.approvals()) as Mutable<ApprovalRecord>[];
        listed!.createdAt = 0;
        expect(await store.getApproval('a')).toStrictEqual(makeApproval('a', 'r1', 20));
      });
    });
  });
}
