import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable, Table } from 'dexie';
import type { RunEvent } from '../../engine/events.ts';
import type { EffectRecord } from '../../engine/contract/index.ts';
import type { ApprovalRecord, Checkpoint, RunRecord } from '../../engine/store.ts';

/** An effect as stored: `order` records when it was first put, so the ledger keeps that order. */
export type StoredEffect = EffectRecord & { readonly order: number };

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

export type RunsDb = Dexie & {
  runs: EntityTable<RunRecord, 'id'>;
  events: Table<RunEvent, [string, number]>;
  checkpoints: Table<Checkpoint, [string, number]>;
  effects: EntityTable<StoredEffect, 'key'>;
  approvals: EntityTable<ApprovalRecord, 'key'>;
};

/**
 * Version 1 of the schema. Primary keys can never change in a later version (only indexes can be
 * added or dropped), so they are chosen once here: events and checkpoints by `[runId+seq]`, which
 * makes every range query over a run's log a key range.
 */
const SCHEMA_V1 = {
  runs: 'id, flowId, status, startedAt',
  events: '[runId+seq]',
  checkpoints: '[runId+seq]',
  effects: 'key, runId, [runId+order]',
  approvals: 'key, runId, status, createdAt',
} as const;

export function openRunsDb(name: string, deps: IndexedDbDeps = {}): RunsDb {
  const db = new Dexie(name, deps) as RunsDb;
  db.version(1).stores(SCHEMA_V1);
  return db;
}
