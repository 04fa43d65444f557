import { Dexie } from 'dexie';
import { checkpointRowsOf, eventRowsOf, openRunsDb } from './dexieSchema.ts';
import type { CheckpointRow, IndexedDbDeps, RunsDb, StoredEffect } from './dexieSchema.ts';
import type { RunEvent } from '../../engine/events.ts';
import type { EffectRecord } from '../../engine/contract/index.ts';
import { EngineError } from '../../engine/errors.ts';
import { parseRunEvent } from '../../engine/eventSchema.ts';
import { parseCheckpoint, parseRunRecord, type Read } from '../../engine/records.ts';
import type {
  ApprovalRecord,
  Checkpoint,
  RunRecord,
  RunStatus,
  RunStore,
  StepCommit,
} from '../../engine/store.ts';

/**
 * What a row read back holds, parsed (run records migrated first), because IndexedDB keeps
 * whatever an older version or another tab wrote.
 */
function stored<T>(read: Read<T>, what: string, code: string): T {
  if (read.ok) return read.value;
  throw new EngineError(
    code,
    `${what} in IndexedDB is not one this version reads, at ${read.path || 'its top'}: ${read.message}; export the workspace and remove the run`,
  );
}
const storedRun = (row: unknown, id: string) =>
  stored(parseRunRecord(row), `run "${id}"`, 'unreadable-run');
const storedEvent = (row: unknown, runId: string) =>
  stored(parseRunEvent(row), `an event of run "${runId}"`, 'unreadable-event');
const storedCheckpoint = (row: unknown, runId: string) =>
  stored(parseCheckpoint(row), `a checkpoint of run "${runId}"`, 'unreadable-checkpoint');

/** Every key of one run in a `[runId+…]` index, optionally up to `upper`. */
const ofRun = (runId: string, lower: unknown = Dexie.minKey, upper: unknown = Dexie.maxKey) =>
  [
    [runId, lower],
    [runId, upper],
  ] as const;

const runIdsOf = (events: readonly RunEvent[]) =>
  [...new Set(events.map((e) => e.runId))].join(', ');

/** What a row read back holds, as a list (a row another version wrote may not have one). */
function itemsOf(row: unknown, key: 'events' | 'checkpoints', runId: string): unknown[] {
  const items = (row as Record<string, unknown>)[key];
  if (Array.isArray(items)) return items as unknown[];
  throw new EngineError(
    key === 'events' ? 'unreadable-event' : 'unreadable-checkpoint',
    `a row of ${key} of run "${runId}" in IndexedDB is not one this version reads: export the workspace and remove the run`,
  );
}

/** The items of rows read in key order whose seq is within `from..to`. */
function within<T extends { readonly seq: number }>(
  rows: readonly unknown[],
  key: 'events' | 'checkpoints',
  runId: string,
  from = -Infinity,
  to = Infinity,
): unknown[] {
  const out: unknown[] = [];
  for (const row of rows)
    for (const item of itemsOf(row, key, runId) as T[])
      if (item.seq >= from && item.seq <= to) out.push(item);
  return out;
}

const stripOrder = ({ order: _order, ...effect }: StoredEffect): EffectRecord => effect;

/** Whether an error, or one it wraps, is the browser saying the disk quota is used up. */
function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  const failures = Array.isArray(e.failures) ? (e.failures as unknown[]) : [];
  return [e.inner, e.cause, ...failures].some((inner) => isQuotaError(inner, depth + 1));
}

/**
 * A `RunStore` in IndexedDB through Dexie, for the browser main thread and Web Workers. Behaves
 * exactly like `MemoryStore`; each method's promise resolves once its transaction has committed.
 */
export class DexieStore implements RunStore {
  private readonly db: RunsDb;
  /** Why the database was closed under us, if it was. */
  private closedBy: string | undefined;

  constructor(name = 'aios-runs', deps: IndexedDbDeps = {}) {
    this.db = openRunsDb(name, deps);
    // Another tab wants to upgrade or delete the database: let it, instead of blocking it. This
    // tab's code is for the old schema, so it stays closed until the page is reloaded.
    this.db.on('versionchange', () => {
      this.closedBy = 'another tab upgraded or deleted the database: reload the page';
      this.db.close({ disableAutoOpen: true });
      for (const listener of this.closedListeners) listener(this.closedBy);
    });
  }

  private readonly closedListeners = new Set<(reason: string) => void>();

  /** Calls `listener` when another tab upgrades or deletes the database and this store closes. */
  onClosed(listener: (reason: string) => void): void {
    this.closedListeners.add(listener);
  }

  /** Closes the database; the store cannot be used afterwards. */
  close(): void {
    this.closedBy ??= 'the store was closed';
    this.db.close({ disableAutoOpen: true });
  }

