import { createLlmClient } from '../agents/index.ts';
import {
  EngineError,
  systemClock,
  type Clock,
  type Engine,
  type EngineOptions,
  type LlmClient,
  type MemoryPort,
  type RunStore,
} from '../engine/index.ts';
import { validateFlow } from '../flow/index.ts';
import { VolatileMemory } from '../memory/volatile.ts';
import { catalog } from '../nodes/index.ts';
import { createEngine, replay } from '../nodes/runtime.ts';
import { SecretVault, type SecretReader } from '../secrets/index.ts';
import {
  resumeSchema,
  serve,
  StreamHub,
  summarize,
  type Handlers,
  type RuntimeSettings,
  type StreamMessage,
} from '../protocol/index.ts';
import { toResultError } from './toResultError.ts';
import type { HostApi } from './protocol.ts';
import { subflowLoader, type SavedFlows } from './savedFlows.ts';
import { testCall } from './testCall.ts';

export interface HostOptions {
  readonly store: RunStore;
  readonly fetch: typeof fetch;
  readonly clock?: Clock;
  readonly locks?: { tryAcquire(runId: string): Promise<(() => void) | null> };
  /** What recall and remember nodes use; the worker passes the IndexedDB memory. */
  readonly memory?: MemoryPort;
  /** Where capabilities and providers find the secrets they name; the vault by default. */
  readonly secrets?: SecretReader;
  /** The vault the UI manages (names, values, passphrase); also the default secret reader. */
  readonly vault?: SecretVault;
  /** Saved flows, which Subflow nodes run; the worker passes the editor's IndexedDB library. */
  readonly flows?: SavedFlows;
  /** How many stream messages a returning subscriber can catch up on. */
  readonly replay?: number;
}

/**
 * The engine as the worker serves it: one engine over the browser's store, resuming on start-up
 * whatever was under way, and answering the UI with data only.
 */
export function createHost(options: HostOptions): HostApi {
  let settings: RuntimeSettings = { providers: {}, connections: {} };
  // The engine keeps this object; `configure` refills it in place.
  const connections: Record<string, RuntimeSettings['connections'][string]> = {};
  const vault = options.vault ?? new SecretVault();
  const secrets = options.secrets ?? vault;
  const llm: LlmClient = {
    complete: (request, signal, onText) =>
      createLlmClient(settings.providers, { fetch: options.fetch, secrets }).complete(
        request,
        signal,
        onText,
      ),
  };
  const services: EngineOptions['services'] = {
    clock: options.clock ?? systemClock,
    fetch: (input, init) => options.fetch(input, init),
    llm,
    memory: options.memory ?? new VolatileMemory(),
    connections,
    secrets,
  };
  const replayOptions = { store: options.store, services };
  const engine: Engine = createEngine({
    store: options.store,
    services,
    ...(options.locks ? { locks: options.locks } : {}),
    ...(options.flows ? { loadFlow: subflowLoader(options.flows) } : {}),
  });
  const hub = new StreamHub(options.replay);
  engine.onEvent((event) => hub.publish({ kind: 'event', event }));
  engine.onProgress((progress) => hub.publish({ kind: 'progress', progress }));
  engine.onRecord((record) => hub.publish({ kind: 'record', run: summarize(record) }));
  const booted = (async () => ({
    resumed: (await engine.resumeAll('the workspace opened again')).map((r) => r.runId),
  }))();
  // Start-up failures answer `ready`, not an unhandled rejection.
  void booted.catch(() => undefined);
  const subscriptions = new Map<number, () => void>();
  let nextSubscription = 0;

  const handlers: Handlers = {
    ready: () => booted,
    configure: (next) => {
      settings = next;
      for (const name of Object.keys(connections)) delete connections[name];
      Object.assign(connections, next.connections);
      return Promise.resolve(null);
    },
    start: async ({ flow: doc, input, debug }) => {
      const checked = validateFlow(doc, catalog);
      if (!checked.ok) {
        const first = checked.issues.find((i) => i.severity === 'error');
        throw new EngineError(
          'invalid-flow',
          `the flow has errors${first ? `, first at ${first.path || 'the document'}: ${first.message}` : ''}`,
        );
      }
      return { runId: (await engine.start(checked.flow, input, debug ? { debug } : {})).runId };
    },
    debug: async ({ runId, command }) => (await engine.debug(runId, command), null),
    setBreakpoints: async ({ runId, breakpoints }) => (
      await engine.setBreakpoints(runId, breakpoints),
      null
    ),
    stateAt: ({ runId, seq }) => engine.stateAt(runId, seq),
    fork: async ({ runId, seq, edits, debug }) => ({
      runId: (await engine.fork(runId, seq, edits, debug)).runId,
    }),
    rewind: async ({ runId, seq }) => ({ runId: (await engine.rewind(runId, seq)).runId }),
    replay: async ({ runId }) => ({ events: (await replay(replayOptions, runId)).events }),
    decide: ({ key, answer }) => engine.decide(key, answer),
    stop: async ({ runId }) => summarize(await engine.stop(runId)),
    rollback: async ({ runId }) => summarize(await engine.rollback(runId)),
    runs: async ({ flowId }) =>
      (await options.store.listRuns(flowId ? { flowId } : {})).map(summarize),
    run: async ({ runId }) => (await options.store.getRun(runId)) ?? null,
    events: ({ runId, from, to }) => options.store.events(runId, { from, to }),
    pending: () => engine.pendingApprovals(),
    complete: ({ request }) => llm.complete(request, AbortSignal.timeout(120_000)),
    testCapability: ({ id, input, definition }) => testCall(services, id, input, definition),
    secretList: () => vault.list(),
    secretSet: async ({ name, value }) => (await vault.set(name, value), null),
    secretRemove: async ({ name }) => (await vault.remove(name), null),
    vaultStatus: () => vault.status(),
    vaultProtect: async ({ passphrase }) => (await vault.protect(passphrase), null),
    vaultUnlock: async ({ passphrase }) => (await vault.unlock(passphrase), null),
    vaultLock: () => Promise.resolve((vault.lock(), null)),
  };

  return {
    ...serve(handlers, toResultError),
    subscribe: (listener: (message: StreamMessage) => void, from?: unknown) => {
      const resume = from === undefined ? undefined : resumeSchema.safeParse(from);
      const off = hub.subscribe(listener, resume?.success ? resume.data : undefined);
      subscriptions.set(++nextSubscription, off);
      return Promise.resolve(nextSubscription);
    },
    unsubscribe: (id: number) => {
      subscriptions.get(id)?.();
      subscriptions.delete(id);
      return Promise.resolve();
    },
  };
}
