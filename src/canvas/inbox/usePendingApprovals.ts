import { useCallback, useEffect, useState } from 'react';
import type { ApprovalRecord, RunRecord } from '../../engine/index.ts';
import { engine } from '../run/engine.ts';
import { useEngineRefresh } from '../run/useEngineRefresh.ts';

/** A pending approval with the run that asked (its flow names the capability and the rule). */
export interface InboxItem {
  readonly approval: ApprovalRecord;
  readonly run: RunRecord | undefined;
}

export interface PendingApprovals {
  /** Every pending approval across runs, newest first. */
  readonly items: readonly InboxItem[];
  readonly error: string | null;
  readonly refresh: () => void;
}

/**
 * All pending approvals of this workspace, kept live from the worker: any run event schedules
 * one refresh per frame, plus a trailing one (a run's record is written just after its event).
 */
export function usePendingApprovals(): PendingApprovals {
  const [items, setItems] = useState<readonly InboxItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    const { api } = engine();
    void (async () => {
      try {
        const pending = await api.pending();
        const runIds = [...new Set(pending.map((p) => p.runId))];
        const runs = new Map(
          await Promise.all(runIds.map(async (id) => [id, await api.run(id)] as const)),
        );
        if (!live) return;
        const sorted = [...pending].sort(
          (a, b) => b.createdAt - a.createdAt || b.key.localeCompare(a.key),
        );
        setItems(sorted.map((approval) => ({ approval, run: runs.get(approval.runId) })));
        setError(null);
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [tick]);

  useEngineRefresh(refresh);

  return { items, error, refresh };
}
