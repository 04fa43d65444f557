import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApprovalRecord, RunEvent, RunRecord } from '../../engine/index.ts';
import { engine } from './engine.ts';
import { flowApprovals } from './flowApprovals.ts';
import { useEngineRefresh } from './useEngineRefresh.ts';

export interface RunData {
  /** The flow's runs, newest first. */
  readonly runs: readonly RunRecord[];
  readonly pending: readonly ApprovalRecord[];
  /** The shown run's record and log (the log grows in place as the run goes on). */
  readonly record: RunRecord | null;
  readonly events: readonly RunEvent[];
  /** Whether the worker has resumed what was under way (so statuses are current). */
  readonly ready: boolean;
  readonly error: string | null;
  readonly refresh: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A flow's runs, its pending approvals and one run's log, kept live from the worker. The log is
 * fetched incrementally (only events after the last one held), so a long run costs one read per
 * burst of new events, not a reload of everything.
 */
export function useRunData(flowId: string | null, runId: string | null): RunData {
  const [runs, setRuns] = useState<readonly RunRecord[]>([]);
  const [pending, setPending] = useState<readonly ApprovalRecord[]>([]);
  const [record, setRecord] = useState<RunRecord | null>(null);
  const [log, setLog] = useState<{ runId: string | null; events: readonly RunEvent[] }>({
    runId: null,
    events: [],
  });
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const held = useRef(log);
  useEffect(() => {
    held.current = log;
  }, [log]);

  useEffect(() => {
    let live = true;
    const { api } = engine();
    const have = held.current.runId === runId ? held.current.events : [];
    const after = have.at(-1)?.seq ?? 0;
    void Promise.all([
      flowId ? api.runs(flowId) : Promise.resolve([]),
      api.pending(),
      runId ? api.run(runId) : Promise.resolve(undefined),
      runId ? api.events(runId, { from: after + 1 }) : Promise.resolve([]),
    ])
      .then(([r, p, rec, more]) => {
        if (!live) return;
        setRuns([...r].sort((a, b) => b.startedAt - a.startedAt));
        // A flow's panel asks about its own runs; the inbox has everyone's.
        setPending(flowId ? flowApprovals(p, r) : p);
        setRecord(rec ?? null);
        if (more.length > 0 || held.current.runId !== runId)
          setLog({ runId, events: [...have, ...more] });
        setError(null);
      })
      .catch((e: unknown) => live && setError(message(e)));
    return () => {
      live = false;
    };
  }, [flowId, runId, tick]);

  const markReady = useCallback(() => setReady(true), []);
  useEngineRefresh(refresh, markReady);

  const events = log.runId === runId ? log.events : [];
  return { runs, pending, record, events, ready, error, refresh };
}
