import { useCallback, useEffect, useState } from 'react';
import type { ApprovalRecord, RunRecord } from '../../engine/index.ts';
import { valueOf } from '../../protocol/index.ts';
import { engine } from '../run/engine.ts';
import { touchesApprovals } from '../run/liveView.ts';
import { useEngineStream, type Frame } from '../run/useEngineStream.ts';

/** A pending approval with the run that asked (its flow names the capability and the rule). */
export interface InboxItem {
  readonly approval: ApprovalRecord;
  readonly run: RunRecord | undefined;
}

interface PendingApprovals {
  /** Every pending approval across runs, newest first. */
  readonly items: readonly InboxItem[];
  readonly error: string | null;
  readonly refresh: () => void;
}

/**
 * All pending approvals of this workspace, kept live from the engine's stream: read again (at
 * most once a frame) only when an approval was asked or answered or a run's status changed.
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
        const pending = await valueOf(api.pending());
        const runIds = [...new Set(pending.map((p) => p.runId))];
        const runs = new Map(
          await Promise.all(
            runIds.map(async (id) => [id, await valueOf(api.run({ runId: id }))] as const),
          ),
        );
        if (!live) return;
        const sorted = [...pending].sort(
          (a, b) => b.createdAt - a.createdAt || b.key.localeCompare(a.key),
        );
        setItems(
          sorted.map((approval) => ({ approval, run: runs.get(approval.runId) ?? undefined })),
        );
        setError(null);
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [tick]);

  const onFrame = useCallback(
    ({ batch, reset }: Frame) => {
      if (reset || batch.some(touchesApprovals)) refresh();
    },
    [refresh],
  );
  useEngineStream(onFrame, refresh);

  return { items, error, refresh };
}