  putRun(run: RunRecord): Promise<void> {
    return this.guard('save', `run ${run.id}`, async () => {
      await this.db.runs.put(run);
    });
  }
  getRun(id: string): Promise<RunRecord | undefined> {
    return this.guard('load', `run ${id}`, async () => {
      const row: unknown = await this.db.runs.get(id);
      return row === undefined ? undefined : storedRun(row, id);
    });
  }
  listRuns(filter: { flowId?: string; status?: readonly RunStatus[] } = {}): Promise<RunRecord[]> {
    const { flowId, status } = filter;
    return this.guard('list', 'runs', async () => {
      if (!flowId && !status)
        return (await this.db.runs.orderBy('startedAt').reverse().toArray()).map((r) =>
          storedRun(r, r.id),
        );
      const runs = await (
        flowId
          ? this.db.runs.where('flowId').equals(flowId)
          : this.db.runs.where('status').anyOf(status ?? [])
      )
        .filter((r) => (!flowId || r.flowId === flowId) && (!status || status.includes(r.status)))
        .toArray();
      return runs.map((r) => storedRun(r, r.id)).sort((a, b) => b.startedAt - a.startedAt);
    });
  }

  appendEvents(events: readonly RunEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return this.guard('save', `events of run ${runIdsOf(events)}`, () =>
      this.db.transaction('rw', this.db.eventRows, () => this.addEvents(events)),
    );
  }
  /** A step's events, checkpoints and record in one IndexedDB transaction. */
  commit(step: StepCommit): Promise<void> {
    const { events, checkpoints, run } = step;
    const runId = run?.id ?? events[0]?.runId ?? checkpoints[0]?.runId ?? '?';
    const { eventRows, checkpointRows, runs } = this.db;
    return this.guard('save', `a step of run ${runId}`, () =>
      this.db.transaction('rw', [eventRows, checkpointRows, runs], async () => {
        if (events.length > 0) await this.addEvents(events);
        if (checkpoints.length > 0) await this.putCheckpoints(checkpoints);
        if (run) await runs.put(run);
      }),
    );
  }
  /** Inside a transaction over `eventRows`: checks for gaps, then adds them all, a row a run. */
  private async addEvents(events: readonly RunEvent[]): Promise<void> {
    const last = new Map<string, number>();
    for (const runId of new Set(events.map((e) => e.runId)))
      last.set(runId, await this.lastSeqIn(runId));
    for (const event of events) {
      const expected = (last.get(event.runId) ?? 0) + 1;
      if (event.seq !== expected)
        throw new Error(
          `event ${event.seq} of run ${event.runId} would leave a gap after ${expected - 1}`,
        );
      last.set(event.runId, event.seq);
    }
    // Throwing above, or a failing add, aborts the transaction: all events are written or none.
    await this.db.eventRows.bulkAdd(eventRowsOf(events));
  }
  /** The rows of a run holding seqs from `from` on, in order, up to the one holding `to`. */
  private rowsFrom(
    table: RunsDb['eventRows'] | RunsDb['checkpointRows'],
    runId: string,
    from: number | undefined,
    to: number | undefined,
  ): Promise<unknown[]> {
    const [lower, upper] = ofRun(runId, from);
    // A row's key is its last seq: the rows from the first that ends at or after `from`.
    const rows = table.where('[runId+seq]').between(lower, upper, true, true);
    return (to === undefined ? rows : rows.until((row) => row.from > to)).toArray();
  }
  events(runId: string, range: { from?: number; to?: number } = {}): Promise<RunEvent[]> {
    return this.guard('load', `events of run ${runId}`, async () => {
      const rows = await this.rowsFrom(this.db.eventRows, runId, range.from, range.to);
      return within(rows, 'events', runId, range.from, range.to).map((row) =>
        storedEvent(row, runId),
      );
    });
  }
  lastSeq(runId: string): Promise<number> {
    return this.guard('load', `the last event of run ${runId}`, () => this.lastSeqIn(runId));
  }
  private async lastSeqIn(runId: string): Promise<number> {
    const [lower, upper] = ofRun(runId);
    const key = await this.db.eventRows.where('[runId+seq]').between(lower, upper).lastKey();
    return key ? (key as [string, number])[1] : 0;
  }

