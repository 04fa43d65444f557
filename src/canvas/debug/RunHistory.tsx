import type { RunSummary } from '../../protocol/index.ts';
import { queuedHow } from './queued.ts';
import { formatCost, formatMs } from './runView.ts';
import { useRunSummaries } from './useRunSummaries.ts';

// Short in the row (the panel is narrow); the date and seconds are in its tooltip.
const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { timeStyle: 'short' });
const when = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Where a run came from, when it was not started by hand. */
const origin = (run: RunSummary): string | undefined =>
  run.status === 'queued'
    ? `${queuedHow(run.reason)}, waiting for a worker`
    : run.parent
      ? `forked from ${run.parent.runId} at event ${run.parent.seq}`
      : run.caller
        ? `subflow step "${run.caller.nodeId}" of run ${run.caller.runId}`
        : undefined;

/**
 * The flow's runs, newest first (kept in IndexedDB across reloads): status, start, duration,
 * approvals, cost. Open one in the debugger, or pick one to compare with the open run.
 */
export function RunHistory({
  runs,
  shown,
  compared,
  onOpen,
  onCompare,
}: {
  runs: readonly RunSummary[];
  shown: string | null;
  compared: string | null;
  onOpen: (run: RunSummary) => void;
  onCompare: (runId: string | null) => void;
}) {
  const summaries = useRunSummaries(runs);
  if (runs.length === 0) return <p className="panel-empty">No runs yet</p>;
  return (
    <div className="run-history">
      <div className="run-row run-row-head" aria-hidden="true">
        <span>Status</span>
        <span>Started</span>
        <span>Took</span>
        <span title="Approvals asked">Appr.</span>
        <span>Cost</span>
        <span />
      </div>
      <ul aria-label="Runs">
        {runs.map((run) => {
          const from = origin(run);
          return (
            <li
              key={run.id}
              className="run-row"
              aria-current={run.id === shown ? 'true' : undefined}
            >
              <button
                type="button"
                className="run-open"
                aria-label={`Open run ${run.id}${from ? `, ${from}` : ''}`}
                onClick={() => onOpen(run)}
              >
                <span className={`run-status status-${run.status}`} title={from}>
                  {run.status}
                </span>
                {run.parent && (
                  <span className="run-fork" title={from}>
                    ⑂
                  </span>
                )}
                {run.caller && (
                  <span className="run-fork run-called" title={from}>
                    ↳
                  </span>
                )}
              </button>
              <span
                title={`${run.status === 'queued' ? 'Asked for' : 'Started'} ${when(run.startedAt)}`}
              >
                {time(run.startedAt)}
              </span>
              <span>
                {run.status === 'queued'
                  ? '—'
                  : formatMs((run.finishedAt ?? run.updatedAt) - run.startedAt)}
              </span>
              <span aria-label="approvals">{summaries.get(run.id)?.approvals ?? '…'}</span>
              <span aria-label="cost">{formatCost(run.usage?.costUsd ?? 0)}</span>
              {run.id !== shown ? (
                <button
                  type="button"
                  className="run-compare-toggle"
                  aria-pressed={run.id === compared}
                  aria-label={`Compare with run ${run.id}`}
                  title="Compare with the open run"
                  onClick={() => onCompare(run.id === compared ? null : run.id)}
                >
                  ⇆
                </button>
              ) : (
                <span />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
