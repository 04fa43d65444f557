import { useState } from 'react';
import { useEditorState } from '../editor/context.ts';
import type { Debugger } from './useDebugger.ts';

const stateNames: Record<string, string> = {
  idle: 'No run',
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  stepping: 'Stepping',
  awaitingApproval: 'Awaiting approval',
  finished: 'Finished',
  viewingHistory: 'Viewing history',
};

/**
 * Pause, Step, Continue, Stop and Run to here (the node selected on the canvas). Each button is
 * enabled when the session machine says the command makes sense now.
 */
export function DebugToolbar({ debug }: { debug: Debugger }) {
  const { snapshot, record, command, runToNode } = debug;
  const selected = useEditorState((s) => s.selection.nodes);
  const target = selected.size === 1 ? [...selected][0] : undefined;
  const [problem, setProblem] = useState<string | null>(null);
  const state = String(snapshot.value);
  const run = (work: Promise<void>) =>
    void work.then(
      () => setProblem(null),
      (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
    );
  const pausedAt = record?.debug?.pausedAt;

  return (
    <div className="debug-toolbar" role="toolbar" aria-label="Debugger">
      <span className="debug-state" data-state={state} aria-label="Debugger state">
        {stateNames[state] ?? state}
        {state === 'paused' && pausedAt ? ` at ${pausedAt}` : ''}
        {snapshot.context.requested === 'pause' ? ' (pausing…)' : ''}
      </span>
      <button
        type="button"
        disabled={!snapshot.can({ type: 'pause' }) || snapshot.context.requested !== null}
        onClick={() => run(command('pause'))}
      >
        Pause
      </button>
      <button
        type="button"
        disabled={!snapshot.can({ type: 'step' })}
        onClick={() => run(command('step'))}
        title="Run one node, then pause"
      >
        Step
      </button>
      <button
        type="button"
        disabled={!snapshot.can({ type: 'continue' })}
        onClick={() => run(command('continue'))}
      >
        Continue
      </button>
      <button
        type="button"
        disabled={!snapshot.can({ type: 'continue' }) || !target || target === pausedAt}
        title={target ? `Continue until ${target} is about to run` : 'Select a node on the canvas'}
        onClick={() => target && run(runToNode(target))}
      >
        Run to here
      </button>
      <button
        type="button"
        disabled={!snapshot.can({ type: 'stop' })}
        onClick={() => run(command('stop'))}
      >
        Stop
      </button>
      {problem && <span role="alert">{problem}</span>}
    </div>
  );
}
