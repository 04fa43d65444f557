import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApprovalRecord, RunEvent, RunRecord } from '../../engine/index.ts';
import type { RunSummary, StreamBody } from '../../protocol/index.ts';
import { valueOf } from '../../protocol/index.ts';
import { engine } from './engine.ts';
import { flowApprovals } from './flowApprovals.ts';
import { emptyView, foldView, type LiveView, type Watched } from './liveView.ts';
import { useEngineStream, type Frame } from './useEngineStream.ts';

interface RunData {
  /** The flow's runs, newest first. */
  readonly runs: readonly RunSummary[];
  readonly pending: readonly ApprovalRecord[];
  /** The shown run's record and log (the log grows in place as the run goes on). */
  readonly record: RunRecord | null;
  readonly events: readonly RunEvent[];
  /** Whether the worker has resumed what was under way (so statuses are current). */
  readonly ready: boolean;
  readonly error: string | null;
  /** Reads the runs, the record and what is pending again, and the log's newest events. */
  readonly refresh: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const asEvents = (events: readonly RunEvent[]): StreamBody[] =>
  events.map((event) => ({ kind: 'event', event }));

/**
 * A flow's runs, its pending approvals and one run's log, kept live from the engine's stream:
 * the view is read once and then folded from the messages (`foldView`), so a running flow costs
 * no reads. It reads again when it is told to (`refresh`, after a command), when the stream was
 * reset, when the log skipped, and (only what is pending) when an approval or a status changed.
 */
export function useRunData(flowId: string | null, runId: string | null): RunData {
  const [view, setView] = useState<{ watched: Watched; view: LiveView }>({
    watched: { flowId, runId },
    view: emptyView,
  });
  const [allPending, setPending] = useState<readonly ApprovalRecord[]>([]);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What the folds start from; messages that arrive while a read is out are kept to fold again
  // onto its answer (they may be newer than what it read).
  const held = useRef({ watched: { flowId, runId }, view: emptyView, reads: 0 });
  const during = useRef<StreamBody[] | null>(null);

  const show = useCallback((watched: Watched, next: LiveView) => {
    held.current.view = next;
    setView({ watched, view: next });
  }, []);

  const readPending = useCallback(() => {
    void valueOf(engine().api.pending())
      .then(setPending)
      .catch((e: unknown) => setError(message(e)));
  }, []);

  const read = useCallback(() => {
    const h = held.current;
    const { watched } = h;
    const reading = ++h.reads;
    during.current ??= [];
    const { api } = engine();
    const after = h.view.events.at(-1)?.seq ?? 0;
    void Promise.all([
      watched.flowId ? valueOf(api.runs({ flowId: watched.flowId })) : [],
      watched.runId ? valueOf(api.run({ runId: watched.runId })) : null,
      watched.runId ? valueOf(api.events({ runId: watched.runId, from: after + 1 })) : [],
    ])
      .then(([runs, record, more]) => {
        if (reading !== h.reads) return;
        const base = { ...h.view, runs: [...runs].sort((a, b) => b.startedAt - a.startedAt) };
        const fresh = foldView({ ...base, record }, watched, asEvents(more));
        const caught = foldView(fresh.view, watched, during.current ?? []);
        during.current = null;
        show(watched, caught.view);
        setError(null);
      })
      .catch((e: unknown) => reading === h.reads && setError(message(e)));
    readPending();
  }, [show, readPending]);

  // Another flow or run: start from nothing and read it.
  useEffect(() => {
    const watched = { flowId, runId };
    const { watched: was, view: had } = held.current;
    const same = was.runId === runId;
    held.current.watched = watched;
    show(watched, {
      runs: was.flowId === flowId ? had.runs : [],
      record: same ? had.record : null,
      events: same ? had.events : [],
    });
    read();
  }, [flowId, runId, read, show]);

  const onFrame = useCallback(
    ({ batch, reset }: Frame) => {
      const h = held.current;
      during.current?.push(...batch);
      if (reset) return read();
      const folded = foldView(h.view, h.watched, batch);
      if (folded.view !== h.view) show(h.watched, folded.view);
      if (folded.gap) read();
      else if (folded.approvals) readPending();
    },
    [read, readPending, show],
  );
  const onReady = useCallback(() => {
    setReady(true);
    read();
  }, [read]);
  useEngineStream(onFrame, onReady);

  // A flow's panel asks about its own runs; the inbox has everyone's.
  const current = view.watched.flowId === flowId && view.watched.runId === runId;
  const shown = current ? view.view : emptyView;
  const pending = useMemo(
    () => (flowId ? flowApprovals(allPending, shown.runs) : allPending),
    [flowId, allPending, shown.runs],
  );
  return {
    runs: shown.runs,
    pending,
    record: shown.record,
    events: shown.events,
    ready,
    error,
    refresh: read,
  };
}
