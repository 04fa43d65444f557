import { describe, expect, it } from 'vitest';
import { RUN_RECORD_VERSION, type RunEvent, type RunRecord } from '../../engine/index.ts';
import { summarize, type StreamBody } from '../../protocol/index.ts';
import { emptyFlow } from '../editor/ops.ts';
import { emptyView, foldView } from './liveView.ts';

const record = (id: string, patch: Partial<RunRecord> = {}): RunRecord => ({
  version: RUN_RECORD_VERSION,
  id,
  flowId: 'f',
  flowName: 'F',
  flow: emptyFlow('f', 'F'),
  input: { n: 1 },
  status: 'running',
  startedAt: 10,
  updatedAt: 10,
  ...patch,
});
const started = (runId: string, seq: number): RunEvent => ({
  type: 'node.started',
  node: `n${seq}`,
  kind: 'transform',
  attempt: 1,
  visit: 1,
  input: null,
  runId,
  seq,
  at: seq,
  causedBy: null,
});
const ev = (runId: string, seq: number): StreamBody => ({
  kind: 'event',
  event: started(runId, seq),
});
const notice = (run: RunRecord): StreamBody => ({ kind: 'record', run: summarize(run) });
const watched = { flowId: 'f', runId: 'r1' };

describe('folding the stream into the run view', () => {
  it("appends the watched run's events in seq order, once each, and only its own", () => {
    const a = foldView(emptyView, watched, [ev('r1', 1), ev('r2', 1), ev('r1', 2), ev('r1', 2)]);
    expect(a.view.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(a.gap).toBe(false);
    const b = foldView(a.view, watched, [ev('r1', 1), ev('r1', 3)]);
    expect(b.view.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(foldView(b.view, watched, [ev('r1', 2)]).view).toBe(b.view);
  });

  it("asks for a read when the watched run's record is heard of before it was read", () => {
    const early = foldView(emptyView, watched, [notice(record('r1', { status: 'waiting' }))]);
    expect(early.gap).toBe(true);
    expect(early.view.record).toBeNull();
    expect(foldView(emptyView, watched, [notice(record('r2'))]).gap).toBe(false);
  });

  it('lists a queued server run, waits for its record, then lets the record replace it', () => {
    const { flow: _f, input: _i, ...written } = record('r1', { startedAt: 5, updatedAt: 5 });
    const queued: StreamBody = {
      kind: 'record',
      run: { ...written, status: 'queued', reason: 'webhook' },
    };
    const waiting = foldView(emptyView, watched, [queued]);
    expect(waiting.view.runs.map((r) => [r.id, r.status])).toEqual([['r1', 'queued']]);
    // No record exists yet, so there is nothing to read: the worker's first write announces one.
    expect(waiting.gap).toBe(false);
    expect(waiting.view.record).toBeNull();
    const taken = foldView(waiting.view, watched, [notice(record('r1', { updatedAt: 9 }))]);
    expect(taken.view.runs.map((r) => [r.id, r.status])).toEqual([['r1', 'running']]);
    expect(taken.gap).toBe(true);
  });

  it('flags a gap in the log instead of folding past it', () => {
    const folded = foldView(emptyView, watched, [ev('r1', 1), ev('r1', 3), ev('r1', 4)]);
    expect(folded.view.events.map((e) => e.seq)).toEqual([1]);
    expect(folded.gap).toBe(true);
  });

  it("replaces a run's summary and the shown record's fields, keeping its flow and input", () => {
    const shown = record('r1');
    const view = { runs: [summarize(shown)], record: shown, events: [] };
    const done = record('r1', { status: 'succeeded', updatedAt: 20, finishedAt: 20 });
    const other = record('r0', { startedAt: 5, updatedAt: 5 });
    const elsewhere = record('x', { flowId: 'g', startedAt: 30 });
    const folded = foldView(view, watched, [notice(done), notice(other), notice(elsewhere)]);
    expect(folded.view.runs.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'succeeded'],
      ['r0', 'running'],
    ]);
    expect(folded.view.runs[0]).not.toHaveProperty('flow');
    expect(folded.view.record).toEqual({ ...done });
    expect(folded.view.record?.flow).toBe(shown.flow);
    expect(folded.approvals).toBe(true);
    // An older write arriving late does not undo a newer one.
    const late = foldView(folded.view, watched, [notice(record('r1', { updatedAt: 15 }))]);
    expect(late.view.record?.status).toBe('succeeded');
    expect(late.view.runs[0]?.status).toBe('succeeded');
  });

  it('asks for the pending approvals again only when an approval or a status changed', () => {
    expect(foldView(emptyView, watched, [ev('r1', 1)]).approvals).toBe(false);
    const asked: StreamBody = {
      kind: 'event',
      event: {
        type: 'approval.decided',
        node: 'a',
        key: 'k',
        decision: { decision: 'approved', by: 'user', at: 1, subject: null },
        runId: 'r9',
        seq: 4,
        at: 4,
        causedBy: null,
      },
    };
    expect(foldView(emptyView, watched, [asked]).approvals).toBe(true);
  });
});
