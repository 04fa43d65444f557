import { and, assign, setup } from 'xstate';
import type { RunStatus } from '../../engine/index.ts';

/** Where the session's run comes from: this browser's engine, or an imported bundle. */
export type RunSource = 'engine' | 'bundle';

interface SessionContext {
  readonly runId: string | null;
  readonly source: RunSource;
  /** The step being looked at; `null` follows the newest event. */
  readonly seq: number | null;
  /** A command sent to the engine whose effect has not been reported yet. */
  readonly requested: 'pause' | 'stop' | null;
}

/** A queued run (a server's, no worker has taken it yet) is watched as a running one. */
type OpenedStatus = RunStatus | 'queued';

export type SessionEvent =
  /** A run this session started (or forked) is under way. */
  | { type: 'start'; runId: string }
  /** Look at a run someone picked from the history, or an imported bundle. */
  | { type: 'open'; runId: string; status: OpenedStatus; source?: RunSource }
  /** The engine reports the watched run's status (a server's listing, `queued`, before its record). */
  | { type: 'status'; runId: string; status: OpenedStatus }
  | { type: 'step' }
  | { type: 'continue' }
  | { type: 'pause' }
  | { type: 'stop' }
  /** Take the paused run back to an earlier step; it pauses again there. */
  | { type: 'rewind' }
  | { type: 'scrub'; seq: number | null }
  | { type: 'close' };

const terminal: ReadonlySet<OpenedStatus> = new Set([
  'succeeded',
  'failed',
  'compensated',
  'stopped',
  'needs-attention',
]);

/** Where a status report of the watched run leads; `running` is left out while a step is under way. */
const follow = (running: boolean) => [
  { guard: and(['isOurs', 'isPaused']), target: 'paused' },
  { guard: and(['isOurs', 'isWaiting']), target: 'awaitingApproval' },
  { guard: and(['isOurs', 'isFinished']), target: 'finished' },
  ...(running ? [{ guard: 'isOurs' as const, target: 'running' }] : []),
];

const statusOf = (event: SessionEvent): OpenedStatus | null =>
  'status' in event ? event.status : null;

/**
 * The debugger session's own states. The engine owns the run; this machine owns what the person
 * is doing with it: watching it run, holding it at a pause, stepping one node, answering an
 * approval, looking at the finished run, or browsing a past one. Buttons ask `can()` whether a
 * command makes sense now.
 * @example const [snapshot, send] = useMachine(debugSession); send({ type: 'start', runId });
 */
export const debugSession = setup({
  types: { context: {} as SessionContext, events: {} as SessionEvent },
  guards: {
    isPaused: ({ event }) => statusOf(event) === 'paused',
    isWaiting: ({ event }) => statusOf(event) === 'waiting',
    isQueued: ({ event }) => statusOf(event) === 'queued',
    isFinished: ({ event }) => {
      const status = statusOf(event);
      return status !== null && terminal.has(status);
    },
    isFinishedOrImported: ({ event }) => {
      const status = statusOf(event);
      return (
        (event.type === 'open' && event.source === 'bundle') ||
        (status !== null && terminal.has(status))
      );
    },
    /** Status reports of other runs (the history refreshing) are not ours to follow. */
    isOurs: ({ context, event }) => event.type === 'status' && event.runId === context.runId,
  },
  actions: {
    follow: assign(({ event }) =>
      event.type === 'start' || event.type === 'open'
        ? {
            runId: event.runId,
            seq: null,
            source: (event.type === 'open' && event.source) || 'engine',
            requested: null,
          }
        : {},
    ),
    scrub: assign(({ event }) => (event.type === 'scrub' ? { seq: event.seq } : {})),
    followNewest: assign({ seq: null }),
    forget: assign({ runId: null, seq: null, source: 'engine' as const }),
    request: assign(({ event }) =>
      event.type === 'pause' || event.type === 'stop' ? { requested: event.type } : {},
    ),
    settle: assign({ requested: null }),
  },
}).createMachine({
  id: 'debugSession',
  context: { runId: null, source: 'engine', seq: null, requested: null },
  initial: 'idle',
  on: {
    start: { target: '.running', actions: 'follow' },
    open: [
      { guard: 'isFinishedOrImported', target: '.viewingHistory', actions: 'follow' },
      { guard: 'isPaused', target: '.paused', actions: 'follow' },
      { guard: 'isWaiting', target: '.awaitingApproval', actions: 'follow' },
      { guard: 'isQueued', target: '.queued', actions: 'follow' },
      { target: '.running', actions: 'follow' },
    ],
    close: { target: '.idle', actions: 'forget' },
  },
  states: {
    idle: { entry: 'settle' },
    // Asked of a workspace server that has no free worker: nothing to pause, step or stop until
    // a worker takes it and reports it running.
    queued: {
      on: {
        // The listing is read again now and then: still queued is no news.
        status: [{ guard: and(['isOurs', 'isQueued']) }, ...follow(true)],
      },
    },
    running: {
      on: {
        // A run just started on a server may turn out to be queued.
        status: [{ guard: and(['isOurs', 'isQueued']), target: 'queued' }, ...follow(true)],
        pause: { actions: 'request' },
        stop: { actions: 'request' },
        scrub: { actions: 'scrub' },
      },
    },
    paused: {
      entry: 'settle',
      on: {
        status: follow(true),
        step: { target: 'stepping' },
        // The engine reports running, then paused before the node after the rewind point.
        rewind: { target: 'stepping', actions: 'followNewest' },
        continue: { target: 'running' },
        stop: { actions: 'request' },
        scrub: { actions: 'scrub' },
      },
    },
    // One node runs; the engine pauses again before the next one, or the run ends.
    stepping: {
      on: { status: follow(false), stop: { actions: 'request' }, scrub: { actions: 'scrub' } },
    },
    awaitingApproval: {
      entry: 'settle',
      on: { status: follow(true), stop: { actions: 'request' }, scrub: { actions: 'scrub' } },
    },
    finished: { entry: 'settle', on: { scrub: { actions: 'scrub' } } },
    viewingHistory: { entry: 'settle', on: { scrub: { actions: 'scrub' } } },
  },
});
