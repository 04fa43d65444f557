import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/sql/pglite.ts';
import type { SqlClient } from '../../src/server/sql/client.ts';
import { migrate } from '../../src/server/store/migrations.ts';
import { PgToolPins } from '../../src/server/store/toolPins.ts';

const accepted = {
  inputSchema: { type: 'object', properties: { id: { type: 'string', minLength: 1 } } },
  annotations: { readOnlyHint: true },
};

// One database for the file, opened at the last version before pins kept their schemas.
let db: SqlClient;
beforeAll(async () => {
  db = await openPglite('memory://');
  await migrate(db, 5);
}, 60_000);
afterAll(() => db.close());

describe('PgToolPins', () => {
  it('keeps the schemas a hash was taken of, and answers none for pins made before', async () => {
    await db.query('INSERT INTO aios_mcp_pins (id, hash, pinned_at) VALUES ($1, $2, $3)', [
      'mcp.crm.old',
      'h-old',
      1,
    ]);
    await migrate(db);
    const pins = new PgToolPins(db, () => 2);
    expect(await pins.all()).toEqual({ 'mcp.crm.old': 'h-old' });
    expect(await pins.schemasOf('mcp.crm.old')).toBeUndefined();

    await pins.set('mcp.crm.lookupRecord', 'h1', accepted);
    expect(await pins.schemasOf('mcp.crm.lookupRecord')).toEqual(accepted);
    // Approving again replaces both the hash and what it was taken of.
    const now = { inputSchema: { type: 'object', properties: {} } };
    await pins.set('mcp.crm.lookupRecord', 'h2', now);
    expect(await pins.all()).toMatchObject({ 'mcp.crm.lookupRecord': 'h2' });
    expect(await pins.schemasOf('mcp.crm.lookupRecord')).toEqual(now);
    expect(await pins.schemasOf('mcp.crm.never')).toBeUndefined();
  }, 60_000);

  it('shows no schemas rather than wrong ones when a row holds something else', async () => {
    await db.query(
      `INSERT INTO aios_mcp_pins (id, hash, pinned_at, schemas) VALUES ($1, $2, $3, $4::json)`,
      ['mcp.crm.odd', 'h', 1, JSON.stringify({ inputSchema: 'not an object' })],
    );
    expect(await new PgToolPins(db, () => 2).schemasOf('mcp.crm.odd')).toBeUndefined();
  });
});
