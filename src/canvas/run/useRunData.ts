import { useCallback, useEffect, useState } from 'react';
import type { ApprovalRecord, RunEvent, RunRecord } from '../../engine/index.ts';
import { engine } from './engine.ts';

export interface RunData {
  readonly runs: readonly RunRecord[];
  readonly pending: readonly ApprovalRecord[];
  readonly events: readonly RunEvent[];
  readonly error: string | null;
  refresh(): void;
}

/** Runs of a flow, pending approvals and the selected run's events, kept live from the worker. */
export function useRunData(flowId: string | null, selected: string | null): RunData {
  const [runs, setRuns] = useState<readonly RunRecord[]>([]);
  const [pending, setPending] = useState<readonly ApprovalRecord[]>([]);
  const [events, setEvents] = useState<readonly RunEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    const { api } = engine();
    // Without a selection, the newest run is shown.
    const load = async () => {
      const [r, p] = await Promise.all([
        flowId ? api.runs(flowId) : Promise.resolve([]),
        api.pending(),
      ]);
      const shown = selected ?? r[0]?.id;
      return [r, p, shown ? await api.events(shown) : []] as const;
    };
    void load()
      .then(([r, p, e]) => {
        if (!live) return;
        setRuns(r);
        setPending(p);
        setEvents(e);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [flowId, selected, tick]);

  useEffect(() => {
    // Coalesce bursts of events into one refresh per frame.
    let queued = false;
    const off = engine().onEvent(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        refresh();
      });
    });
    void engine()
      .api.ready()
      .then(() => refresh());
    return off;
  }, [refresh]);

  return { runs, pending, events, error, refresh };
}