  putCheckpoint(checkpoint: Checkpoint): Promise<void> {
    const what = `checkpoint ${checkpoint.seq} of run ${checkpoint.runId}`;
    return this.guard('save', what, () =>
      this.db.transaction('rw', this.db.checkpointRows, () => this.putCheckpoints([checkpoint])),
    );
  }
  /**
   * Inside a transaction over `checkpointRows`: puts checkpoints, one per seq (a later one
   * replaces an earlier). A run's rows never overlap: checkpoints after all the stored ones (the
   * engine's) are new rows; others are merged with the rows they fall among.
   */
  private async putCheckpoints(checkpoints: readonly Checkpoint[]): Promise<void> {
    const byRun = new Map<string, Map<number, Checkpoint>>();
    for (const checkpoint of checkpoints) {
      const bySeq = byRun.get(checkpoint.runId) ?? new Map<number, Checkpoint>();
      byRun.set(checkpoint.runId, bySeq);
      bySeq.delete(checkpoint.seq);
      bySeq.set(checkpoint.seq, checkpoint);
    }
    const { checkpointRows } = this.db;
    for (const [runId, bySeq] of byRun) {
      let list = [...bySeq.values()];
      if (list.some((c, i) => i > 0 && list[i - 1]!.seq > c.seq))
        list = list.sort((a, b) => a.seq - b.seq);
      const from = list[0]!.seq;
      const to = list.at(-1)!.seq;
      // The engine's checkpoints come after every stored one: no row overlaps them.
      const overlapping = (await this.rowsFrom(checkpointRows, runId, from, to)) as CheckpointRow[];
      if (overlapping.length > 0) {
        const merged = new Map<number, Checkpoint>();
        for (const c of within(overlapping, 'checkpoints', runId) as Checkpoint[])
          merged.set(c.seq, c);
        for (const c of list) merged.set(c.seq, c);
        list = [...merged.values()].sort((a, b) => a.seq - b.seq);
        await checkpointRows.bulkDelete(overlapping.map((row) => [runId, row.seq]));
      }
      await checkpointRows.bulkPut(checkpointRowsOf(list));
    }
  }
  checkpoint(runId: string, atOrBefore?: number): Promise<Checkpoint | undefined> {
    return this.guard('load', `a checkpoint of run ${runId}`, async () => {
      const { checkpointRows } = this.db;
      const [lower, upper] = ofRun(runId, atOrBefore);
      // The row holding `atOrBefore` or the first after it (rows are keyed by their last seq)…
      let row: unknown =
        atOrBefore === undefined
          ? undefined
          : await checkpointRows.where('[runId+seq]').between(lower, upper).first();
      if (row === undefined || (row as CheckpointRow).from > (atOrBefore ?? Infinity)) {
        // …or else the last row before it.
        const [first, last] = ofRun(runId, undefined, atOrBefore);
        row = await checkpointRows.where('[runId+seq]').between(first, last, true, true).last();
      }
      if (row === undefined) return undefined;
      const found = within([row], 'checkpoints', runId, -Infinity, atOrBefore).at(-1);
      return found === undefined ? undefined : storedCheckpoint(found, runId);
    });
  }

  checkpoints(runId: string, range: { from: number; to: number }): Promise<Checkpoint[]> {
    return this.guard('load', `checkpoints of run ${runId}`, async () => {
      const rows = await this.rowsFrom(this.db.checkpointRows, runId, range.from, range.to);
      return within(rows, 'checkpoints', runId, range.from, range.to).map((row) =>
        storedCheckpoint(row, runId),
      );
    });
  }

  getEffect(key: string): Promise<EffectRecord | undefined> {
    return this.guard('load', `effect ${key}`, async () => {
      const stored = await this.db.effects.get(key);
      return stored && stripOrder(stored);
    });
  }
  putEffect(effect: EffectRecord): Promise<void> {
    return this.guard('save', `effect ${effect.key}`, () =>
      this.db.transaction('rw', this.db.effects, async () => {
        const { effects } = this.db;
        const before = await effects.get(effect.key);
        const [lower, upper] = ofRun(effect.runId);
        const last = await effects.where('[runId+order]').between(lower, upper).last();
        await effects.put({ ...effect, order: before?.order ?? (last?.order ?? 0) + 1 });
      }),
    );
  }
  effects(runId: string): Promise<EffectRecord[]> {
    const [lower, upper] = ofRun(runId);
    return this.guard('load', `effects of run ${runId}`, async () =>
      (await this.db.effects.where('[runId+order]').between(lower, upper).toArray()).map(
        stripOrder,
      ),
    );
  }

  getApproval(key: string): Promise<ApprovalRecord | undefined> {
    return this.guard('load', `approval ${key}`, () => this.db.approvals.get(key));
  }
  putApproval(approval: ApprovalRecord): Promise<void> {
    return this.guard('save', `approval ${approval.key}`, async () => {
      await this.db.approvals.put(approval);
    });
  }
  approvals(
    filter: { runId?: string; status?: ApprovalRecord['status'] } = {},
  ): Promise<ApprovalRecord[]> {
    const { runId, status } = filter;
    return this.guard('list', 'approvals', async () => {
      const { approvals } = this.db;
      const list = await (
        runId
          ? approvals.where('runId').equals(runId)
          : status
            ? approvals.where('status').equals(status)
            : approvals.toCollection()
      )
        .filter((a) => !status || a.status === status)
        .toArray();
      return list.sort((a, b) => b.createdAt - a.createdAt);
    });
  }

  /** Runs one storage operation and turns what can go wrong into an Error that says what failed. */
  private async guard<T>(action: string, what: string, operation: () => Promise<T>): Promise<T> {
    // Checked first: Dexie's own versionchange handler would let the next query reopen the db.
    // Named as Dexie names it, so whoever handles a closed database (the worker's notice) knows it.
    if (this.closedBy)
      throw new Dexie.DatabaseClosedError(`could not ${action} ${what}: ${this.closedBy}`);
    try {
      return await operation();
    } catch (error) {
      if (isQuotaError(error))
        throw new Error(
          `storage is full while saving ${what}: free space or export and delete old runs`,
          { cause: error },
        );
      if (error instanceof Dexie.DexieError)
        throw new Error(`could not ${action} ${what}: ${error.message}`, { cause: error });
      throw error;
    }
  }
}
