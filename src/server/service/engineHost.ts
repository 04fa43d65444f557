import {
  EngineError,
  RUN_RECORD_VERSION,
  toErrorData,
  type ErrorData,
  type RunEvent,
} from '../../engine/index.ts';
import {
  serve,
  StreamHub,
  summarize,
  type EngineApi,
  type Handlers,
  type Params,
  type RunSummary,
  type StreamBody,
} from '../../protocol/index.ts';
import type { Core } from '../core.ts';
import { parseChange, runChanges } from '../store/changes.ts';
import { parseProgress, runProgress } from '../store/progress.ts';
import { queuedRuns, type QueuedRun } from '../store/queuedRuns.ts';
import { RunFeed } from './runFeed.ts';
import { runEvents } from './runEvents.ts';
import { ServiceError } from './errors.ts';
import type { WorkspaceService } from './workspace.ts';

/** The engine protocol as the server serves it: its commands, and the stream they are heard on. */
export interface EngineHost {
  readonly api: EngineApi;
  readonly hub: StreamHub;
  /** Resolves once what the stream has heard of is published (reads from the store settled). */
  settled(): Promise<void>;
  /** One run's events from `from` on, as they are written by any process (`runEvents`). */
  runEvents(runId: string, from: number, signal: AbortSignal): AsyncGenerator<RunEvent, void>;
  close(): Promise<void>;
}

/** Commands an app's run view needs that the server does not serve yet: said, not faked. */
const notHere = (what: string) => () =>
  Promise.reject(
    new EngineError('unsupported', `${what} is not available on the workspace server yet`),
  );

/** Settings, secrets, the vault and model calls stay with the app's own engine. */
const local = (what: string) => () =>
  Promise.reject(
    new EngineError(
      'unsupported',
      `${what} stays with the app's own engine; the workspace server takes its settings and secrets from its environment and vault`,
    ),
  );

/** The server's runs are not held at breakpoints or stepped: said, rather than ignored. */
function refuseDebugging(debug: Params<'start'>['debug']): void {
  if (debug && (debug.breakpoints.length > 0 || debug.mode === 'step'))
    throw new EngineError(
      'unsupported',
      'breakpoints and stepping are not available on the workspace server yet: remove the breakpoints, or disconnect to debug in the browser',
    );
}

function toError(error: unknown): ErrorData {
  if (error instanceof ServiceError)
    return {
      code: error.code,
      message: error.message,
      ...(error.field ? { path: error.field } : {}),
    };
  if (error instanceof EngineError) return { code: error.code, message: error.message };
  return toErrorData(error);
}

/** A run no worker has taken yet, as the app lists it: asked for at `startedAt`. */
const listedQueued = (q: QueuedRun): RunSummary => ({
  version: RUN_RECORD_VERSION,
  id: q.id,
  flowId: q.flowId,
  flowName: q.flowName,
  status: 'queued',
  reason: q.reason,
  startedAt: q.queuedAt,
  updatedAt: q.queuedAt,
});

/**
 * The protocol's `Handlers` over the server: a start deploys the flow (so its webhook and
 * schedules fire here) and queues its run; decisions go through the first-wins desk and the
 * queue; reads come from the store. The stream carries the events and record notices of every
 * run in the database, whichever process drives it (`RunFeed`: this process's engine at once,
 * others' writes as PostgreSQL announces their commits), and the progress of runs, this
 * process's at once and other processes' as they announce it.
 */
