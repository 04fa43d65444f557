import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Answer } from '../engine/index.ts';
import type { Flow } from '../flow/index.ts';
import { BreakpointList } from './debug/BreakpointList.tsx';
import { DebugToolbar } from './debug/DebugToolbar.tsx';
import { queuedHow } from './debug/queued.ts';
import { RunHistory } from './debug/RunHistory.tsx';
import { RunTools } from './debug/RunTools.tsx';
import { Timeline } from './debug/Timeline.tsx';
import { usePlayback } from './debug/usePlayback.ts';
import { useDebugger } from './debug/useDebugger.ts';
import { useEditorState } from './editor/context.ts';
import { engine } from './run/engine.ts';
import { Inspect, type InspectTab } from './run/Inspect.tsx';
import { modelsAskedOf } from '../nodes/agent/models.ts';
import { isRecording } from './run/recordings.ts';
import { RealModelSwitch } from './run/RealModelSwitch.tsx';
import { useRequestedRuns } from './run/useRequestedRuns.ts';
import { RunForm } from './run/RunForm.tsx';
import { ConnectionsButton } from './connections/ConnectionsButton.tsx';
import './run/run.css';
import './debug/debug.css';

/**
 * Bottom panel, the debugger: start a run of the current flow and watch it on the canvas, hold
 * it at breakpoints, scrub its timeline, fork it, compare and replay runs, decide what it asks.
 */
export function RunPanel({ flow = null }: { flow?: Flow | null }) {
  const flowId = useEditorState((s) => s.history.present.id);
  // What the panel holds (the watched run, the history, a compared run) belongs to one flow:
  // another flow starts it afresh, so nothing of the previous flow's runs can show for a moment
  // and be taken for the new flow's (the history is fetched again, the newest run opened again).
  return <FlowRunPanel key={flowId} flow={flow} flowId={flowId} />;
}

function FlowRunPanel({ flow, flowId }: { flow: Flow | null; flowId: string }) {
  const debug = useDebugger(flow, flowId);
  const { data, record, events, seq, snapshot } = debug;
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<InspectTab>('step');
  const [compared, setCompared] = useState<string | null>(null);
  const order = useMemo(() => (record?.flow ?? flow)?.nodes.map((n) => n.id) ?? [], [record, flow]);
  // A demo recording asked for from the welcome plays back here, step by step; a run asked for
  // from the memory view opens at the step that wrote the memory.
  const [playing, setPlaying] = useState(false);
  useRequestedRuns(
    debug,
    useCallback(() => setPlaying(true), []),
  );
  usePlayback(playing && debug.fromBundle, events, seq, debug.scrub);

  // Someone is newly asked something: show it.
  const asking = data.pending.length;
  const [seen, setSeen] = useState(asking);
  if (asking !== seen) {
    setSeen(asking);
    if (asking > seen) setTab('approvals');
  }

  const start = async (input: Record<string, unknown>) => {
    setBusy(true);
    try {
      await debug.start(input);
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    setBusy(false);
  };
  // A run asked for from a recording, after the switch to a real model, starts once the flow
  // shown asks for that model: validation catches up with the edit a moment later.
  const armed = useRef<{ input: Record<string, unknown>; model: string } | null>(null);
  const runForReal = (input: Record<string, unknown>, model?: string) => {
    if (model === undefined || (flow && onlyModel(flow, model))) return void start(input);
    armed.current = { input, model };
  };
  useEffect(() => {
    const asked = armed.current;
    if (!asked || !flow || !onlyModel(flow, asked.model)) return;
    armed.current = null;
    void start(asked.input);
    // `start` is made anew each render; what starts the run is the flow catching up.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow]);
  const decide = async (key: string, answer: Answer) => {
    const result = await engine().api.decide({ key, answer });
    data.refresh();
    return result.ok ? null : result.error.message;
  };

  return (
    <section className="panel run-panel" aria-label="Run panel">
      <div className="run-top">
        <DebugToolbar debug={debug} />
        <RunTools debug={debug} />
      </div>
      <div className="run-columns">
        <div className="run-column">
          <details open className="run-section">
            <summary className="panel-title">
              Run <ConnectionsButton className="button-small" />
            </summary>
            {flow ? (
              <RunForm key={flow.id} flow={flow} onStart={(i) => void start(i)} busy={busy} />
            ) : (
              <p className="panel-empty">Fix the flow's errors to run it</p>
            )}
            {problem && <p role="alert">{problem}</p>}
          </details>
          <details open className="run-section">
            <summary className="panel-title">Breakpoints</summary>
            <BreakpointList />
          </details>
          <details open className="run-section">
            <summary className="panel-title">History</summary>
            <RunHistory
              runs={data.runs}
              shown={record?.id ?? null}
              compared={compared}
              onOpen={(run) => {
                debug.open(run);
                setCompared(null);
              }}
              onCompare={(id) => {
                setCompared(id);
                if (id) setTab('compare');
              }}
            />
          </details>
        </div>
        <div className="run-column wide">
          <h2 className="panel-title">
            Timeline
            {record && (
              <span className="run-meta">
                {record.flowName} · {record.id}
                {debug.fromBundle ? (isRecording(record.id) ? ' · recording' : ' · imported') : ''}
              </span>
            )}
          </h2>
          {debug.fromBundle && record && isRecording(record.id) && (
            <div className="run-recording" role="note">
              A demo recording: the model&apos;s answers were scripted and nothing was sent. To run
              it for real:
              <RealModelSwitch onRun={(model) => runForReal(inputOf(record.input), model)} />
            </div>
          )}
          <Timeline
            events={events}
            seq={seq}
            following={snapshot.context.seq === null}
            onPick={debug.scrub}
            empty={
              debug.queued
                ? `Waiting for a worker: ${queuedHow(debug.queued.reason)}. It starts when a worker of the workspace server takes it.`
                : undefined
            }
          />
        </div>
        <div className="run-column">
          <Inspect
            tab={tab}
            onTab={setTab}
            debug={debug}
            compared={compared}
            order={order}
            onDecide={decide}
          />
        </div>
      </div>
      {data.error && <p role="alert">{data.error}</p>}
    </section>
  );
}

const onlyModel = (flow: Flow, model: string) => {
  const asked = modelsAskedOf(flow, 'default');
  return asked.size === 1 && asked.has(model);
};

const inputOf = (input: unknown): Record<string, unknown> =>
  input && typeof input === 'object' && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : {};
