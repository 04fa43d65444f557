import type { ApprovalRecord, RunEvent, RunStore } from '../../engine/index.ts';
import { subflowRunId } from '../../engine/subflows.ts';

/** When a pending approval's deadline falls: a wake-up is due then. */
export interface Deadline {
  readonly key: string;
  readonly at: number;
}

/** What a parked run waits on. */
interface Parked {
  readonly waitingOn: string[];
  readonly deadlines: Deadline[];
  /** Subflow runs parked under it, callers before the runs they called. */
  readonly children: string[];
}

/** A pending approval, as far as parking goes. */
interface Ask {
  readonly nodeId: string;
  readonly expiresAt: number | null;
  /** `onTimeout: 'hold'`: once timed out, its deadline has nothing left to do. */
  readonly holds: boolean;
  timedOut: boolean;
}

/** One run's part: its nodes in flight from its log, its pending approvals. */
interface RunPart {
  /** The last seq whose node facts are counted; later ones wait in `ahead` for the gap. */
  seq: number;
  readonly ahead: Map<number, RunEvent>;
  /** Started after their last finish: a node restarted by a resume counts once. */
  readonly inFlight: Map<string, { readonly kind: string; readonly visit: number }>;
  readonly asks: Map<string, Ask>;
  /** Decided or closed: a store read that saw them pending earlier cannot bring them back. */
  readonly settled: Set<string>;
  readonly timedOut: Set<string>;
  /** Whether its one store read (the log before we heard it, its pending approvals) was done. */
  read: boolean;
}

/**
 * Whether a run (with the subflow runs under it) waits only on people, kept from its events as
 * they arrive instead of reading its log after each batch. Each run it is asked about is read
 * from the store once (what was logged and asked before this drive heard it); from then on its
 * events say everything. Node facts count in seq order, so an event both read and heard counts
 * once; approval facts count when heard (the store read gives those before), and are idempotent
 * per key, so they may arrive in any order against that read.
 */
export class ParkState {
  private readonly parts = new Map<string, RunPart>();

  constructor(
    private readonly store: RunStore,
    readonly runId: string,
  ) {}

  /** Takes in one of the engine's events; false when it is not of the run or its subflows. */
  hear(event: RunEvent): boolean {
    if (event.runId !== this.runId && !event.runId.startsWith(`${this.runId}/`)) return false;
    const part = this.part(event.runId);
    switch (event.type) {
      case 'approval.requested':
        this.asked(part, event.key, event.node, event.request, false);
        break;
      case 'approval.decided':
      case 'approval.closed':
        part.settled.add(event.key);
        part.asks.delete(event.key);
        break;
      case 'approval.timedOut': {
        part.timedOut.add(event.key);
        const ask = part.asks.get(event.key);
        if (ask) ask.timedOut = true;
        break;
      }
      default:
        break;
    }
    // Node facts count in seq order.
    this.count(part, event);
    return true;
  }

  /**
   * Whether every node in flight waits on a person: on a pending approval of the run, or as a
   * subflow step whose own run is parked in turn. Then nothing will happen until a person (or
   * a deadline) acts, and the run (with the subflow runs under it) can leave this worker.
   *
   * Said from the events heard. An approval is stored before its event is logged, so one just
   * asked can only make the answer "not parked" for a batch longer; one just decided could make
   * it "parked" too soon, so a "parked" is confirmed against the stored pending approvals of the
   * runs it names (one small read each, only then) before it is given.
   */
  async parkedOn(): Promise<Parked | undefined> {
    const confirmed = new Set<string>();
    for (let parked = await this.guess(this.runId); parked; parked = await this.guess(this.runId)) {
      const unconfirmed = [this.runId, ...parked.children].filter((id) => !confirmed.has(id));
      if (unconfirmed.length === 0) return parked;
      for (const id of unconfirmed) {
        confirmed.add(id);
        this.stillPending(
          this.part(id),
          await this.store.approvals({ runId: id, status: 'pending' }),
        );
      }
    }
    return undefined;
  }

