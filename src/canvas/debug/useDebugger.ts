import { useMachine } from '@xstate/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ForkEdits, RunEvent, RunRecord } from '../../engine/index.ts';
import type { Flow } from '../../flow/index.ts';
import type { RunSummary } from '../../protocol/index.ts';
import { engine } from '../run/engine.ts';
import { useStreaming } from '../run/streaming.ts';
import { useRunData } from '../run/useRunData.ts';
import { breakpoints, showFlow, useBreakpoints } from './breakpoints.ts';
import type { RunBundle } from './bundle.ts';
import { showView } from './overlay.ts';
import { runViewAt } from './runView.ts';
import { debugSession } from './session.ts';

const fail = (error: { message: string }) => {
  throw new Error(error.message);
};

/**
 * The debugger of one flow: the session machine, the shown run (from the engine or an imported
 * bundle), and the commands a person gives it. Writes the canvas overlay as of the selected step.
 * Its state belongs to `flowId`; the run panel mounts it afresh when another flow opens.
 */
export function useDebugger(flow: Flow | null, flowId: string | null) {
  const [snapshot, send] = useMachine(debugSession);
  const { runId, source, seq: picked } = snapshot.context;
  const [bundle, setBundle] = useState<RunBundle | null>(null);
  const fromBundle = source === 'bundle' && bundle !== null;
  const data = useRunData(flowId, source === 'engine' ? runId : null);
  const record: RunRecord | null = fromBundle ? bundle.run : data.record;
  const events: readonly RunEvent[] = fromBundle ? bundle.events : data.events;
  const seq = picked ?? events.at(-1)?.seq ?? null;
  const list = useBreakpoints();
  const runTo = useRef<{ runId: string; node: string } | null>(null);

  // The flow's own breakpoints and, once the worker is ready, its newest run.
  useEffect(() => showFlow(flowId), [flowId]);
  const newest = data.runs[0];
  useEffect(() => {
    if (data.ready && runId === null && newest)
      send({ type: 'open', runId: newest.id, status: newest.status });
  }, [data.ready, runId, newest, send]);

  useEffect(() => {
    if (data.record) send({ type: 'status', runId: data.record.id, status: data.record.status });
  }, [data.record, send]);
  // A run a workspace server holds in its queue has no record yet, only its listing.
  const queued = data.record
    ? undefined
    : data.runs.find((r) => r.id === runId && r.status === 'queued');
  useEffect(() => {
    if (queued) send({ type: 'status', runId: queued.id, status: 'queued' });
  }, [queued, send]);

  useEffect(() => showView(runViewAt(events, seq)), [events, seq]);

  // Breakpoints changed while a run is live reach it; "run to here" ends where it stops.
  const live = !fromBundle && record !== null && !snapshot.matches('finished');
  const liveId = live ? record.id : null;
  useStreaming(liveId);
  useEffect(() => {
    if (liveId) void engine().api.setBreakpoints({ runId: liveId, breakpoints: list });
  }, [liveId, list]);
  const pausedAt = record?.debug?.pausedAt;
  useEffect(() => {
    const target = runTo.current;
    if (target && target.runId === record?.id && pausedAt === target.node) {
      runTo.current = null;
      void engine().api.setBreakpoints({
        runId: target.runId,
        breakpoints: breakpoints.get().list,
      });
    }
  }, [pausedAt, record?.id]);

  const debugState = () => ({ breakpoints: breakpoints.get().list, mode: 'run' as const });
  const refresh = data.refresh;

  const start = useCallback(
    async (input: Record<string, unknown>) => {
      if (!flow) return;
      const result = await engine().api.start({ flow, input, debug: debugState() });
      if (!result.ok) return fail(result.error);
      send({ type: 'start', runId: result.value.runId });
      refresh();
    },
    [flow, send, refresh],
  );

  const command = useCallback(
    async (type: 'step' | 'continue' | 'pause' | 'stop') => {
      if (!runId) return;
      send({ type });
      const { api } = engine();
      const result =
        type === 'stop' ? await api.stop({ runId }) : await api.debug({ runId, command: type });
      if (!result.ok) fail(result.error);
      refresh();
    },
    [runId, send, refresh],
  );

  const runToNode = useCallback(
    async (node: string) => {
      if (!runId) return;
      runTo.current = { runId, node };
      await engine().api.setBreakpoints({
        runId,
        breakpoints: [...breakpoints.get().list, { node }],
      });
      await command('continue');
    },
    [runId, command],
  );

  const fork = useCallback(
    async (atSeq: number, edits: ForkEdits) => {
      if (!runId) return;
      const result = await engine().api.fork({ runId, seq: atSeq, edits, debug: debugState() });
      if (!result.ok) return fail(result.error);
      send({ type: 'start', runId: result.value.runId });
      refresh();
    },
    [runId, send, refresh],
  );

  const rewind = useCallback(
    async (atSeq: number) => {
      if (!runId) return;
      send({ type: 'rewind' });
      const result = await engine().api.rewind({ runId, seq: atSeq });
      refresh();
      if (!result.ok) fail(result.error);
    },
    [runId, send, refresh],
  );

  const open = useCallback(
    (run: RunSummary) => send({ type: 'open', runId: run.id, status: run.status }),
    [send],
  );
  const openBundle = useCallback(
    (next: RunBundle) => {
      setBundle(next);
      send({ type: 'open', runId: next.run.id, status: next.run.status, source: 'bundle' });
    },
    [send],
  );
  const scrub = useCallback((to: number | null) => send({ type: 'scrub', seq: to }), [send]);

  return {
    snapshot,
    data,
    record,
    /** The watched run while a server's queue holds it, with who asked for it. */
    queued,
    events,
    seq,
    fromBundle,
    start,
    command,
    runToNode,
    fork,
    rewind,
    open,
    openBundle,
    scrub,
  };
}

export type Debugger = ReturnType<typeof useDebugger>;
