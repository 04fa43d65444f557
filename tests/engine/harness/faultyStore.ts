import type { EffectRecord } from '../../../src/engine/index.ts';
import type { RunEvent } from '../../../src/engine/index.ts';
import type { ApprovalRecord, Checkpoint, RunRecord, RunStore } from '../../../src/engine/index.ts';

export class StoreDied extends Error {
  constructor() {
    super('the store died (simulated crash)');
  }
}

/**
 * A store that dies at its `dieAt`-th write: that write and every later one fail and change
 * nothing, as when the worker is killed. Reads go on working, for whoever looks afterwards.
 */
export class FaultyStore implements RunStore {
  writes = 0;
  dead = false;
  /** What the dying write was, to name the kill point in failures. */
  diedAt = '';

  constructor(
    private readonly inner: RunStore,
    private readonly dieAt: number,
    private readonly onDeath: () => void,
  ) {}

  private write<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (!this.dead && ++this.writes >= this.dieAt) {
      this.dead = true;
      this.diedAt = what;
      this.onDeath();
    }
    return this.dead ? Promise.reject(new StoreDied()) : work();
  }

  putRun = (run: RunRecord) => this.write(`run ${run.status}`, () => this.inner.putRun(run));
  appendEvents = (events: readonly RunEvent[]) =>
    this.write(`event ${events.map((e) => e.type).join(',')}`, () =>
      this.inner.appendEvents(events),
    );
  putCheckpoint = (c: Checkpoint) =>
    this.write(`checkpoint ${c.seq}`, () => this.inner.putCheckpoint(c));
  putEffect = (e: EffectRecord) =>
    this.write(`effect ${e.capability} ${e.status}`, () => this.inner.putEffect(e));
  putApproval = (a: ApprovalRecord) =>
    this.write(`approval ${a.nodeId} ${a.status}`, () => this.inner.putApproval(a));
  getRun = (id: string) => this.inner.getRun(id);
  listRuns = (filter?: Parameters<RunStore['listRuns']>[0]) => this.inner.listRuns(filter);
  events = (runId: string, range?: Parameters<RunStore['events']>[1]) =>
    this.inner.events(runId, range);
  lastSeq = (runId: string) => this.inner.lastSeq(runId);
  checkpoint = (runId: string, atOrBefore?: number) => this.inner.checkpoint(runId, atOrBefore);
  checkpoints = (runId: string, range: { from: number; to: number }) =>
    this.inner.checkpoints(runId, range);
  getEffect = (key: string) => this.inner.getEffect(key);
  effects = (runId: string) => this.inner.effects(runId);
  getApproval = (key: string) => this.inner.getApproval(key);
  approvals = (filter?: Parameters<RunStore['approvals']>[0]) => this.inner.approvals(filter);
}
