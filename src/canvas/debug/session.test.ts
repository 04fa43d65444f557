import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { debugSession, type SessionEvent } from './session.ts';

function session(...events: SessionEvent[]) {
  const actor = createActor(debugSession).start();
  for (const event of events) actor.send(event);
  return actor;
}

describe('the debugger session', () => {
  it('starts idle, with nothing to pause, step or stop', () => {
    const snapshot = session().getSnapshot();
    expect(snapshot.value).toBe('idle');
    for (const type of ['pause', 'step', 'continue', 'stop'] as const)
      expect(snapshot.can({ type })).toBe(false);
  });

  it('follows a run to a breakpoint, steps one node, and pauses again', () => {
    const actor = session({ type: 'start', runId: 'r1' });
    expect(actor.getSnapshot().value).toBe('running');
    expect(actor.getSnapshot().can({ type: 'step' })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'pause' })).toBe(true);

    actor.send({ type: 'status', runId: 'r1', status: 'paused' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().can({ type: 'step' })).toBe(true);
    expect(actor.getSnapshot().can({ type: 'pause' })).toBe(false);

    actor.send({ type: 'step' });
    // The run reports running while the one node works: the session is still stepping.
    actor.send({ type: 'status', runId: 'r1', status: 'running' });
    expect(actor.getSnapshot().value).toBe('stepping');
    actor.send({ type: 'status', runId: 'r1', status: 'paused' });
    expect(actor.getSnapshot().value).toBe('paused');

    actor.send({ type: 'continue' });
    expect(actor.getSnapshot().value).toBe('running');
    actor.send({ type: 'status', runId: 'r1', status: 'waiting' });
    expect(actor.getSnapshot().value).toBe('awaitingApproval');
    actor.send({ type: 'status', runId: 'r1', status: 'succeeded' });
    expect(actor.getSnapshot().value).toBe('finished');
  });

  it('holds a queued run with nothing to pause, step or stop until a worker takes it', () => {
    for (const asked of [
      [{ type: 'open', runId: 'q1', status: 'queued' }],
      [
        { type: 'start', runId: 'q1' },
        { type: 'status', runId: 'other', status: 'queued' },
        { type: 'status', runId: 'q1', status: 'queued' },
      ],
    ] satisfies SessionEvent[][]) {
      const actor = session(...asked);
      expect(actor.getSnapshot().value).toBe('queued');
      // The listing read again says the same: nothing changes.
      actor.send({ type: 'status', runId: 'q1', status: 'queued' });
      expect(actor.getSnapshot().value).toBe('queued');
      for (const type of ['pause', 'step', 'continue', 'stop'] as const)
        expect(actor.getSnapshot().can({ type })).toBe(false);
      actor.send({ type: 'status', runId: 'q1', status: 'running' });
      expect(actor.getSnapshot().value).toBe('running');
      expect(actor.getSnapshot().can({ type: 'pause' })).toBe(true);
    }
  });

  it('ignores status reports of other runs', () => {
    const actor = session({ type: 'start', runId: 'r1' });
    actor.send({ type: 'status', runId: 'other', status: 'succeeded' });
    expect(actor.getSnapshot().value).toBe('running');
  });

  it('notes a pause or stop request until the run reports back', () => {
    const actor = session({ type: 'start', runId: 'r1' }, { type: 'pause' });
    expect(actor.getSnapshot().context.requested).toBe('pause');
    actor.send({ type: 'status', runId: 'r1', status: 'paused' });
    expect(actor.getSnapshot().context.requested).toBeNull();
    actor.send({ type: 'stop' });
    actor.send({ type: 'status', runId: 'r1', status: 'stopped' });
    expect(actor.getSnapshot().value).toBe('finished');
    expect(actor.getSnapshot().can({ type: 'stop' })).toBe(false);
  });

  it('opens a past run as history, and a paused one (after a reload) as paused', () => {
    const past = session({ type: 'open', runId: 'old', status: 'succeeded' });
    expect(past.getSnapshot().value).toBe('viewingHistory');
    const imported = session({ type: 'open', runId: 'b', status: 'running', source: 'bundle' });
    expect(imported.getSnapshot().value).toBe('viewingHistory');
    expect(imported.getSnapshot().context.source).toBe('bundle');
    const reloaded = session({ type: 'open', runId: 'p', status: 'paused' });
    expect(reloaded.getSnapshot().value).toBe('paused');
  });

  it('keeps the scrubbed step until the run changes', () => {
    const actor = session(
      { type: 'open', runId: 'old', status: 'succeeded' },
      { type: 'scrub', seq: 7 },
    );
    expect(actor.getSnapshot().context.seq).toBe(7);
    actor.send({ type: 'start', runId: 'fork' });
    expect(actor.getSnapshot().context).toMatchObject({ runId: 'fork', seq: null });
    actor.send({ type: 'close' });
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('rewinds only a paused run, and then follows it until it pauses again', () => {
    const actor = session({ type: 'start', runId: 'r1' });
    expect(actor.getSnapshot().can({ type: 'rewind' })).toBe(false);
    actor.send({ type: 'status', runId: 'r1', status: 'paused' });
    actor.send({ type: 'scrub', seq: 4 });
    expect(actor.getSnapshot().can({ type: 'rewind' })).toBe(true);
    actor.send({ type: 'rewind' });
    expect(actor.getSnapshot().value).toBe('stepping');
    expect(actor.getSnapshot().context.seq).toBeNull();
    actor.send({ type: 'status', runId: 'r1', status: 'running' });
    expect(actor.getSnapshot().value).toBe('stepping');
    actor.send({ type: 'status', runId: 'r1', status: 'paused' });
    expect(actor.getSnapshot().value).toBe('paused');
  });
});
