import type { EffectRecord } from './contract/index.ts';
import { isImmutable } from './immutable.ts';
import type { RunEvent } from './events.ts';
import type { ApprovalRecord, Checkpoint, RunRecord, RunStore, StepCommit } from './store.ts';

/**
 * Everything a run store holds is plain JSON (events, checkpoints, records), so a walk over arrays
 * and plain objects copies it faithfully; most values are small, where this costs a fraction of a
 * JSON round trip or `structuredClone`. Like JSON, it drops `undefined` object members. What
 * `keep` says may be kept as it is, is: on the way in, what the engine made immutable
 * (`immutable.ts`); on the way out, anything frozen, since what this store holds is either its
 * own unfrozen copy or such an immutable value.
 */
function copy<T>(value: T, keep: (value: object) => boolean): T {
  if (value === null || typeof value !== 'object' || keep(value)) return value;
  if (Array.isArray(value))
    return (value as unknown[]).map((item) => (item === undefined ? null : copy(item, keep))) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = copy(member, keep);
  }
  return out as T;
}
const copyIn = <T>(value: T): T => copy(value, isImmutable);
const copyOut = <T>(value: T): T => copy(value, Object.isFrozen);

/** The first index of a list sorted by `seq` whose seq is `>= seq` (`after`: `> seq`). */
function bound(list: readonly { readonly seq: number }[], seq: number, after = false): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid]!.seq;
    if (at < seq || (after && at === seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A `RunStore` in memory, for the CLI and tests. Values are copied in and out, as a real store
 * would, so nobody can change a stored event or checkpoint by holding on to it; the engine's own
 * events, checkpoints and records are immutable, so those are kept and handed out by reference.
 */
export class MemoryStore implements RunStore {
  private readonly runs = new Map<string, RunRecord>();
  private readonly logs = new Map<string, RunEvent[]>();
  private readonly saved = new Map<string, Checkpoint[]>();
  private readonly ledger = new Map<string, EffectRecord>();
  private readonly desk = new Map<string, ApprovalRecord>();
  /** Checkpoints of the step being committed that are immutable (see `commit`). */
  private readonly sharing = new Set<Checkpoint>();

  putRun(run: RunRecord): Promise<void> {
    this.runs.set(run.id, copyIn(run));
    return Promise.resolve();
  }
  getRun(id: string): Promise<RunRecord | undefined> {
    const run = this.runs.get(id);
    return Promise.resolve(run && copyOut(run));
  }
  listRuns(
    filter: { flowId?: string; status?: readonly RunRecord['status'][] } = {},
  ): Promise<RunRecord[]> {
    const runs = [...this.runs.values()].filter(
      (r) =>
        (!filter.flowId || r.flowId === filter.flowId) &&
        (!filter.status || filter.status.includes(r.status)),
    );
    return Promise.resolve(copyOut(runs.sort((a, b) => b.startedAt - a.startedAt)));
  }
  appendEvents(events: readonly RunEvent[]): Promise<void> {
    const gap = this.gapIn(events);
    if (gap) return Promise.reject(gap);
    this.append(events);
    return Promise.resolve();
  }
  /**
   * One step at once: nothing is written when its events would leave a gap, and in memory nothing
   * fails after that check. It goes through the public writes, so a subclass that watches them
   * (a test's full disk) sees every one, events first.
   */
  async commit(step: StepCommit): Promise<void> {
    const gap = this.gapIn(step.events);
    if (gap) throw gap;
    if (step.events.length > 0) await this.appendEvents(step.events);
    // A step's list of checkpoints marked immutable (each frozen) is kept as it is.
    const shared = isImmutable(step.checkpoints);
    for (const checkpoint of step.checkpoints) {
      if (shared) this.sharing.add(checkpoint);
      try {
        await this.putCheckpoint(checkpoint);
      } finally {
        this.sharing.delete(checkpoint);
      }
    }
    if (step.run) await this.putRun(step.run);
  }
  /** Checks the whole batch first, so that a gap anywhere writes nothing (as one transaction would). */
  private gapIn(events: readonly RunEvent[]): Error | undefined {
    const last = new Map<string, number>();
    for (const event of events) {
      const expected = (last.get(event.runId) ?? this.logs.get(event.runId)?.at(-1)?.seq ?? 0) + 1;
      if (event.seq !== expected)
        return new Error(
          `event ${event.seq} of run ${event.runId} would leave a gap after ${expected - 1}`,
        );
      last.set(event.runId, event.seq);
    }
    return undefined;
  }
  private append(events: readonly RunEvent[]): void {
    // The engine marks a step's list of events, each of them frozen, as immutable as a whole.
    const shared = isImmutable(events);
    for (const event of events) {
      const log = this.logs.get(event.runId) ?? [];
      log.push(shared ? event : copyIn(event));
      this.logs.set(event.runId, log);
    }
  }
  events(runId: string, range: { from?: number; to?: number } = {}): Promise<RunEvent[]> {
    // Logs and checkpoint lists are sorted by seq: a range is a slice, found by binary search.
    const log = this.logs.get(runId) ?? [];
    const from = bound(log, range.from ?? 1);
    const to = bound(log, range.to ?? Infinity, true);
    return Promise.resolve(copyOut(log.slice(from, to)));
  }
  lastSeq(runId: string): Promise<number> {
    return Promise.resolve(this.logs.get(runId)?.at(-1)?.seq ?? 0);
  }
  putCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.keep(checkpoint);
    return Promise.resolve();
  }
  private keep(checkpoint: Checkpoint): void {
    // Kept sorted by seq, one per seq (a later put replaces it), like a store keyed by [runId+seq].
    // Checkpoints nearly always arrive in order, so that case is a push.
    const list = this.saved.get(checkpoint.runId) ?? [];
    this.saved.set(checkpoint.runId, list);
    const kept = this.sharing.has(checkpoint) ? checkpoint : copyIn(checkpoint);
    const last = list.at(-1);
    if (!last || last.seq < checkpoint.seq) list.push(kept);
    else if (last.seq === checkpoint.seq) list[list.length - 1] = kept;
    else {
      const others = list.filter((c) => c.seq !== checkpoint.seq);
      others.push(kept);
      this.saved.set(
        checkpoint.runId,
        others.sort((a, b) => a.seq - b.seq),
      );
    }
  }
  checkpoints(runId: string, range: { from: number; to: number }): Promise<Checkpoint[]> {
    const list = this.saved.get(runId) ?? [];
    const from = bound(list, range.from);
    return Promise.resolve(copyOut(list.slice(from, bound(list, range.to, true))));
  }
  checkpoint(runId: string, atOrBefore = Infinity): Promise<Checkpoint | undefined> {
    const list = this.saved.get(runId) ?? [];
    const found = list[bound(list, atOrBefore, true) - 1];
    return Promise.resolve(found && copyOut(found));
  }
  getEffect(key: string): Promise<EffectRecord | undefined> {
    const effect = this.ledger.get(key);
    return Promise.resolve(effect && copyOut(effect));
  }
  putEffect(effect: EffectRecord): Promise<void> {
    this.ledger.set(effect.key, copyIn(effect));
    return Promise.resolve();
  }
  /** In the order effects were first put: a Map keeps a key's place when its value is replaced. */
  effects(runId: string): Promise<EffectRecord[]> {
    return Promise.resolve(copyOut([...this.ledger.values()].filter((e) => e.runId === runId)));
  }
  getApproval(key: string): Promise<ApprovalRecord | undefined> {
    const approval = this.desk.get(key);
    return Promise.resolve(approval && copyOut(approval));
  }
  putApproval(approval: ApprovalRecord): Promise<void> {
    this.desk.set(approval.key, copyIn(approval));
    return Promise.resolve();
  }
  approvals(
    filter: { runId?: string; status?: ApprovalRecord['status'] } = {},
  ): Promise<ApprovalRecord[]> {
    const list = [...this.desk.values()].filter(
      (a) =>
        (!filter.runId || a.runId === filter.runId) &&
        (!filter.status || a.status === filter.status),
    );
    return Promise.resolve(copyOut(list.sort((a, b) => b.createdAt - a.createdAt)));
  }
}
