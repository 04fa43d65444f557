import { useCallback } from 'react';
import type { RunEvent } from '../../engine/index.ts';
import type { Debugger } from '../debug/useDebugger.ts';
import { engine } from './engine.ts';
import { useRunRequests } from './runRequests.ts';

/** Where a node did its work in a run: the memory it wrote, else its last finish. */
function stepOf(events: readonly RunEvent[], nodeId: string): number | undefined {
  const wrote = events.find((e) => e.type === 'memory.remembered' && e.node === nodeId);
  if (wrote) return wrote.seq;
  return events.findLast((e) => e.type === 'node.succeeded' && e.node === nodeId)?.seq;
}

/**
 * Shows in the run panel what the rest of the app asks for: a recording (which then plays back),
 * or a run of the engine opened at the step a node did its work.
 */
export function useRequestedRuns(debug: Debugger, onRecording: () => void): void {
  const { openBundle, open, scrub } = debug;
  useRunRequests(
    useCallback(
      (request) => {
        if (request.kind === 'recording') {
          openBundle(request.bundle);
          onRecording();
          return;
        }
        void (async () => {
          const run = await engine().api.run({ runId: request.runId });
          if (!run.ok || !run.value) return;
          open(run.value);
          if (!request.nodeId) return;
          const events = await engine().api.events({ runId: request.runId });
          const at = events.ok ? stepOf(events.value, request.nodeId) : undefined;
          if (at !== undefined) scrub(at);
        })();
      },
      [openBundle, open, scrub, onRecording],
    ),
  );
}
