import { describe, expect, it } from 'vitest';
import type { RunEvent, RunEventBody } from '../../engine/index.ts';
import { emptyFlow } from '../editor/ops.ts';
import { readBundle } from './bundle.ts';
import { edgeTaken, runViewAt } from './runView.ts';
import { stepAt } from './step.ts';

const log = (...bodies: RunEventBody[]): RunEvent[] =>
  bodies.map((b, i) => ({ ...b, runId: 'r', seq: i + 1, at: 0, causedBy: null }));

const events = log(
  { type: 'node.started', node: 'a', kind: 'start', input: { q: 1 }, visit: 1, attempt: 1 },
  { type: 'node.succeeded', node: 'a', port: 'out', output: { x: 1 }, ms: 5 },
  { type: 'node.started', node: 'b', kind: 'agent', input: { x: 1 }, visit: 1, attempt: 1 },
  {
    type: 'llm.called',
    node: 'b',
    model: 'm',
    inputTokens: 1,
    outputTokens: 1,
    costUsd: 0.002,
    repair: 0,
  },
  { type: 'node.succeeded', node: 'b', port: 'yes', output: { y: 2 }, ms: 40 },
  { type: 'debug.paused', node: 'c', reason: 'breakpoint' },
);

describe('the run as of a step', () => {
  it('gives the same view at any step of a long log, scrubbed in any order, as a fresh fold', () => {
    const long = log(
      ...Array.from({ length: 3000 }, (_, i): RunEventBody[] => {
        const node = `n${i % 7}`;
        return [
          { type: 'node.started', node, kind: 'transform', input: i, visit: 1, attempt: 1 },
          i % 5 === 0
            ? {
                type: 'node.failed',
                node,
                error: { code: 'x', message: 'x' },
                attempt: 1,
                willRetry: i % 10 === 0,
              }
            : {
                type: 'node.succeeded',
                node,
                port: i % 3 === 0 ? 'yes' : 'out',
                output: i,
                ms: i % 13,
              },
        ];
      }).flat(),
    );
    for (const seq of [5999, 1, 4100, 1024, 1023, 1025, 2048, 17, 6000, 3000, 2047]) {
      const fresh = runViewAt(long.slice(0, seq));
      const scrubbed = runViewAt(long, seq);
      expect(scrubbed.nodes).toEqual(fresh.nodes);
      expect(scrubbed.left).toEqual(fresh.left);
      expect(scrubbed.started).toEqual(fresh.started);
      expect(scrubbed.active).toBe(fresh.active);
    }
    expect(runViewAt(long, 4100).nodes.get('n0')?.ms).not.toBe(
      runViewAt(long, 5999).nodes.get('n0')?.ms,
    );
  });

  it('follows the path after a rewind, and shows the way it was before it at earlier steps', () => {
    const rewound = log(
      ...(events as RunEventBody[]),
      { type: 'run.rewound', toSeq: 2 },
      { type: 'run.resumed', fromSeq: 7, reason: 'rewound' },
      { type: 'debug.paused', node: 'b', reason: 'step' },
    );
    const now = runViewAt(rewound);
    expect(now.nodes.get('b')).toMatchObject({ status: 'paused', costUsd: 0 });
    expect(now.nodes.has('c')).toBe(false);
    expect(now.active).toBe('b');
    const then = runViewAt(rewound, 6);
    expect(then.nodes.get('b')).toMatchObject({ status: 'succeeded', costUsd: 0.002 });
    expect(then.nodes.get('c')).toMatchObject({ status: 'paused' });
  });

  it('gives each node its status, time and cost, and the edges the run went along', () => {
    const view = runViewAt(events);
    expect(view.nodes.get('b')).toMatchObject({ status: 'succeeded', ms: 40, costUsd: 0.002 });
    expect(view.nodes.get('c')?.status).toBe('paused');
    expect(view.active).toBe('c');
    expect(edgeTaken(view, { source: 'a', sourceHandle: 'out', target: 'b' })).toBe(true);
    // b left through "yes", and c has not started yet.
    expect(edgeTaken(view, { source: 'b', sourceHandle: 'no', target: 'c' })).toBe(false);
  });

  it('forgets what happened after the picked step', () => {
    const view = runViewAt(events, 3);
    expect(view.active).toBe('b');
    expect(view.nodes.get('b')?.status).toBe('running');
    expect(stepAt(events, 3)).toMatchObject({ node: 'b', input: { x: 1 }, output: undefined });
    expect(stepAt(events, 5)).toMatchObject({ node: 'b', output: { y: 2 } });
  });
});

describe('run bundles', () => {
  it('refuses a log with gaps and says why', () => {
    // As a bundle written before run records had a version: it is migrated.
    const run = {
      id: 'r',
      flowId: 'f',
      flowName: 'F',
      flow: emptyFlow('f', 'F'),
      status: 'succeeded',
      startedAt: 0,
      updatedAt: 0,
    };
    const text = (evs: unknown[]) =>
      JSON.stringify({ format: 'aios-run', version: 1, run, events: evs });
    expect(readBundle(text(events)).ok).toBe(true);
    expect(readBundle(text([events[0], events[2]]))).toMatchObject({
      ok: false,
      error: expect.stringContaining('without gaps') as unknown,
    });
    expect(readBundle('{')).toMatchObject({ ok: false });
    expect(readBundle(text(events))).toMatchObject({ ok: true, bundle: { run: { version: 1 } } });
    const bad = JSON.stringify({
      format: 'aios-run',
      version: 1,
      run: { ...run, status: 'done' },
      events,
    });
    expect(readBundle(bad)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a run bundle: run\.status: /) as unknown,
    });
    // Each event is read as the engine writes it: a wrong field is named with its place.
    const wrong = [events[0], events[1], { ...events[2], attempt: 'first' }, ...events.slice(3)];
    expect(readBundle(text(wrong))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a run bundle: events\.2\.attempt: /) as unknown,
    });
    const stray = [{ ...events[0], colour: 'red' }, ...events.slice(1)];
    expect(readBundle(text(stray))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a run bundle: events\.0: .*colour/) as unknown,
    });
  });
});
