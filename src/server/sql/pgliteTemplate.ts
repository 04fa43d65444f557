import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** The installed PGlite's version: a data folder made by one build is loaded only by that build. */
function pgliteVersion(): string {
  // Its package.json is not exported; it sits above the resolved entry (dist/index.js).
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (name === '@electric-sql/pglite' && typeof version === 'string') return version;
  }
  return 'unknown';
}

/**
 * Where the template is kept: `AIOS_CACHE_DIR` (empty for none), else the user's cache folder
 * (`XDG_CACHE_HOME` or `~/.cache`, then `aios`).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env['AIOS_CACHE_DIR'];
  if (set !== undefined) return set === '' ? undefined : set;
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'aios');
}

const isFresh = (dataDir: string) =>
  dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));

/**
 * Opens PGlite in `dataDir`. A new database is made by running `initdb` in WebAssembly, most of
 * a first start (measured: about 6 s of 8 on an idle two-core machine, 27 s of 36 under load);
 * every new database is the same until it is migrated, so the first one made is kept in
 * `cacheDir` (PGlite's own data-folder tarball, per PGlite version) and later new ones are
 * loaded from it, about three times faster. A cache that does not load is deleted and the
 * database made afresh.
 */
export async function createPglite(dataDir: string, cacheDir?: string): Promise<PGlite> {
  if (!cacheDir || !isFresh(dataDir)) return PGlite.create(dataDir);
  const file = join(cacheDir, `pglite-${pgliteVersion()}.tar.gz`);
  if (existsSync(file)) {
    try {
      return await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
    } catch {
      rmSync(file, { force: true });
      // A half-loaded folder would refuse initdb: start it again empty.
      if (!dataDir.startsWith('memory://')) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const db = await PGlite.create(dataDir);
  try {
    // Before anything is written: the template is the empty database initdb made.
    const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed, so a process starting meanwhile never reads half of it.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, dump);
    renameSync(partial, file);
  } catch {
    // No cache (a read-only home, a full disk): this start is as slow as without one.
  }
  return db;
}
