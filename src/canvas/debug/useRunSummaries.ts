import { useEffect, useState } from 'react';
import type { RunSummary as Listed } from '../../protocol/index.ts';
import { valueOf } from '../../protocol/index.ts';
import { engine } from '../run/engine.ts';

/** What the history lists about a run that its record does not hold. */
interface RunSummary {
  readonly approvals: number;
  readonly events: number;
}

const HOW_MANY = 50;
// Logs of finished runs never change: their summaries are read once per tab.
const finished = new Map<string, RunSummary>();
const isFinished = (run: Listed) => run.finishedAt !== undefined;

/** Approvals asked and log length of the newest runs, read from their logs. */
export function useRunSummaries(runs: readonly Listed[]): ReadonlyMap<string, RunSummary> {
  const [summaries, setSummaries] = useState<ReadonlyMap<string, RunSummary>>(new Map());
  useEffect(() => {
    let live = true;
    const { api } = engine();
    void Promise.all(
      runs.slice(0, HOW_MANY).map(async (run) => {
        const known = finished.get(run.id);
        if (known) return [run.id, known] as const;
        const events = await valueOf(api.events({ runId: run.id }));
        const summary = {
          approvals: events.filter((e) => e.type === 'approval.requested').length,
          events: events.length,
        };
        if (isFinished(run)) finished.set(run.id, summary);
        return [run.id, summary] as const;
      }),
    ).then((entries) => live && setSummaries(new Map(entries)));
    return () => {
      live = false;
    };
  }, [runs]);
  return summaries;
}
