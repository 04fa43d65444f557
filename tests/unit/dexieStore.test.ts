import { Dexie } from 'dexie';
import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DexieStore } from '../../src/storage/runs/dexieStore.ts';
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
    upgrader.version(2).stores({
      runs: 'id, flowId, status, startedAt, updatedAt',
      events: '[runId+seq]',
      checkpoints: '[runId+seq]',
      effects: 'key, runId, [runId+order]',
      approvals: 'key, runId, status, createdAt',
    });
    let blocked = false;
    upgrader.on('blocked', () => {
      blocked = true;
    });
    await upgrader.open();
    expect(blocked).toBe(false);
    expect(upgrader.verno).toBe(2);
    await expect(store.getRun('r1')).rejects.toThrow(/could not load run r1: another tab/);
    expect(await upgrader.table('runs').get('r1')).toStrictEqual(makeRun('r1'));
    expect(upgrader.verno).toBe(2);
    upgrader.close();
  });
});
