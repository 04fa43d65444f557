import type { RunEvent, RunRecord, RunStore } from '../../engine/index.ts';
import { summarize, type RunSummary, type StreamBody } from '../../protocol/index.ts';
import type { RunChange } from '../store/changes.ts';

/** Runs whose position is remembered; the oldest is forgotten past this (a run that comes back
 * starts again from the next event it hears of, and a client that finds a gap reads again). */
const REMEMBERED = 5_000;

interface Position {
  /** The last event of the run published (in order, without gaps since the first one heard). */
  seq?: number;
  /** The last record notice published: its `updatedAt` and status. */
  record?: { readonly at: number; readonly status: string };
}

/** Whether a record write is news after `seen`: later, or as late with another status. */
const isNews = (seen: Position['record'], at: number, status: string | undefined) =>
  seen === undefined || at > seen.at || (at === seen.at && status !== seen.status);

/**
 * What the server's stream says of runs, from two sources: this process's own engine (at once)
 * and the writes of every other process (`aios worker`s), announced by the store as they commit
 * (`changes.ts`) and read back from it here. Each event and each record is published once, in
 * seq order per run, whichever source tells of it first; reads for one run never overlap.
 */
export class RunFeed {
  private readonly positions = new Map<string, Position>();
  private readonly reading = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Pick<RunStore, 'events' | 'getRun'>,
    private readonly publish: (body: StreamBody) => void,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** A run asked for that no worker has taken yet, announced with status `queued`. */
    private readonly queued: (runId: string) => Promise<RunSummary | undefined> = () =>
      Promise.resolve(undefined),
  ) {}

  /** An event this process's engine wrote: published now unless it skips ahead of the stream. */
  local(event: RunEvent): void {
    const at = this.positions.get(event.runId)?.seq;
    if (at === undefined || event.seq === at + 1) return this.publishEvent(event);
    if (event.seq > at) this.heard({ runId: event.runId, to: event.seq });
  }

  /** A record this process's engine wrote. */
  localRecord(record: RunRecord): void {
    this.publishRecord(record);
  }

  /** A change any process committed: reads what this stream has not published yet. */
  heard(change: RunChange): void {
    const at = this.positions.get(change.runId);
    const eventsNew = change.to !== undefined && change.to > (at?.seq ?? 0);
    const recordNew =
      change.updatedAt !== undefined && isNews(at?.record, change.updatedAt, change.status);
    if (!eventsNew && !recordNew) return;
    const before = this.reading.get(change.runId) ?? Promise.resolve();
    const next = before
      .then(() => this.catchUp(change))
      .catch(this.onError)
      .finally(() => {
        if (this.reading.get(change.runId) === next) this.reading.delete(change.runId);
      });
    this.reading.set(change.runId, next);
  }

  /** Resolves once every read under way has published (for tests and a clean close). */
  async settled(): Promise<void> {
    while (this.reading.size > 0) await Promise.all(this.reading.values());
  }

  private async catchUp(change: RunChange): Promise<void> {
    const { runId } = change;
    const known = this.positions.get(runId)?.seq;
    if (change.to !== undefined && (known === undefined || change.to > known)) {
      // A run first heard of here starts at this change; one already followed goes on from it.
      const from = known !== undefined ? known + 1 : (change.from ?? change.to);
      for (const event of await this.store.events(runId, { from, to: change.to })) {
        const at = this.positions.get(runId)?.seq;
        if (at === undefined || event.seq === at + 1) this.publishEvent(event);
      }
    }
    const seen = this.positions.get(runId)?.record;
    if (change.updatedAt !== undefined && isNews(seen, change.updatedAt, change.status)) {
      const record = await this.store.getRun(runId);
      if (record) this.publishRecord(record);
      else if (change.status === 'queued') {
        const asked = await this.queued(runId);
        if (asked) this.publishSummary(asked);
      }
    }
  }

  private publishEvent(event: RunEvent): void {
    this.remember(event.runId, { seq: event.seq });
    this.publish({ kind: 'event', event });
  }

  private publishRecord(record: RunRecord): void {
    this.publishSummary(summarize(record));
  }

  private publishSummary(run: RunSummary): void {
    if (!isNews(this.positions.get(run.id)?.record, run.updatedAt, run.status)) return;
    this.remember(run.id, { record: { at: run.updatedAt, status: run.status } });
    this.publish({ kind: 'record', run });
  }

  private remember(runId: string, update: Partial<Position>): void {
    const at = this.positions.get(runId) ?? {};
    // Re-inserted so the Map's order is least recently heard first.
    this.positions.delete(runId);
    this.positions.set(runId, { ...at, ...update });
    if (this.positions.size > REMEMBERED) {
      const oldest = this.positions.keys().next().value;
      if (oldest !== undefined) this.positions.delete(oldest);
    }
  }
}
