import type { RunEvent, RunRecord } from '../../engine/index.ts';
import type { RunSummary, StreamBody } from '../../protocol/index.ts';

/** What the run panel shows of the engine: a flow's runs, and one run's record and log. */
export interface LiveView {
  /** The flow's runs, newest first. */
  readonly runs: readonly RunSummary[];
  readonly record: RunRecord | null;
  readonly events: readonly RunEvent[];
}

/** Which flow and run the view follows. */
export interface Watched {
  readonly flowId: string | null;
  readonly runId: string | null;
}

/** The view after a batch of messages, and what it cannot know without reading again. */
interface Folded {
  readonly view: LiveView;
  /**
   * Read again: the watched run's log skipped ahead (events went missing: read it after
   * `events.at(-1)`), or a notice came of the watched run before its record was read (a server
   * creates it only once a worker takes the run, after `start` answered).
   */
  readonly gap: boolean;
  /** Something may have changed what is pending (an approval event, a new status). */
  readonly approvals: boolean;
}

export const emptyView: LiveView = { runs: [], record: null, events: [] };

/** An approval asked or answered, or a run's new status (a stopped run's asks are gone). */
export const touchesApprovals = (body: StreamBody): boolean =>
  body.kind === 'record' || (body.kind === 'event' && body.event.type.startsWith('approval.'));

const newestFirst = (a: RunSummary, b: RunSummary) => b.startedAt - a.startedAt;

/** A later write of a run replaces an earlier one; an older answer never undoes a newer notice. */
function foldRuns(runs: readonly RunSummary[], run: RunSummary): readonly RunSummary[] {
  const at = runs.findIndex((r) => r.id === run.id);
  if (at === -1) return [...runs, run].sort(newestFirst);
  if (runs[at]!.updatedAt > run.updatedAt) return runs;
  const next = [...runs];
  next[at] = run;
  return next;
}

/**
 * Folds one frame's messages into the view, as the worker wrote them: the watched run's events
 * are appended in `seq` order (one copy of the log per frame, however many arrived), record
 * notices replace the run's summary and the shown record's fields (its flow and input are kept:
 * notices leave them out).
 */
export function foldView(view: LiveView, watched: Watched, batch: readonly StreamBody[]): Folded {
  let { runs, record } = view;
  const added: RunEvent[] = [];
  let last = view.events.at(-1)?.seq ?? 0;
  let gap = false;
  let approvals = false;
  for (const body of batch) {
    approvals ||= touchesApprovals(body);
    switch (body.kind) {
      case 'event': {
        const { event } = body;
        if (event.runId !== watched.runId || event.seq <= last || gap) break;
        if (event.seq === last + 1) {
          added.push(event);
          last = event.seq;
        } else gap = true;
        break;
      }
      case 'record': {
        const { run } = body;
        if (run.flowId === watched.flowId) runs = foldRuns(runs, run);
        // Queued on a server: no record yet, and the worker's first write brings one.
        const { status, reason: _reason, ...written } = run;
        if (status === 'queued') break;
        if (record && record.id === run.id && run.updatedAt >= record.updatedAt)
          record = { ...written, status, flow: record.flow, input: record.input };
        else if (!record && run.id === watched.runId) gap = true;
        break;
      }
      // Progress, notices, settings and tools change nothing this view shows.
      case 'progress':
      case 'notice':
      case 'settings':
      case 'tools':
        break;
    }
  }
  const events = added.length > 0 ? [...view.events, ...added] : view.events;
  const same = runs === view.runs && record === view.record && events === view.events;
  return { view: same ? view : { runs, record, events }, gap, approvals };
}
