import { Dexie } from 'dexie';
import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DexieStore } from '../../src/storage/runs/dexieStore.ts';
import { ROW_LIMIT, SCHEMA_V1 } from '../../src/storage/runs/dexieSchema.ts';
import {
  makeApproval,
  makeCheckpoint,
  makeEffect,
  makeEvent,
  makeRun,
  runStoreContract,
} from './runStore.contract.ts';

const deps = { indexedDB, IDBKeyRange };
const uniqueName = () => `aios-runs-test-${crypto.randomUUID()}`;

runStoreContract('DexieStore', () => new DexieStore(uniqueName(), deps));

describe('DexieStore', () => {
  const opened: DexieStore[] = [];
  const open = (name: string) => {
    const store = new DexieStore(name, deps);
    opened.push(store);
    return store;
  };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const store of opened.splice(0)) store.close();
  });

  it('keeps everything when the database is closed and opened again, as on a reload', async () => {
    const name = uniqueName();
    const before = open(name);
    await before.putRun(makeRun('r1', { status: 'waiting' }));
    await before.appendEvents([makeEvent('r1', 1), makeEvent('r1', 2)]);
    await before.putCheckpoint(makeCheckpoint('r1', 2));
    await before.putEffect(makeEffect('k2', 'r1', { startedAt: 20 }));
    await before.putEffect(makeEffect('k1', 'r1', { startedAt: 10 }));
    await before.putApproval(makeApproval('a', 'r1', 30));
    before.close();

    const after = open(name);
    expect(await after.getRun('r1')).toStrictEqual(makeRun('r1', { status: 'waiting' }));
    expect(await after.events('r1')).toStrictEqual([makeEvent('r1', 1), makeEvent('r1', 2)]);
    expect(await after.lastSeq('r1')).toBe(2);
    expect(await after.checkpoint('r1')).toStrictEqual(makeCheckpoint('r1', 2));
    expect(await after.approvals({ runId: 'r1' })).toStrictEqual([makeApproval('a', 'r1', 30)]);
    // The log and the ledger continue where they were.
    await expect(after.appendEvents([makeEvent('r1', 4)])).rejects.toThrow(/gap after 2/);
    await after.appendEvents([makeEvent('r1', 3)]);
    await after.putEffect(makeEffect('k0', 'r1', { startedAt: 0 }));
    await after.putEffect(makeEffect('k2', 'r1', { status: 'completed' }));
    expect((await after.effects('r1')).map((e) => e.key)).toEqual(['k2', 'k1', 'k0']);
    expect(await open(uniqueName()).getRun('r1')).toBeUndefined();
  });

  it('moves the events and checkpoints of a version 1 database into rows, in order', async () => {
    const name = uniqueName();
    const v1 = new Dexie(name, deps);
    v1.version(1).stores(SCHEMA_V1);
    const long = ROW_LIMIT + 10;
    const events = [
      ...Array.from({ length: long }, (_, i) => makeEvent('r1', i + 1)),
      makeEvent('r2', 1),
      makeEvent('r2', 2),
    ];
    const checkpoints = [1, 5, long].map((seq) => makeCheckpoint('r1', seq));
    await v1.table('runs').put(makeRun('r1'));
    await v1.table('events').bulkAdd(events);
    await v1.table('checkpoints').bulkAdd([...checkpoints, makeCheckpoint('r2', 2)]);
    v1.close();

    const store = open(name);
    expect(await store.events('r1')).toStrictEqual(events.slice(0, long));
    expect(await store.events('r1', { from: ROW_LIMIT - 1, to: ROW_LIMIT + 2 })).toStrictEqual(
      events.slice(ROW_LIMIT - 2, ROW_LIMIT + 2),
    );
    expect(await store.events('r2')).toStrictEqual(events.slice(long));
    expect(await store.lastSeq('r1')).toBe(long);
    expect(await store.checkpoint('r1', 4)).toStrictEqual(makeCheckpoint('r1', 1));
    expect(await store.checkpoints('r1', { from: 2, to: long })).toStrictEqual(
      checkpoints.slice(1),
    );
    expect(await store.checkpoint('r2')).toStrictEqual(makeCheckpoint('r2', 2));
    expect(await store.getRun('r1')).toStrictEqual(makeRun('r1'));
    await store.appendEvents([makeEvent('r1', long + 1)]);
    expect(await store.lastSeq('r1')).toBe(long + 1);
    const upgraded = new Dexie(name, deps);
    await upgraded.open();
    expect(upgraded.tables.map((t) => t.name).sort()).toEqual(
      ['approvals', 'checkpointRows', 'effects', 'eventRows', 'runs'].sort(),
    );
    upgraded.close();
  });

  it('keeps one checkpoint per seq across rows, whatever order they come in', async () => {
    const store = open(uniqueName());
    const seqs = (list: readonly { seq: number }[]) => list.map((c) => c.seq);
    await store.commit({ events: [], checkpoints: [2, 4, 6].map((s) => makeCheckpoint('r', s)) });
    await store.commit({ events: [], checkpoints: [8, 10].map((s) => makeCheckpoint('r', s)) });
    // Falls among both rows, replaces one in each and adds one between them.
    await store.commit({
      events: [],
      checkpoints: [
        makeCheckpoint('r', 6, ' again'),
        makeCheckpoint('r', 7),
        makeCheckpoint('r', 8, ' again'),
      ],
    });
    await store.putCheckpoint(makeCheckpoint('r', 1));
    await store.putCheckpoint(makeCheckpoint('r', 10, ' again'));
    const all = await store.checkpoints('r', { from: 0, to: 100 });
    expect(seqs(all)).toEqual([1, 2, 4, 6, 7, 8, 10]);
    expect(all.map((c) => (c.snapshot as { value: string }).value)).toEqual([
      'at 1',
      'at 2',
      'at 4',
      'at 6 again',
      'at 7',
      'at 8 again',
      'at 10 again',
    ]);
    expect(await store.checkpoint('r', 5)).toStrictEqual(makeCheckpoint('r', 4));
    expect(await store.checkpoint('r', 9)).toStrictEqual(makeCheckpoint('r', 8, ' again'));
    expect(await store.checkpoint('r', 0)).toBeUndefined();
    expect(seqs(await store.checkpoints('r', { from: 3, to: 7 }))).toEqual([4, 6, 7]);
    // A commit of more than a row's worth is split into rows and read back whole.
    const many = Array.from({ length: 2 * ROW_LIMIT + 3 }, (_, i) => makeEvent('s', i + 1));
    await store.commit({ events: many, checkpoints: many.map((e) => makeCheckpoint('s', e.seq)) });
    expect(await store.events('s')).toStrictEqual(many);
    expect(seqs(await store.checkpoints('s', { from: ROW_LIMIT, to: ROW_LIMIT + 1 }))).toEqual([
      ROW_LIMIT,
      ROW_LIMIT + 1,
    ]);
    expect(await store.checkpoint('s', ROW_LIMIT + 1)).toStrictEqual(
      makeCheckpoint('s', ROW_LIMIT + 1),
    );
  });

  it('says which operation failed, and that storage is full on a quota error', async () => {
    const store = open(uniqueName());
    await store.putRun(makeRun('r1'));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failure = store.putRun(makeRun('r2'));
    await expect(failure).rejects.toThrow(
      'storage is full while saving run r2: free space or export and delete old runs',
    );
    const error = (await failure.catch((e: unknown) => e)) as Error;
    expect((error.cause as Error).name).toBe('QuotaExceededError');
    vi.restoreAllMocks();
    expect(await store.getRun('r2')).toBeUndefined();
    store.close();
    await expect(store.getRun('r1')).rejects.toThrow('could not load run r1: the store was closed');
  });

  it('closes when another tab upgrades the database, instead of blocking it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = uniqueName();
    const store = open(name);
    await store.putRun(makeRun('r1'));
    const upgrader = new Dexie(name, deps);
    upgrader.version(3).stores({
      runs: 'id, flowId, status, startedAt, updatedAt',
      eventRows: '[runId+seq]',
      checkpointRows: '[runId+seq]',
      effects: 'key, runId, [runId+order]',
      approvals: 'key, runId, status, createdAt',
    });
    let blocked = false;
    upgrader.on('blocked', () => {
      blocked = true;
    });
    await upgrader.open();
    expect(blocked).toBe(false);
    expect(upgrader.verno).toBe(3);
    await expect(store.getRun('r1')).rejects.toThrow(/could not load run r1: another tab/);
    expect(await upgrader.table('runs').get('r1')).toStrictEqual(makeRun('r1'));
    expect(upgrader.verno).toBe(3);
    upgrader.close();
  });
});
