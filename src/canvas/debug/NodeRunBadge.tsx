import { memo, type MouseEvent } from 'react';
import { toggleBreakpoint, useBreakpoint } from './breakpoints.ts';
import { useStream } from '../run/streaming.ts';
import { useNodeRun } from './overlay.ts';
import { formatCost, formatMs } from './runView.ts';

/** The card's run line: status, time spent and model cost of the watched run at this node. */
export const NodeRunBadge = memo(function NodeRunBadge({ id }: { id: string }) {
  const run = useNodeRun(id);
  if (!run) return null;
  return (
    <p className="node-run" data-status={run.status} aria-label={`Run: ${run.status}`}>
      <span className="node-run-status">{run.status}</span>
      {run.ms > 0 && <span>{formatMs(run.ms)}</span>}
      {run.costUsd > 0 && <span>{formatCost(run.costUsd)}</span>}
      {run.visits > 1 && <span>×{run.visits}</span>}
      {run.external && (
        <span className="node-run-external" title="Touched the outside world">
          ⇄ external
        </span>
      )}
    </p>
  );
});

/** While the node runs, the end of what its model has answered so far, as it arrives. */
export const NodeStream = memo(function NodeStream({ id }: { id: string }) {
  const text = useStream(id);
  const run = useNodeRun(id);
  if (!text || run?.status !== 'running') return null;
  return (
    <p className="node-stream" aria-live="polite" aria-label="Answer so far">
      {text}
    </p>
  );
});

const stop = (event: MouseEvent) => event.stopPropagation();

/** The card's gutter: a dot that sets or clears a breakpoint (F9 does it for the selection). */
export const BreakpointGutter = memo(function BreakpointGutter({
  id,
  label,
}: {
  id: string;
  label: string;
}) {
  const breakpoint = useBreakpoint(id);
  return (
    <button
      type="button"
      className="bp-gutter nodrag nopan"
      data-set={breakpoint ? (breakpoint.condition ? 'conditional' : 'always') : undefined}
      aria-pressed={Boolean(breakpoint)}
      aria-label={`Breakpoint on ${label}`}
      title={
        breakpoint?.condition
          ? `Breaks when ${breakpoint.condition}`
          : breakpoint
            ? 'Breakpoint: click to clear'
            : 'Click to break before this node runs'
      }
      onPointerDown={stop}
      onClick={(event) => {
        stop(event);
        toggleBreakpoint(id);
      }}
    />
  );
});
