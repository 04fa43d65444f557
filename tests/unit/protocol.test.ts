import { describe, expect, it } from 'vitest';
import {
  dispatch,
  PROTOCOL_VERSION,
  serve,
  StreamFollower,
  StreamHub,
  type Handlers,
  type StreamBody,
  type StreamMessage,
} from '../../src/protocol/index.ts';

const event = (seq: number): StreamBody => ({
  kind: 'event',
  event: {
    type: 'node.timedOut',
    node: 'n',
    afterMs: 1,
    runId: 'r1',
    seq,
    at: seq,
    causedBy: null,
  },
});
const seqs = (messages: readonly StreamMessage[]) =>
  messages.filter((m) => m.kind === 'event').map((m) => (m.kind === 'event' ? m.event.seq : -1));

describe('the stream hub', () => {
  it('numbers messages and greets a new subscriber with a reset at the current seq', () => {
    const hub = new StreamHub(10, 'host-a');
    hub.publish(event(1));
    const got: StreamMessage[] = [];
    hub.subscribe((m) => got.push(m));
    hub.publish(event(2));
    expect(got[0]).toMatchObject({ kind: 'reset', seq: 1, stream: 'host-a' });
    expect(got[1]).toMatchObject({ kind: 'event', seq: 2 });
  });

  it('resumes a returning subscriber after the last seq it saw, with nothing twice', () => {
    const hub = new StreamHub(10, 'host-a');
    const first: StreamMessage[] = [];
    const off = hub.subscribe((m) => first.push(m));
    for (let i = 1; i <= 3; i++) hub.publish(event(i));
    off();
    for (let i = 4; i <= 6; i++) hub.publish(event(i));
    const again: StreamMessage[] = [];
    hub.subscribe((m) => again.push(m), { stream: 'host-a', after: 3 });
    hub.publish(event(7));
    expect(seqs(first)).toEqual([1, 2, 3]);
    expect(again[0]).toMatchObject({ kind: 'hello', seq: 3 });
    expect(again.slice(1).map((m) => m.seq)).toEqual([4, 5, 6, 7]);
  });

  it('resets a subscriber that missed more than it keeps, or followed another host', () => {
    const hub = new StreamHub(3, 'host-a');
    for (let i = 1; i <= 10; i++) hub.publish(event(i));
    const behind: StreamMessage[] = [];
    hub.subscribe((m) => behind.push(m), { stream: 'host-a', after: 5 });
    expect(behind).toEqual([
      expect.objectContaining({
        kind: 'reset',
        seq: 10,
        reason: expect.stringMatching(/missed 2/) as unknown,
      }),
    ]);
    const elsewhere: StreamMessage[] = [];
    hub.subscribe((m) => elsewhere.push(m), { stream: 'host-b', after: 9 });
    expect(elsewhere).toEqual([
      expect.objectContaining({ kind: 'reset', reason: 'the engine restarted' }),
    ]);
    // Exactly at the edge of what is kept, nothing is lost: no reset.
    const edge: StreamMessage[] = [];
    hub.subscribe((m) => edge.push(m), { stream: 'host-a', after: 7 });
    expect(edge.map((m) => m.kind)).toEqual(['hello', 'event', 'event', 'event']);
  });

  it('resets every subscriber when the host may have missed changes, and forgets what it kept', () => {
    const hub = new StreamHub(10, 'host-a');
    for (let i = 1; i <= 3; i++) hub.publish(event(i));
    const live: StreamMessage[] = [];
    hub.subscribe((m) => live.push(m), { stream: 'host-a', after: 3 });
    hub.reset('lost the database');
    hub.publish(event(4));
    expect(live.map((m) => m.kind)).toEqual(['hello', 'reset', 'event']);
    expect(live[1]).toMatchObject({ seq: 4, stream: 'host-a', reason: 'lost the database' });
    // A follower takes the reset as "read again", then goes on with what follows.
    const follower = new StreamFollower();
    expect(live.map((m) => follower.receive(m).type)).toEqual(['reset', 'reset', 'deliver']);
    // One that comes back from before the reset (even just before) is reset too.
    const back: StreamMessage[] = [];
    hub.subscribe((m) => back.push(m), { stream: 'host-a', after: 3 });
    expect(back.map((m) => m.kind)).toEqual(['reset']);
    const current: StreamMessage[] = [];
    hub.subscribe((m) => current.push(m), { stream: 'host-a', after: 4 });
    expect(current.map((m) => m.kind)).toEqual(['hello', 'event']);
  });

  it('keeps sending to the others when one subscriber throws', () => {
    const hub = new StreamHub(3, 'h');
    const got: number[] = [];
    hub.subscribe(() => {
      throw new Error('closed page');
    });
    hub.subscribe((m) => got.push(m.seq));
    hub.publish(event(1));
    expect(got).toEqual([0, 1]);
  });
});

