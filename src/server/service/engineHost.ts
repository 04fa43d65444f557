import { EngineError, toErrorData, type ErrorData } from '../../engine/index.ts';
import {
  serve,
  StreamHub,
  summarize,
  type EngineApi,
  type Handlers,
  type StreamBody,
} from '../../protocol/index.ts';
import type { Core } from '../core.ts';
import { ServiceError } from './errors.ts';
import type { WorkspaceService } from './workspace.ts';

/** The engine protocol as the server serves it: its commands, and the stream they are heard on. */
export interface EngineHost {
  readonly api: EngineApi;
  readonly hub: StreamHub;
  close(): void;
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

/**
 * The protocol's `Handlers` over the server: a start deploys the flow (so its webhook and
 * schedules fire here) and queues its run; decisions go through the first-wins desk and the
 * queue; reads come from the store. The stream carries this process's engine events and record
 * notices (the runs `aios serve`'s own workers drive).
 */
export function engineHost(core: Core, service: WorkspaceService): EngineHost {
  const { store, engine, clock } = core;
  const hub = new StreamHub();
  const publish = (body: StreamBody) => hub.publish(body);
  const offs = [
    engine.onEvent((event) => publish({ kind: 'event', event })),
    engine.onProgress((progress) => publish({ kind: 'progress', progress })),
    engine.onRecord((record) => publish({ kind: 'record', run: summarize(record) })),
  ];
  const handlers: Handlers = {
    ready: () => Promise.resolve({ resumed: [] }),
    settings: () =>
      Promise.resolve({ settings: { providers: {}, connections: {} }, revision: 0, savedAt: null }),
    configure: local('Saving settings'),
    adoptSettings: () => Promise.resolve({ adopted: false }),
    start: async ({ flow, input, debug }) => {
      if (debug && (debug.breakpoints.length > 0 || debug.mode === 'step'))
        throw new EngineError(
          'unsupported',
          'breakpoints and stepping are not available on the workspace server yet: remove the breakpoints, or disconnect to debug in the browser',
        );
      const deployed = await service.deploy({ flow });
      return service.startRun(deployed.id, { input: input ?? {} });
    },
    debug: notHere('Pausing and stepping'),
    setBreakpoints: ({ breakpoints }) =>
      breakpoints.length === 0 ? Promise.resolve(null) : notHere('Breakpoints')(),
    stateAt: ({ runId, seq }) => engine.stateAt(runId, seq),
    fork: notHere('Forking a run'),
    rewind: notHere('Rewinding a run'),
    replay: notHere('Replaying a run'),
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
      await service.run(runId);
      return summarize(await engine.stop(runId));
    },
    rollback: notHere('Rolling a run back'),
    runs: async ({ flowId }) => (await store.listRuns(flowId ? { flowId } : {})).map(summarize),
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
    close: () => offs.forEach((off) => off()),
  };
}
