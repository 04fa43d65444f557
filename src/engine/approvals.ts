import { abortReason } from './clock.ts';
import { EngineError } from './errors.ts';
import type { ApprovalDecision, ApprovalDesk, ApprovalRequest, Clock } from './contract/index.ts';
import type { ApprovalRecord, RunStore } from './store.ts';

export interface Answer {
  readonly decision: ApprovalDecision['decision'];
  /** An edited subject; only where the request allows edits. */
  readonly subject?: unknown;
  readonly feedback?: string;
}

type Notice =
  /**
   * `again`: the request was stored before, by a run that may have died before logging it (the
   * engine logs it only if the log does not hold it yet).
   */
  | { type: 'approval.requested'; record: ApprovalRecord; again?: boolean }
  | {
      type: 'approval.decided';
      record: ApprovalRecord;
      decision: ApprovalDecision;
      /** Found decided by a resumed run: logged already, unless nobody could log it then. */
      again?: boolean;
    }
  | { type: 'approval.timedOut'; record: ApprovalRecord };

/**
 * The durable home of every pending human decision. A request is stored before anyone waits on
 * it, so it outlives tabs and workers; asking again with the same key returns the stored decision.
 * Deadlines are absolute clock times: one that passed while nothing ran is applied on the next
 * request, exactly once.
 */
export class Desk implements ApprovalDesk {
  private readonly waiters = new Map<string, (decision: ApprovalDecision) => void>();
  private readonly timers = new Map<string, () => void>();
  private lock: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly store: RunStore,
    private readonly clock: Clock,
    private readonly notify: (notice: Notice) => Promise<void>,
  ) {}

  async request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    // Wait first, then look: a decision landing while the store is read still reaches us.
    let resolveDecision!: (decision: ApprovalDecision) => void;
    const decided = new Promise<ApprovalDecision>((resolve) => (resolveDecision = resolve));
    this.waiters.set(request.key, resolveDecision);
    const release = () => {
      this.waiters.delete(request.key);
      this.timers.get(request.key)?.();
      this.timers.delete(request.key);
    };
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(abortReason(signal));
      signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
    });
    aborted.catch(() => undefined);
    try {
      const existing = await this.store.getApproval(request.key);
      if (existing?.status === 'decided' && existing.decision) {
        const { decision } = existing;
        await this.notify({ type: 'approval.decided', record: existing, decision, again: true });
        return decision;
      }
      // Closed by a stop that a crash cut short: nobody can decide it; the resume ends the stop.
      if (existing?.status === 'closed') return await aborted;
      const record: ApprovalRecord = existing ?? {
        key: request.key,
        runId: request.runId,
        nodeId: request.nodeId,
        request,
        status: 'pending',
        createdAt: this.clock.now(),
      };
      if (!existing) await this.store.putApproval(record);
      await this.notify({ type: 'approval.requested', record, again: existing !== undefined });
      this.arm(record);
      return await Promise.race([decided, aborted]);
    } finally {
      release();
    }
  }

  /** Records a person's decision. Refused when the request is unknown or already decided. */
  decide(key: string, answer: Answer): Promise<ApprovalDecision> {
    return this.serial(() => this.settle(key, answer, 'user'));
  }

  /**
   * Closes the run's pending approvals, then runs `work` (the stop that makes them moot) while no
   * decision can land. The closed records are durable before `work` tells anyone the run stopped,
   * so an inbox that reads again then never finds them pending; a decision after is refused.
   */
  closeAll<T>(
    runId: string,
    reason: string,
    work: (closed: readonly ApprovalRecord[]) => Promise<T>,
  ): Promise<T> {
    return this.serial(async () => {
      const closed: ApprovalRecord[] = [];
      for (const record of await this.pending(runId)) {
        const done: ApprovalRecord = {
          ...record,
          status: 'closed',
          closed: { reason, at: this.clock.now() },
        };
        await this.store.putApproval(done);
        this.timers.get(record.key)?.();
        this.timers.delete(record.key);
        closed.push(done);
      }
      return work(closed);
    });
  }

  /** Forgets every timer and waiter, as a killed worker would; stored requests stay. */
  dispose(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.waiters.clear();
    this.disposed = true;
  }

  pending(runId?: string): Promise<ApprovalRecord[]> {
    return this.store.approvals({ status: 'pending', ...(runId ? { runId } : {}) });
  }

  private arm(record: ApprovalRecord): void {
    const { expiresAt, onTimeout } = record.request;
    if (this.disposed) return;
    if (expiresAt === null || (onTimeout === 'hold' && record.timedOut)) return;
    const wait = expiresAt - this.clock.now();
    if (wait <= 0) void this.serial(() => this.expire(record.key));
    else
      this.timers.set(
        record.key,
        this.clock.setTimer(wait, () => void this.serial(() => this.expire(record.key))),
      );
  }

  private async expire(key: string): Promise<void> {
    const record = await this.store.getApproval(key);
    if (!record || record.status !== 'pending') return;
    switch (record.request.onTimeout) {
      case 'hold':
        if (record.timedOut) return;
        await this.store.putApproval({ ...record, timedOut: true });
        await this.notify({ type: 'approval.timedOut', record });
        return;
      case 'reject':
        await this.settle(
          key,
          { decision: 'rejected', feedback: 'No decision before the deadline.' },
          'timeout',
        );
        return;
      case 'draft':
        await this.settle(
          key,
          { decision: 'draft', feedback: 'No decision before the deadline; kept as a draft.' },
          'timeout',
        );
        return;
    }
  }

  private async settle(
    key: string,
    answer: Answer,
    by: ApprovalDecision['by'],
  ): Promise<ApprovalDecision> {
    const record = await this.store.getApproval(key);
    if (!record) throw new EngineError('unknown-approval', `there is no approval request "${key}"`);
    if (record.status === 'closed')
      throw new EngineError(
        'approval-closed',
        `"${record.request.title}" was closed (${record.closed?.reason ?? 'its run ended'}) and can no longer be decided`,
      );
    if (record.status === 'decided') {
      throw new EngineError(
        'already-decided',
        `"${record.request.title}" was already decided (${record.decision?.decision ?? '?'}, by ${record.decision?.by ?? '?'})`,
      );
    }
    if (answer.subject !== undefined && !record.request.allowEdit) {
      throw new EngineError(
        'edit-not-allowed',
        `"${record.request.title}" cannot be edited, only approved or rejected`,
      );
    }
    const decision: ApprovalDecision = {
      decision: answer.decision,
      subject: answer.subject !== undefined ? answer.subject : record.request.subject,
      ...(answer.feedback ? { feedback: answer.feedback } : {}),
      by,
      at: this.clock.now(),
    };
    const decided: ApprovalRecord = { ...record, status: 'decided', decision };
    await this.store.putApproval(decided);
    await this.notify({ type: 'approval.decided', record: decided, decision });
    this.waiters.get(key)?.(decision);
    return decision;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.then(work, work);
    this.lock = next.catch(() => undefined);
    return next;
  }
}
