import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DexieStore } from '../../src/storage/runs/dexieStore.ts';
import { openRunsDb } from '../../src/storage/runs/dexieSchema.ts';
import { migrateRunRecord, parseRunRecord, RUN_RECORD_VERSION } from '../../src/engine/index.ts';
import { makeRun } from './runStore.contract.ts';

const deps = { indexedDB, IDBKeyRange };
/** A record as stored before records had a version: the same fields, no `version`. */
const unversioned = () => {
  const { version: _version, ...rest } = makeRun('old');
  return rest;
};

describe('stored run records', () => {
  it('migrates a record written before versions to the current one, changing nothing else', () => {
    const old = unversioned();
    expect(migrateRunRecord(old)).toEqual({ ...old, version: RUN_RECORD_VERSION });
    expect(parseRunRecord(old)).toEqual({ ok: true, value: makeRun('old') });
  });

  it('refuses what it cannot read, naming the field', () => {
    expect(parseRunRecord({ ...makeRun('r'), status: 'done' })).toMatchObject({
      ok: false,
      path: 'status',
    });
    expect(parseRunRecord({ ...makeRun('r'), colour: 'red' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('colour') as unknown,
    });
    // A record from a newer version is not guessed at.
    expect(parseRunRecord({ ...makeRun('r'), version: 2 })).toMatchObject({
      ok: false,
      path: 'version',
    });
    expect(parseRunRecord('a run')).toMatchObject({ ok: false });
  });

  it('reads old records from IndexedDB and names a broken one with its run and field', async () => {
    const name = `runs-${crypto.randomUUID()}`;
    const raw = openRunsDb(name, deps);
    await raw.runs.bulkPut([
      unversioned() as never,
      { ...makeRun('broken'), startedAt: 'yesterday' } as never,
    ]);
    raw.close();
    const store = new DexieStore(name, deps);
    expect(await store.getRun('old')).toEqual(makeRun('old'));
    await expect(store.getRun('broken')).rejects.toMatchObject({
      code: 'unreadable-run',
      message: expect.stringMatching(/run "broken" in IndexedDB .* at startedAt: /) as unknown,
    });
    await expect(store.listRuns()).rejects.toThrow(/run "broken"/);
    store.close();
  });

  it('reads events as the engine wrote them and names a broken one', async () => {
    const name = `runs-${crypto.randomUUID()}`;
    const store = new DexieStore(name, deps);
    const started = { type: 'run.stopped', reason: 'by hand', runId: 'r', at: 1, causedBy: null };
    await store.appendEvents([{ ...started, type: 'run.stopped', seq: 1 }]);
    expect(await store.events('r')).toEqual([{ ...started, seq: 1 }]);
    const raw = openRunsDb(name, deps);
    await raw.eventRows.put({
      runId: 'r',
      seq: 2,
      from: 2,
      events: [{ ...started, seq: 2, reason: 7 }],
    } as never);
    raw.close();
    await expect(store.events('r')).rejects.toMatchObject({
      code: 'unreadable-event',
      message: expect.stringMatching(/an event of run "r" .* at reason: /) as unknown,
    });
    store.close();
  });

  it('reads checkpoints back parsed and names a broken one', async () => {
    const name = `runs-${crypto.randomUUID()}`;
    const store = new DexieStore(name, deps);
    const full = { runId: 'r', seq: 3, at: 1, kind: 'full' as const, snapshot: { value: 'x' } };
    await store.putCheckpoint(full);
    expect(await store.checkpoint('r')).toEqual(full);
    const raw = openRunsDb(name, deps);
    await raw.checkpointRows.put({
      runId: 'r',
      seq: 4,
      from: 4,
      checkpoints: [{ ...full, seq: 4, kind: 'half' }],
    } as never);
    raw.close();
    await expect(store.checkpoint('r')).rejects.toMatchObject({
      code: 'unreadable-checkpoint',
      message: expect.stringMatching(/a checkpoint of run "r" .* at kind: /) as unknown,
    });
    await expect(store.checkpoints('r', { from: 0, to: 10 })).rejects.toThrow(/kind/);
    store.close();
  });
});