describe('the stream follower', () => {
  it('delivers in order, skips repeats and resumes where it left off', () => {
    const hub = new StreamHub(10, 'h');
    const follower = new StreamFollower();
    const delivered: number[] = [];
    const steps: string[] = [];
    const receive = (m: StreamMessage) => {
      const step = follower.receive(m);
      steps.push(step.type);
      if (step.type === 'deliver' && step.body.kind === 'event')
        delivered.push(step.body.event.seq);
    };
    const off = hub.subscribe(receive);
    hub.publish(event(1));
    hub.publish(event(2));
    off();
    hub.publish(event(3));
    expect(follower.position()).toEqual({ stream: 'h', after: 2 });
    hub.subscribe(receive, follower.position());
    hub.publish(event(4));
    expect(delivered).toEqual([1, 2, 3, 4]);
    // The first greeting resets (read everything); the resumed one does not.
    expect(steps).toEqual(['reset', 'deliver', 'deliver', 'skip', 'deliver', 'deliver']);
    expect(follower.receive({ ...event(2), seq: 2 })).toEqual({ type: 'skip' });
  });

  it('turns a gap into a reset, and refuses another protocol version', () => {
    const follower = new StreamFollower();
    follower.receive({ kind: 'reset', seq: 0, stream: 'h', protocol: PROTOCOL_VERSION });
    expect(follower.receive({ ...event(1), seq: 1 })).toMatchObject({ type: 'deliver' });
    expect(follower.receive({ ...event(4), seq: 4 })).toEqual({
      type: 'reset',
      reason: '2 messages went missing',
    });
    const stranger = new StreamFollower();
    expect(
      stranger.receive({ kind: 'hello', seq: 3, stream: 'h', protocol: PROTOCOL_VERSION + 1 }),
    ).toMatchObject({ type: 'reset', reason: expect.stringMatching(/reload the page/) as unknown });
    expect(stranger.receive({ ...event(4), seq: 4 })).toEqual({ type: 'skip' });
    expect(stranger.position()).toBeUndefined();
  });
});

describe('commands', () => {
  const calls: unknown[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, name) => (params: unknown) => {
      calls.push([name, params]);
      if (name === 'stop') throw Object.assign(new Error('no run "x"'), { code: 'unknown-run' });
      return Promise.resolve(null);
    },
  });
  const api = serve(handlers, (e) => ({ code: 'thrown', message: String(e) }));

  it('refuses parameters before the handler runs, naming the field', async () => {
    const answer = await api.start({
      flow: {},
      input: {},
      debug: { breakpoints: [{ node: '' }], mode: 'run' },
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid', path: 'debug.breakpoints.0.node' },
    });
    expect(await api.stateAt({ runId: 'r1', seq: -1 })).toMatchObject({
      ok: false,
      error: { path: 'seq' },
    });
    const stray = await dispatch(api, 'rewind', { runId: 'r1', seq: 2, force: true });
    expect(stray).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(stray.ok ? '' : stray.error.message).toMatch(/force/);
    expect(calls).toEqual([]);
  });

  it('answers with data: parsed values reach the handler, a throw becomes the error', async () => {
    expect(await api.runs()).toEqual({ ok: true, value: null });
    expect(await api.stop({ runId: 'x' })).toEqual({
      ok: false,
      error: { code: 'thrown', message: 'Error: no run "x"' },
    });
    expect(await dispatch(api, 'launch', {})).toMatchObject({
      ok: false,
      error: {
        code: 'unknown-command',
        message: expect.stringMatching(/no command "launch"/) as unknown,
      },
    });
    expect(calls).toEqual([
      ['runs', {}],
      ['stop', { runId: 'x' }],
    ]);
  });
});