  private async guess(runId: string): Promise<Parked | undefined> {
    const part = await this.caughtUp(runId);
    const asks = [...part.asks];
    const waiting = new Set(asks.map(([, ask]) => ask.nodeId));
    const parked: Parked = {
      waitingOn: asks.map(([key]) => key),
      deadlines: asks.flatMap(([key, ask]) =>
        ask.expiresAt !== null && !(ask.holds && ask.timedOut) ? [{ key, at: ask.expiresAt }] : [],
      ),
      children: [],
    };
    let onPeople = asks.length > 0;
    for (const [node, started] of [...part.inFlight]) {
      if (waiting.has(node)) continue;
      if (started.kind !== 'subflow') return undefined;
      const childId = subflowRunId({ runId, nodeId: node, visit: started.visit });
      const child = await this.guess(childId);
      if (!child) return undefined;
      onPeople = true;
      parked.waitingOn.push(...child.waitingOn);
      parked.deadlines.push(...child.deadlines);
      parked.children.push(childId, ...child.children);
    }
    return onPeople ? parked : undefined;
  }

  private part(runId: string): RunPart {
    let part = this.parts.get(runId);
    if (!part) {
      part = {
        seq: 0,
        ahead: new Map(),
        inFlight: new Map(),
        asks: new Map(),
        settled: new Set(),
        timedOut: new Set(),
        read: false,
      };
      this.parts.set(runId, part);
    }
    return part;
  }

  /** Reads once what came before this drive heard the run, and any gap (there should be none). */
  private async caughtUp(runId: string): Promise<RunPart> {
    const part = this.part(runId);
    if (part.read && part.ahead.size === 0) return part;
    const first = !part.read;
    part.read = true;
    const to = part.ahead.size > 0 ? Math.min(...part.ahead.keys()) - 1 : undefined;
    const [events, pending] = await Promise.all([
      this.store.events(runId, { from: part.seq + 1, ...(to === undefined ? {} : { to }) }),
      first ? this.store.approvals({ runId, status: 'pending' }) : ([] as ApprovalRecord[]),
    ]);
    for (const event of events) this.count(part, event);
    for (const record of pending)
      this.asked(part, record.key, record.nodeId, record.request, record.timedOut === true);
    return part;
  }

  /** The stored pending approvals are the truth: any other ask was decided or closed. */
  private stillPending(part: RunPart, pending: readonly ApprovalRecord[]): void {
    const keys = new Set(pending.map((a) => a.key));
    for (const key of [...part.asks.keys()])
      if (!keys.has(key)) {
        part.asks.delete(key);
        part.settled.add(key);
      }
    for (const record of pending)
      this.asked(part, record.key, record.nodeId, record.request, record.timedOut === true);
  }

  /** A pending approval heard or read; one already settled stays settled. */
  private asked(
    part: RunPart,
    key: string,
    nodeId: string,
    request: Pick<ApprovalRecord['request'], 'expiresAt' | 'onTimeout'>,
    timedOut: boolean,
  ): void {
    const ask = part.asks.get(key);
    if (ask) ask.timedOut ||= timedOut;
    else if (!part.settled.has(key))
      part.asks.set(key, {
        nodeId,
        expiresAt: request.expiresAt,
        holds: request.onTimeout === 'hold',
        timedOut: timedOut || part.timedOut.has(key),
      });
  }

  /** Counts an event's node fact in seq order: one seen before is skipped, one early waits. */
  private count(part: RunPart, event: RunEvent): void {
    if (event.seq <= part.seq) return;
    if (event.seq > part.seq + 1) {
      part.ahead.set(event.seq, event);
      return;
    }
    for (let next: RunEvent | undefined = event; next; next = part.ahead.get(part.seq + 1)) {
      part.ahead.delete(next.seq);
      part.seq = next.seq;
      if (next.type === 'node.started') part.inFlight.set(next.node, next);
      else if (next.type === 'node.succeeded' || next.type === 'node.failed')
        part.inFlight.delete(next.node);
    }
  }
}
