import type { MemoryCore } from './core.ts';
import { MemoryError } from './errors.ts';

/** Tables that only speed things up: left out of backups. */
const CACHES = ['snapshots'];

/** Rows done of rows in all, as a long backup or restore goes. */
export type RowProgress = (progress: { readonly done: number; readonly total: number }) => void;

/** dexie-export-import's progress callback; `false` means "go on". */
const rows = (onProgress?: RowProgress) =>
  onProgress
    ? {
        progressCallback: (p: { completedRows: number; totalRows: number | undefined }) => {
          onProgress({ done: p.completedRows, total: p.totalRows ?? p.completedRows });
          return false;
        },
      }
    : {};

/**
 * The whole memory (graph, memories, vectors, settings) as a Dexie export file; the time it was
 * made is noted, so the Memory view can remind of a backup that is old or missing.
 */
export async function backup(
  core: MemoryCore,
  onProgress?: RowProgress,
  now: () => number = Date.now,
): Promise<Blob> {
  const file = await core.guard('back up', 'memory', async () => {
    // Loaded on demand: the add-on is only needed here, and expects a browser global scope.
    const { exportDB } = await import('dexie-export-import');
    return exportDB(core.db, { skipTables: CACHES, ...rows(onProgress) });
  });
  await core.noteBackup(now());
  return file;
}

/**
 * Replaces the whole memory with a backup. The file is checked first (a Dexie export with the
 * memory's tables); the import runs in several transactions, so the current memory is exported
 * beforehand and put back if the import fails: either way nothing is lost.
 */
export async function restore(
  core: MemoryCore,
  file: Blob,
  onProgress?: RowProgress,
): Promise<void> {
  const { exportDB, importInto, peakImportFile } = await import('dexie-export-import');
  const meta = await peakImportFile(file).catch(() => null);
  const tables = new Set(meta?.data?.tables?.map((t) => t.name) ?? []);
  if (meta?.formatName !== 'dexie' || !tables.has('memories') || !tables.has('entities'))
    throw new MemoryError('invalid', 'restore memory: the file is not a memory backup');
  // A backup from a test database or a renamed one restores too; the tables were checked above.
  const options = { clearTablesBeforeImport: true, acceptVersionDiff: true, acceptNameDiff: true };
  const before = await core.guard('back up', 'memory before restoring', () =>
    exportDB(core.db, { skipTables: CACHES }),
  );
  try {
    await core.write('restore memory from the backup', [], () =>
      importInto(core.db, file, { ...options, ...rows(onProgress) }),
    );
  } catch (error) {
    await core.guard('put back', 'the memory as it was before the failed restore', () =>
      importInto(core.db, before, options),
    );
    throw error;
  } finally {
    core.invalidate();
  }
}

/** Deletes everything but the settings. */
export async function wipe(core: MemoryCore): Promise<void> {
  const { db } = core;
  await core.write(
    'wipe memory',
    [db.entities, db.relations, db.memories, db.vectors],
    async () => {
      await Promise.all([
        db.entities.clear(),
        db.relations.clear(),
        db.memories.clear(),
        db.vectors.clear(),
      ]);
    },
  );
  core.invalidate();
}
