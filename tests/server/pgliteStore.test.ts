import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/sql/pglite.ts';
import type { SqlClient } from '../../src/server/sql/client.ts';
import { appliedVersions, migrate, migrations } from '../../src/server/store/migrations.ts';
import { PgRunStore } from '../../src/server/store/pgStore.ts';
import { FencedOut } from '../../src/server/store/fence.ts';
import { makeEvent, makeRun, runStoreContract } from '../unit/runStore.contract.ts';
import { emptyTables } from './pgTables.ts';

// One database for the file (opening PGlite takes seconds); each test starts from empty tables.
let db: SqlClient;
beforeAll(async () => {
  db = await openPglite('memory://');
  await migrate(db);
}, 60_000);
afterAll(() => db.close());

runStoreContract('PgRunStore on PGlite', async () => {
  await emptyTables(db);
  return new PgRunStore(db);
});

describe('PgRunStore on PGlite', () => {
  it('refuses the writes of a runner another one took the run over from', async () => {
    await emptyTables(db);
    const first = new PgRunStore(db);
    const second = new PgRunStore(db);
    await first.fences.take(db, 'r1');
    await first.putRun(makeRun('r1'));
    await first.appendEvents([makeEvent('r1', 1)]);
    await second.fences.take(db, 'r1');
    await expect(first.appendEvents([makeEvent('r1', 2)])).rejects.toThrow(FencedOut);
    await expect(first.putRun(makeRun('r1', { status: 'failed' }))).rejects.toThrow(
      /taken over by another runner \(epoch 2, this runner holds 1\)/,
    );
    // A whole step from the stale runner is refused as one: no event and no record of it lands.
    await expect(
      first.commit({
        events: [makeEvent('r1', 2)],
        checkpoints: [],
        run: makeRun('r1', { status: 'failed' }),
      }),
    ).rejects.toThrow(FencedOut);
    await second.commit({ events: [makeEvent('r1', 2)], checkpoints: [], run: makeRun('r1') });
    expect((await second.events('r1')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await second.getRun('r1'))?.status).toBe('running');
  });

  it('keeps JSON exactly as written: arrays at the top, NUL characters, key order', async () => {
    await emptyTables(db);
    const store = new PgRunStore(db);
    const run = makeRun('r1', { input: [1, 'two', { z: 1, a: '\u0000' }], result: [[]] });
    await store.putRun(run);
    const got = await store.getRun('r1');
    expect(got).toStrictEqual(run);
    expect(Object.keys((got?.input as [0, 0, object])[2])).toEqual(['z', 'a']);
  });
});

describe('migrations', () => {
  it('builds a fresh database and upgrades an old one, keeping its data', async () => {
    const fresh = await openPglite('memory://');
    try {
      expect(await migrate(fresh, 1)).toBe(1);
      expect(await appliedVersions(fresh)).toEqual([1]);
      await new PgRunStore(fresh).putRun(makeRun('old'));
      await expect(fresh.query('SELECT * FROM aios_fences')).rejects.toThrow(/aios_fences/);
      const latest = migrations.at(-1)!.version;
      expect(await migrate(fresh)).toBe(latest);
      expect(await migrate(fresh)).toBe(latest);
      expect(await appliedVersions(fresh)).toEqual(migrations.map((m) => m.version));
      expect(await new PgRunStore(fresh).getRun('old')).toStrictEqual(makeRun('old'));
      expect((await fresh.query('SELECT * FROM aios_fences')).rows).toEqual([]);
      await fresh.query('INSERT INTO aios_migrations (version, name) VALUES (999, $1)', ['x']);
      await expect(migrate(fresh)).rejects.toThrow(/version 999, newer than this aios/);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
