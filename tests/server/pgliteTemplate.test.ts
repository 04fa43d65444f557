import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite } from '../../src/server/sql/pgliteTemplate.ts';

const dir = mkdtempSync(join(tmpdir(), 'aios-template-'));
const cache = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const templates = () => readdirSync(cache).filter((f) => f.endsWith('.tar.gz'));
const tables = async (db: PGlite) =>
  (
    await db.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
  ).rows.map((r) => r.name);

describe('new PGlite databases from a kept template', () => {
  it('keeps the first new database as the template, empty', async () => {
    const first = await createPglite('memory://', cache);
    await first.query('CREATE TABLE written_after (id int)');
    await first.close();
    expect(templates()).toHaveLength(1);
    const second = await createPglite('memory://', cache);
    expect(await tables(second)).toEqual([]);
    await second.close();
  });

  it('loads a new folder from the template, and leaves an existing one as it is', async () => {
    // A template with a mark in it shows that a new database came from it, not from initdb.
    const marked = await PGlite.create('memory://');
    await marked.query('CREATE TABLE from_template (id int)');
    const file = join(cache, templates()[0]!);
    writeFileSync(file, Buffer.from(await (await marked.dumpDataDir('gzip')).arrayBuffer()));
    await marked.close();

    const folder = join(dir, 'data');
    const made = await createPglite(folder, cache);
    expect(await tables(made)).toEqual(['from_template']);
    await made.query('CREATE TABLE mine (id int)');
    await made.close();
    const reopened = await createPglite(folder, cache);
    expect(await tables(reopened)).toEqual(['from_template', 'mine']);
    await reopened.close();
  });

  it('makes the database afresh, and the template again, when the template does not load', async () => {
    const file = join(cache, templates()[0]!);
    writeFileSync(file, 'not a tarball');
    const db = await createPglite(join(dir, 'other'), cache);
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await tables(db)).toEqual([]);
    await db.close();
    const again = await createPglite('memory://', cache);
    expect(await tables(again)).toEqual([]);
    await again.close();
  });
});