export async function engineHost(
  core: Core,
  service: WorkspaceService,
  log?: (line: string) => void,
): Promise<EngineHost> {
  const { store, engine, clock } = core;
  const hub = new StreamHub();
  // Live messages are masked as the store masks what it keeps: the engine hands them on raw.
  const publish = (body: StreamBody) => hub.publish(core.mask.value(body));
  const feed = new RunFeed(
    store,
    publish,
    (error) => log?.(`stream: a run's new events could not be read: ${String(error)}`),
    async (runId) => (await queuedRuns(core.db, { runId })).map(listedQueued)[0],
  );
  const offs = [
    engine.onEvent((event) => feed.local(event)),
    engine.onProgress((progress) => publish({ kind: 'progress', progress })),
    engine.onRecord((record) => feed.localRecord(record)),
    // The `--mcp` servers' tools were listed again or one approved: the app reads `mcpTools` again.
    core.mcp.tools.onChange(() => publish({ kind: 'tools' })),
  ];
  const unlisten = await core.db.listen(
    runChanges,
    (payload) => {
      const change = parseChange(payload);
      if (change) feed.heard(change);
    },
    () => hub.reset('the server lost touch with its database for a moment: read again'),
  );
  // Progress of runs other processes drive; never stored, so a missed one is just not shown.
  const unlistenProgress = await core.db.listen(
    runProgress,
    (payload) => {
      const progress = parseProgress(payload, core.origin);
      if (progress) publish({ kind: 'progress', progress });
    },
    () => undefined,
  );
  const handlers: Handlers = {
    ready: () => Promise.resolve({ resumed: [] }),
    settings: () =>
      Promise.resolve({ settings: { providers: {}, connections: {} }, revision: 0, savedAt: null }),
    configure: local('Saving settings'),
    adoptSettings: () => Promise.resolve({ adopted: false }),
    start: async ({ flow, input, debug }) => {
      refuseDebugging(debug);
      const deployed = await service.deploy({ flow });
      const { runId } = await service.startRun(deployed.id, { input: input ?? {} });
      return { runId };
    },
    debug: notHere('Pausing and stepping'),
    setBreakpoints: ({ breakpoints }) =>
      breakpoints.length === 0 ? Promise.resolve(null) : notHere('Breakpoints')(),
    stateAt: ({ runId, seq }) => engine.stateAt(runId, seq),
    fork: ({ runId, seq, edits, debug }) => {
      refuseDebugging(debug);
      return service.fork(runId, seq, edits);
    },
    // Only a paused run rewinds, and the server's runs never pause.
    rewind: notHere('Rewinding a run'),
    replay: ({ runId }) => core.replay(runId),
    decide: async ({ key, answer }) => {
      await service.decide(key, answer);
      const approval = await store.getApproval(key);
      return {
        decision: answer.decision,
        subject: answer.subject !== undefined ? answer.subject : approval?.request.subject,
        ...(answer.feedback ? { feedback: answer.feedback } : {}),
        by: 'user',
        at: clock.now(),
      };
    },
    // Taken here under the run's lock (a parked run is resumed to be stopped); a run another
    // process drives answers `run-elsewhere`.
    stop: async ({ runId }) => {
      if ((await service.run(runId)).status === 'queued')
        throw new ServiceError(
          'not-started',
          `run "${runId}" is queued and no worker has started it yet: stop it once it has started`,
          'runId',
        );
      return summarize(await engine.stop(runId));
    },
    rollback: notHere('Rolling a run back'),
    // Queued runs first, as they are the newest: a worker takes them in the order asked.
    runs: async ({ flowId }) => {
      const filter = flowId ? { flowId } : {};
      const [queued, runs] = await Promise.all([
        queuedRuns(core.db, filter),
        store.listRuns(filter),
      ]);
      // A worker may take one between the two reads: its record wins.
      const written = new Set(runs.map((r) => r.id));
      const waiting = queued.filter((q) => !written.has(q.id)).map(listedQueued);
      return [...waiting, ...runs.map(summarize)];
    },
    run: async ({ runId }) => (await store.getRun(runId)) ?? null,
    events: ({ runId, from, to }) => store.events(runId, { from, to }),
    pending: () => store.approvals({ status: 'pending' }),
    complete: local('A model call'),
    testCapability: local('A test call'),
    secretList: local('The secret list'),
    secretSet: local('Setting a secret'),
    secretRemove: local('Removing a secret'),
    vaultStatus: local('The vault'),
    vaultProtect: local('The vault'),
    vaultUnlock: local('The vault'),
    vaultLock: local('The vault'),
    providerModels: local('Listing a provider’s models'),
    testConnection: local('Testing a connection'),
    mcpTools: ({ refresh }) => core.mcp.list(refresh),
    // Starting a command the app names would let any holder of the token run programs here.
    mcpTest: local('Testing an MCP server'),
    mcpApprove: ({ id }) => core.mcp.tools.approve(id),
  };
  return {
    api: serve(handlers, toError),
    hub,
    settled: () => feed.settled(),
    runEvents: (runId, from, signal) => runEvents(store, hub, runId, from, signal),
    async close() {
      offs.forEach((off) => off());
      await unlisten();
      await unlistenProgress();
      await feed.settled();
    },
  };
}
