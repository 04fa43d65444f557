import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable } from 'dexie';
import type { Entity, MemoryItem, Relation, StoredVector } from './schema.ts';

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

/** A saved search index (`name`: `keyword`), restored instead of indexing every memory again. */
export interface IndexSnapshotRow {
  readonly name: string;
  /** JSON texts (see `KeywordIndex.snapshot`); rows of older builds had one `json` text instead. */
  readonly parts: readonly string[];
  readonly savedAt: number;
}

export type MemoryDb = Dexie & {
  entities: EntityTable<Entity, 'id'>;
  relations: EntityTable<Relation, 'id'>;
  memories: EntityTable<MemoryItem, 'id'>;
  vectors: EntityTable<StoredVector, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  snapshots: EntityTable<IndexSnapshotRow, 'name'>;
};

export const MEMORY_DB_NAME = 'aios-memory';

/**
 * Primary keys are chosen once here and never change (IndexedDB cannot re-key a store): every row
 * is keyed by a string id the application makes, vectors by their memory's id (one vector per
 * memory and model; a new model re-embeds in place), meta by a name.
 */
const V1 = {
  entities: 'id, type, name, updatedAt',
  relations: 'id, from, to, type',
  memories: 'id, kind, createdAt, archived, summaryId, *entities, *tags',
  vectors: 'id, model',
  meta: 'key',
} as const;

/** v2 adds what compaction scans by: age and how often a memory was recalled. */
const V2 = { ...V1, memories: `${V1.memories}, lastRecalledAt, [archived+createdAt]` } as const;

/**
 * v3 keeps a saved keyword index, so opening a large memory restores it instead of indexing every
 * memory again. It is a cache: never backed up, and checked memory by memory when restored.
 */
const V3 = { ...V2, snapshots: 'name' } as const;

const MEMORY_DB_VERSION = 3;

/**
 * Opens (lazily; Dexie opens on first use) the memory database at `version`, by default the
 * latest. Older versions exist so upgrade tests can write data the way an old build did.
 * @example const db = openMemoryDb(); await db.memories.count();
 */
export function openMemoryDb(
  name = MEMORY_DB_NAME,
  deps: IndexedDbDeps = {},
  version = MEMORY_DB_VERSION,
): MemoryDb {
  const db = new Dexie(name, deps) as MemoryDb;
  db.version(1).stores(V1);
  if (version >= 2) {
    db.version(2)
      .stores(V2)
      .upgrade(async (tx) => {
        // v1 builds could leave recall bookkeeping unset on imported rows.
        await tx
          .table<MemoryItem>('memories')
          .toCollection()
          .modify((m) => {
            m.recallCount ??= 0;
            m.lastRecalledAt ??= null;
          });
      });
  }
  if (version >= 3) db.version(3).stores(V3);
  return db;
}
