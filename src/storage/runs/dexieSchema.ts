import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable, Table, Transaction } from 'dexie';
import type { RunEvent } from '../../engine/events.ts';
import type { EffectRecord } from '../../engine/contract/index.ts';
import type { ApprovalRecord, Checkpoint, RunRecord } from '../../engine/store.ts';

/** An effect as stored: `order` records when it was first put, so the ledger keeps that order. */
export type StoredEffect = EffectRecord & { readonly order: number };

/**
 * Consecutive events of one run in one row (a commit's, at most `ROW_LIMIT`), keyed by the last
 * one's seq: IndexedDB spends about as much on each row as on its contents, and a step has few.
 */
export interface EventRow {
  readonly runId: string;
  /** The last event's seq. */
  readonly seq: number;
  /** The first event's seq. */
  readonly from: number;
  readonly events: readonly RunEvent[];
}

/** Checkpoints of one run in one row, in seq order, keyed by the last one's seq. */
export interface CheckpointRow {
  readonly runId: string;
  readonly seq: number;
  readonly from: number;
  readonly checkpoints: readonly Checkpoint[];
}

/** The most events or checkpoints a row holds: a range read never reads much more than it needs. */
export const ROW_LIMIT = 256;

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

export type RunsDb = Dexie & {
  runs: EntityTable<RunRecord, 'id'>;
  eventRows: Table<EventRow, [string, number]>;
  checkpointRows: Table<CheckpointRow, [string, number]>;
  effects: EntityTable<StoredEffect, 'key'>;
  approvals: EntityTable<ApprovalRecord, 'key'>;
};

/**
 * Version 1 of the schema. Primary keys can never change in a later version (only indexes can be
 * added or dropped), so they are chosen once here: events and checkpoints by `[runId+seq]`, which
 * makes every range query over a run's log a key range.
 */
export const SCHEMA_V1 = {
  runs: 'id, flowId, status, startedAt',
  events: '[runId+seq]',
  checkpoints: '[runId+seq]',
  effects: 'key, runId, [runId+order]',
  approvals: 'key, runId, status, createdAt',
} as const;

/**
 * Version 2: events and checkpoints move to rows of several (`EventRow`, `CheckpointRow`), still
 * keyed by `[runId+seq]` (the last seq in the row), so a step's commit writes two rows, not three
 * or more. The rows of version 1 are moved over, in order, and their tables dropped.
 */
const SCHEMA_V2 = {
  events: null,
  checkpoints: null,
  eventRows: '[runId+seq]',
  checkpointRows: '[runId+seq]',
} as const;

/** Consecutive items of one run, in rows of at most `ROW_LIMIT` (items sorted by run, then seq). */
function rowsOf<T extends { readonly runId: string; readonly seq: number }>(
  items: readonly T[],
): { runId: string; seq: number; from: number; items: T[] }[] {
  const rows: { runId: string; seq: number; from: number; items: T[] }[] = [];
  let row: (typeof rows)[number] | undefined;
  for (const item of items) {
    if (!row || row.runId !== item.runId || row.items.length >= ROW_LIMIT) {
      row = { runId: item.runId, seq: item.seq, from: item.seq, items: [] };
      rows.push(row);
    }
    row.items.push(item);
    row.seq = item.seq;
  }
  return rows;
}

/** Events (sorted by run, then seq) as the rows that hold them. */
export const eventRowsOf = (events: readonly RunEvent[]): EventRow[] =>
  rowsOf(events).map(({ items, ...row }) => ({ ...row, events: items }));

/** Checkpoints (sorted by run, then seq) as the rows that hold them. */
export const checkpointRowsOf = (checkpoints: readonly Checkpoint[]): CheckpointRow[] =>
  rowsOf(checkpoints).map(({ items, ...row }) => ({ ...row, checkpoints: items }));

async function moveToRows(tx: Transaction): Promise<void> {
  const events = (await tx.table('events').toArray()) as RunEvent[];
  await tx.table('eventRows').bulkAdd(eventRowsOf(events));
  const checkpoints = (await tx.table('checkpoints').toArray()) as Checkpoint[];
  await tx.table('checkpointRows').bulkAdd(checkpointRowsOf(checkpoints));
}

export function openRunsDb(name: string, deps: IndexedDbDeps = {}): RunsDb {
  const db = new Dexie(name, deps) as RunsDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(moveToRows);
  return db;
}
