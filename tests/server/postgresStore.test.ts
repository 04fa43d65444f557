import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/server/sql/pg.ts';
import type { SqlClient } from '../../src/server/sql/client.ts';
import { appliedVersions, migrate, migrations } from '../../src/server/store/migrations.ts';
import { FencedOut } from '../../src/server/store/fence.ts';
import { PgRunStore } from '../../src/server/store/pgStore.ts';
import { makeEvent, makeRun, runStoreContract } from '../unit/runStore.contract.ts';
import { emptyTables } from './pgTables.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

let server: TestPostgres;
let db: SqlClient;
beforeAll(async () => {
  server = await startPostgres();
  db = openPostgres(server.url);
  await migrate(db);
}, 60_000);
afterAll(async () => {
  await db?.close();
  server?.stop();
});

runStoreContract('PgRunStore on PostgreSQL', async () => {
  await emptyTables(db);
  return new PgRunStore(db);
});

describe('PgRunStore on PostgreSQL', () => {
  it('refuses a late write of a runner that lost its run, also when both write at once', async () => {
    await emptyTables(db);
    const first = new PgRunStore(db);
    const second = new PgRunStore(db);
    await first.fences.take(db, 'r1');
    await first.putRun(makeRun('r1'));
    await second.fences.take(db, 'r1');
    const [late, current] = await Promise.allSettled([
      first.appendEvents([makeEvent('r1', 1)]),
      second.appendEvents([makeEvent('r1', 1)]),
    ]);
    expect(late.status === 'rejected' && late.reason instanceof FencedOut).toBe(true);
    expect(current.status).toBe('fulfilled');
    expect(await second.lastSeq('r1')).toBe(1);
  });

  it('migrates two processes starting together once, and upgrades an old schema', async () => {
    const url = await server.createDatabase('migrations');
    const [a, b] = [openPostgres(url), openPostgres(url)];
    try {
      expect(await Promise.all([migrate(a, 1), migrate(b, 1)])).toEqual([1, 1]);
      await new PgRunStore(a).putRun(makeRun('old'));
      const latest = migrations.at(-1)!.version;
      expect(await Promise.all([migrate(a), migrate(b)])).toEqual([latest, latest]);
      expect(await appliedVersions(a)).toEqual(migrations.map((m) => m.version));
      expect(await new PgRunStore(b).getRun('old')).toStrictEqual(makeRun('old'));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
