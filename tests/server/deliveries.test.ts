import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/sql/pglite.ts';
import type { SqlClient } from '../../src/server/sql/client.ts';
import { claimDelivery } from '../../src/server/store/deliveries.ts';
import { migrate } from '../../src/server/store/migrations.ts';

// One database for the file, opened at the last version before claims kept their input's hash.
let db: SqlClient;
beforeAll(async () => {
  db = await openPglite('memory://');
  await migrate(db, 7);
}, 60_000);
afterAll(() => db.close());

describe('claimDelivery', () => {
  it('keeps the hash of a claim’s input, and answers none for claims made before', async () => {
    await db.query(
      'INSERT INTO aios_deliveries (flow_id, delivery_id, run_id, received_at) VALUES ($1, $2, $3, $4)',
      ['f', 'request:old', 'run-old', 1],
    );
    await migrate(db);
    expect(await claimDelivery(db, 'f', 'request:old', 'run-x', 2, 'h-any')).toEqual({
      runId: 'run-old',
      inputSha256: null,
    });

    expect(await claimDelivery(db, 'f', 'request:new', 'run-1', 3, 'h1')).toBeUndefined();
    // A repeat tells the first claim's run and hash, whatever it was sent with now.
    expect(await claimDelivery(db, 'f', 'request:new', 'run-2', 4, 'h2')).toEqual({
      runId: 'run-1',
      inputSha256: 'h1',
    });
    expect(await claimDelivery(db, 'f', 'delivery-1', 'run-3', 5)).toBeUndefined();
    expect(await claimDelivery(db, 'f', 'delivery-1', 'run-4', 6)).toEqual({
      runId: 'run-3',
      inputSha256: null,
    });
  }, 60_000);
});
