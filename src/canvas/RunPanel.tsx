import { useState } from 'react';
import type { Flow } from '../flow/index.ts';
import type { Answer } from '../engine/index.ts';
import { ApprovalCard } from './run/ApprovalCard.tsx';
import { engine } from './run/engine.ts';
import { EventLog } from './run/EventLog.tsx';
import { RunForm } from './run/RunForm.tsx';
import { SettingsDialog } from './run/SettingsDialog.tsx';
import { useRunData } from './run/useRunData.ts';
import './run/run.css';

/** Bottom panel: start a run of the current flow, watch it, and decide what it asks. */
export function RunPanel({ flow = null }: { flow?: Flow | null }) {
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const data = useRunData(flow?.id ?? null, selected);
  const shownRun = selected ?? data.runs[0]?.id ?? null;

  const start = async (input: Record<string, unknown>) => {
    if (!flow) return;
    setBusy(true);
    const result = await engine().api.start(flow, input);
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      setSelected(result.value.runId);
    } else setProblem(result.error.message);
    data.refresh();
  };
  const decide = async (key: string, answer: Answer) => {
    const result = await engine().api.decide(key, answer);
    data.refresh();
    return result.ok ? null : result.error.message;
  };

  return (
    <section className="panel run-panel" aria-label="Run panel">
      <div className="run-columns">
        <div className="run-column">
          <h2 className="panel-title">
            Run <SettingsDialog />
          </h2>
          {flow ? (
            <RunForm key={flow.id} flow={flow} onStart={(input) => void start(input)} busy={busy} />
          ) : (
            <p className="panel-empty">Fix the flow's errors to run it</p>
          )}
          {problem && <p role="alert">{problem}</p>}
          <h2 className="panel-title">Runs</h2>
          {data.runs.length === 0 ? (
            <p className="panel-empty">No runs yet</p>
          ) : (
            <ul className="run-list" aria-label="Runs">
              {data.runs.map((run) => (
                <li key={run.id}>
                  <button
                    type="button"
                    aria-pressed={run.id === shownRun}
                    onClick={() => setSelected(run.id)}
                  >
                    <span className={`run-status status-${run.status}`}>{run.status}</span>{' '}
                    {new Date(run.startedAt).toLocaleTimeString()}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="run-column wide">
          <h2 className="panel-title">Events</h2>
          <EventLog events={data.events} />
        </div>
        <div className="run-column">
          <h2 className="panel-title">
            Approvals{' '}
            <span className="badge" aria-label={`${data.pending.length} pending`}>
              {data.pending.length}
            </span>
          </h2>
          {data.pending.length === 0 ? (
            <p className="panel-empty">Nothing waiting for you</p>
          ) : (
            data.pending.map((approval) => (
              <ApprovalCard
                key={approval.key}
                approval={approval}
                onDecide={(answer) => decide(approval.key, answer)}
              />
            ))
          )}
        </div>
      </div>
      {data.error && <p role="alert">{data.error}</p>}
    </section>
  );
}
